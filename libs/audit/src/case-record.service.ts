import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CaseAccessLogEntity, CaseEventEntity } from './case-event.entity';

export interface TimelineEntry {
  type: string;
  payload?: Record<string, unknown>;
}

/** Dates become ISO strings in the stored payload; nothing else is transformed. */
function serialise(payload: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
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

  async append(m: EntityManager, caseId: string, actorId: string | null, entries: TimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({ caseId, actorId, type: e.type, payload: serialise(e.payload ?? {}) }));
    await m.getRepository(CaseEventEntity).insert(rows as QueryDeepPartialEntity<CaseEventEntity>[]);
  }

  /** Events of several cases at once, in one statement (the deadline steps processed in one batch). */
  async appendMany(m: EntityManager, rows: (TimelineEntry & { caseId: string; actorId: string | null })[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(`INSERT INTO case_event (case_id, actor_id, type, payload) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[])`, [
      rows.map((r) => r.caseId),
      rows.map((r) => r.actorId),
      rows.map((r) => r.type),
      rows.map((r) => JSON.stringify(serialise(r.payload ?? {}))),
    ]);
  }

  async logAccess(m: EntityManager | undefined, caseId: string, actorId: string, action: 'read' | 'write', what: string): Promise<void> {
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
