import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a case's timeline. Append-only (a trigger refuses updates and deletes). */
@Entity('case_event')
export class CaseEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid') caseId: string;
  @Column('timestamptz') at: Date;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text') type: string;
  @Column('jsonb') payload: Record<string, unknown>;
}

/**
 * Who read or changed a case, or a child's registry record, when (append-only). Exactly one of
 * caseId and childId is set: a child's record is shared by all its cases, so its entries name the
 * child, and each of its cases shows them in its access log.
 */
@Entity('case_access_log')
export class CaseAccessLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid', { nullable: true }) caseId: string | null;
  @Column('uuid', { nullable: true }) childId: string | null;
  @Column('uuid') actorId: string;
  @Column('timestamptz') at: Date;
  @Column('text') action: 'read' | 'write';
  @Column('text') what: string;
}
