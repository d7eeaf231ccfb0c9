import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DeadlineKind, DeadlineStatus, DeadlineStep, DeadlineVariant } from '@haven/domain';

/** A statutory step a case owes (migration 1795940300000). Written by DeadlinesService only. */
@Entity('deadline')
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @Column('uuid', { nullable: true }) referralId: string | null;
  @Column('uuid', { nullable: true }) planActionId: string | null;
  @Column('text') kind: DeadlineKind;
  @Column('text', { nullable: true }) variant: DeadlineVariant | null;
  @Column('varchar', { length: 2 }) provinceCode: string;
  @Column('varchar', { length: 5 }) communeCode: string;
  /** Who owes it; null when a role does (a plan decision: the commune's supervisors; a referral's answer: the partner). */
  @Column('uuid', { nullable: true }) ownerId: string | null;
  @Column('timestamptz') dueAt: Date;
  @Column('text') status: DeadlineStatus;
  @Column('timestamptz', { nullable: true }) metAt: Date | null;
  @Column('timestamptz', { nullable: true }) cancelledAt: Date | null;
  @Column('integer') escalationLevel: number;
  /** The step BullMQ fires next, and when; null once escalation 2 is sent or the deadline is closed. */
  @Column('text', { nullable: true }) nextStep: DeadlineStep | null;
  @Column('timestamptz', { nullable: true }) nextStepAt: Date | null;
  @Column('timestamptz') openedAt: Date;
  @Column('integer') version: number;
}
