import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReferralStatus, ReferralUrgency, ServiceType } from '@haven/domain';

/**
 * A case's request for a service from a partner organisation. Its free text (reason, decline
 * reason, outcome, cancel reason) stays on this row: timeline events carry the referral's id only.
 */
@Entity('referral')
export class ReferralEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @Column('uuid') organisationId: string;
  @Column('text') serviceType: ServiceType;
  @Column('text') urgency: ReferralUrgency;
  @Column('text') status: ReferralStatus;
  @Column('text') reason: string;
  /** Shared notes of the case that travel with the referral (checked when it is sent). */
  @Column('uuid', { array: true }) sharedNoteIds: string[];
  @Column('uuid', { nullable: true }) planActionId: string | null;
  /** Sent without recorded consent to sharing, on a supervisor's emergency override. */
  @Column('boolean') consentOverride: boolean;
  /** The override's justification (a case decision note). */
  @Column('uuid', { nullable: true }) overrideNoteId: string | null;
  @Column('uuid') createdBy: string;
  @Column('timestamptz') createdAt: Date;
  @Column('uuid', { nullable: true }) respondedBy: string | null;
  @Column('timestamptz', { nullable: true }) respondedAt: Date | null;
  @Column('text', { nullable: true }) declineReason: string | null;
  @Column('uuid', { nullable: true }) completedBy: string | null;
  @Column('timestamptz', { nullable: true }) completedAt: Date | null;
  @Column('text', { nullable: true }) outcome: string | null;
  @Column('uuid', { nullable: true }) cancelledBy: string | null;
  @Column('timestamptz', { nullable: true }) cancelledAt: Date | null;
  @Column('text', { nullable: true }) cancelReason: string | null;
  /** An accepted referral ended by the case side (by hand, or by the case's closure). */
  @Column('uuid', { nullable: true }) withdrawnBy: string | null;
  @Column('timestamptz', { nullable: true }) withdrawnAt: Date | null;
  @Column('text', { nullable: true }) withdrawReason: string | null;
  /** Marked by the case team to go on after the case closes (accepted only), and why. */
  @Column('text', { nullable: true }) continuesAfterClosureReason: string | null;
  @Column('uuid', { nullable: true }) continuesAfterClosureBy: string | null;
  @Column('timestamptz', { nullable: true }) continuesAfterClosureAt: Date | null;
  @Column('timestamptz') updatedAt: Date;
  /** Bumped by every step; a step may name the version it saw (optional, checked if given). */
  @Column('integer') version: number;
}

/** A partner's progress report on an accepted referral. */
@Entity('referral_update')
export class ReferralUpdateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') referralId: string;
  @Column('uuid') authorId: string;
  @Column('text') body: string;
  @Column('timestamptz') createdAt: Date;
}
