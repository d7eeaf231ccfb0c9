import { Column, Entity, OneToMany, ManyToOne, JoinColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanStatus, ServiceType } from '@haven/domain';

@Entity('plan')
export class PlanEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @Column('integer') versionNo: number;
  @Column('text') status: PlanStatus;
  @Column('jsonb') goals: string[];
  @Column('uuid', { array: true }) authorIds: string[];
  @Column('uuid', { nullable: true }) submittedBy: string | null;
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
  @Column('uuid', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) decisionComment: string | null;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') updatedAt: Date;
  @OneToMany(() => PlanActionEntity, (a) => a.plan, { cascade: true }) actions: PlanActionEntity[];
}

@Entity('plan_action')
export class PlanActionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') planId: string;
  @ManyToOne(() => PlanEntity, (p) => p.actions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan: PlanEntity;
  @Column('integer') position: number;
  @Column('text') serviceType: ServiceType;
  @Column('text') description: string;
  @Column('uuid', { nullable: true }) organisationId: string | null;
  @Column('uuid', { nullable: true }) responsibleUserId: string | null;
  @Column('timestamptz', { nullable: true }) startAt: Date | null;
  @Column('timestamptz') dueAt: Date;
  /** Vietnamese đồng, whole numbers (art. 28(3) asks for a cost estimate per item). */
  @Column('numeric', {
    precision: 14,
    scale: 0,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  costEstimate: number | null;
}
