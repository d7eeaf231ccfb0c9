import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { CaseRecordEvent } from '@haven/domain';
import type { AccessAction, AccessWhat } from './case-access.types';
import { CaseAccessLogEntity, CaseEventEntity } from './case-event.entity';

/** An event of some case, with who did it (null: the system, e.g. a deadline step). */
export interface CaseRecordRow {
  caseId: string;
  actorId: string | null;
  event: CaseRecordEvent;
}

/**
 * The stored row's type and payload: the payload is the event without its type. Dates become ISO
 * strings in the stored payload; nothing else is transformed.
 */
function rowOf(event: CaseRecordEvent): { type: CaseRecordEvent['type']; payload: Record<string, unknown> } {
  const { type, ...payload } = event;
  return { type, payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown> };
}

/**
 * The case record: its history (case_event) and its access log (case_access_log). History is
 * always written with the EntityManager of the change's transaction, so an event exists exactly
 * when its change does.
 */
@Injectable()
export class CaseRecordService {
  constructor(
    @InjectRepository(CaseEventEntity) private readonly events: Repository<CaseEventEntity>,
    @InjectRepository(CaseAccessLogEntity) private readonly accessLog: Repository<CaseAccessLogEntity>,
  ) {}

  async append(m: EntityManager, caseId: string, actorId: string | null, events: readonly CaseRecordEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((e) => ({ caseId, actorId, ...rowOf(e) }));
    await m.getRepository(CaseEventEntity).insert(rows as QueryDeepPartialEntity<CaseEventEntity>[]);
  }

  /** Events of several cases at once, in one statement (the deadline steps processed in one batch). */
  async appendMany(m: EntityManager, rows: readonly CaseRecordRow[]): Promise<void> {
    if (rows.length === 0) return;
    const stored = rows.map((r) => rowOf(r.event));
    await m.query(`INSERT INTO case_event (case_id, actor_id, type, payload) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[])`, [
      rows.map((r) => r.caseId),
      rows.map((r) => r.actorId),
      stored.map((s) => s.type),
      stored.map((s) => JSON.stringify(s.payload)),
    ]);
  }

  async logAccess<A extends AccessAction>(m: EntityManager | undefined, caseId: string, actorId: string, action: A, what: AccessWhat<A>): Promise<void> {
    await (m ? m.getRepository(CaseAccessLogEntity) : this.accessLog).insert({ caseId, actorId, action, what });
  }

  listEvents(caseId: string): Promise<CaseEventEntity[]> {
    return this.events.find({ where: { caseId }, order: { id: 'ASC' } });
  }

  /** The case's own entries and those of its child's record, in the order they were written. */
  listAccess(caseId: string): Promise<CaseAccessLogEntity[]> {
    return this.accessLog
      .createQueryBuilder('l')
      .where('l.case_id = :caseId', { caseId })
      .orWhere('l.child_id = (SELECT c.child_id FROM "case" c WHERE c.id = :caseId)', { caseId })
      .orderBy('l.id', 'ASC')
      .getMany();
  }
}
