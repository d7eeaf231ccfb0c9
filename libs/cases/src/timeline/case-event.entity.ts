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

/** Who read or changed a case, when (append-only). */
@Entity('case_access_log')
export class CaseAccessLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid') caseId: string;
  @Column('uuid') actorId: string;
  @Column('timestamptz') at: Date;
  @Column('text') action: 'read' | 'write';
  @Column('text') what: string;
}
