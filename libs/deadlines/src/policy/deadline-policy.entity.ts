import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeadlinePolicyOverrides } from '@haven/domain';

/** A province's overrides of the default deadline policy; no row means the defaults (migration 1795940100000). */
@Entity('deadline_policy')
export class DeadlinePolicyEntity {
  @PrimaryColumn('varchar', { length: 2 }) provinceCode: string;
  /** Only what the province changed, validated on the way in (resolveDeadlinePolicy). */
  @Column('jsonb') policy: DeadlinePolicyOverrides;
  @Column('integer') version: number;
  @Column('uuid', { nullable: true }) updatedBy: string | null;
  @Column('timestamptz') updatedAt: Date;
}
