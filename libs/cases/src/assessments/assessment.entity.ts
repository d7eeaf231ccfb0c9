import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssessmentType, RiskLevel, SeparationOutcome } from '@haven/domain';

@Entity('assessment')
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @Column('text') type: AssessmentType;
  @Column('text') riskLevel: RiskLevel;
  @Column('boolean', { nullable: true }) immediateDanger: boolean | null;
  @Column('boolean', { nullable: true }) stillAtRisk: boolean | null;
  /** Review only: the two conditions of Decree 56 art. 30(1)(b); null where an old-style finding did not say. */
  @Column('boolean', { nullable: true }) noLongerAtRiskOfAbuse: boolean | null;
  @Column('boolean', { nullable: true }) stable: boolean | null;
  @Column('jsonb') findings: Record<string, unknown>;
  @Column('uuid') recordedBy: string;
  @Column('timestamptz') recordedAt: Date;
}

@Entity('emergency_measure')
export class EmergencyMeasureEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @Column('jsonb') measures: string[];
  @Column('timestamptz') takenAt: Date;
  @Column('uuid') recordedBy: string;
  @Column('timestamptz') recordedAt: Date;
}

@Entity('separation')
export class SeparationEntity {
  @Column('uuid', { primary: true }) id: string;
  @Column('uuid') caseId: string;
  @Column('timestamptz') startAt: Date;
  @Column('timestamptz') endAt: Date;
  @Column('text') placement: string;
  @Column('boolean') extendedByAuthority: boolean;
  @Column('text', { nullable: true }) authorityReference: string | null;
  @Column('uuid') decidedBy: string;
  @Column('timestamptz', { nullable: true }) endedAt: Date | null;
  @Column('uuid', { nullable: true }) endedBy: string | null;
  /** Decree 56 art. 32(3); null while active, or when ended by a client that did not say. */
  @Column('text', { nullable: true }) outcome: SeparationOutcome | null;
  @Column('timestamptz') createdAt: Date;
}
