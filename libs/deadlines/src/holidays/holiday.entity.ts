import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarDayKind } from '@haven/domain';

/** An exception to the Monday–Friday week (migration 1795940100000). */
@Entity('holiday')
export class HolidayEntity {
  /** The local day, `YYYY-MM-DD` (a PostgreSQL date, read back as text). */
  @PrimaryColumn('date') date: string;
  @Column('text') kind: CalendarDayKind;
  @Column('text') nameVi: string;
  @Column('text') nameEn: string;
  /** false: inferred, no official notice yet (Tết 2027 and the 2027 swaps in the seed). */
  @Column('boolean') confirmed: boolean;
  @Column('text', { nullable: true }) source: string | null;
  /** null for the seeded days. */
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @Column('timestamptz') createdAt: Date;
}
