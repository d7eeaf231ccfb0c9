import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ClosureReason, ConcernType, IntakeChannel, RiskLevel, Stage } from '@haven/domain';

/** The reporter of Mẫu 01. Their identity is kept only with their consent. */
export interface Reporter {
  relationship?: string;
  /** Only stored when identityConsent is true. */
  name?: string;
  phone?: string;
  identityConsent: boolean;
}

@Entity('case')
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') caseNumber: string;
  @Column('varchar', { length: 2 }) provinceCode: string;
  @Column('varchar', { length: 5 }) communeCode: string;
  @Column('uuid') childId: string;
  @Column('text') stage: Stage;
  @Column('text', { nullable: true }) riskLevel: RiskLevel | null;
  @Column('boolean') immediateDanger: boolean;
  @Column('text', { array: true }) concernTypes: ConcernType[];
  @Column('text') channel: IntakeChannel;
  /** The first report's receipt (Mẫu 01). */
  @Column('timestamptz') receivedAt: Date;
  /** The current episode's receipt: `receivedAt`, then each reopening's new report (CaseState.episodeReceivedAt). */
  @Column('timestamptz') episodeReceivedAt: Date;
  /** When the information of the danger known now came in (CaseState.dangerReceivedAt). */
  @Column('timestamptz', { nullable: true }) dangerReceivedAt: Date | null;
  @Column('jsonb', { nullable: true }) reporter: Reporter | null;
  @Column('timestamptz', { nullable: true }) incidentOccurredAt: Date | null;
  @Column('varchar', { length: 5 }) incidentCommuneCode: string;
  @Column('text') incidentDescription: string;
  @Column('uuid') createdBy: string;
  @Column('uuid', { nullable: true }) assigneeId: string | null;
  @Column('timestamptz') openedAt: Date;
  @Column('timestamptz', { nullable: true }) closedAt: Date | null;
  @Column('boolean') hasInitialAssessment: boolean;
  @Column('boolean') hasNeedsAssessment: boolean;
  @Column('boolean', { nullable: true }) lastReviewStillAtRisk: boolean | null;
  @Column('integer') emergencyMeasuresCount: number;
  @Column('integer', { nullable: true }) approvedPlanVersion: number | null;
  @Column('text', { nullable: true }) closureRequestReason: ClosureReason | null;
  @Column('uuid', { nullable: true }) closureRequestedBy: string | null;
  @Column('text', { nullable: true }) closureRequestNote: string | null;
  /** The commune a `transferred` request or closure names. */
  @Column('text', { nullable: true }) closureReceivingCommuneCode: string | null;
  @Column('text', { nullable: true }) closureReason: ClosureReason | null;
  @Column('uuid', { nullable: true }) closureApprovedBy: string | null;
  @Column('integer') reopenCount: number;
  @Column('timestamptz', { nullable: true }) nextDueAt: Date | null;
  @Column('timestamptz') updatedAt: Date;
  /** Optimistic lock: every command names the version it saw. Bumped by the service, not TypeORM. */
  @Column('integer') version: number;
}
