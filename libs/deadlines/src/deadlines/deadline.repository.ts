import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeadlineKind, DeadlineSelector, DeadlineStatus, DeadlineStep, DeadlineVariant, LadderStep } from '@haven/domain';
import type { ScheduledStep } from './deadline-steps';

/**
 * A row of the deadline table as SQL returns it (migrations 1795940300000, 1795950000000,
 * 1795950200000): the one declared shape of a deadline, which every read picks from.
 */
export interface DeadlineRow {
  id: string;
  case_id: string;
  referral_id: string | null;
  plan_action_id: string | null;
  kind: DeadlineKind;
  variant: DeadlineVariant | null;
  province_code: string;
  commune_code: string;
  /** Who owes it; null when a role does (a plan decision: the commune's supervisors; a referral's answer: the partner). */
  owner_id: string | null;
  due_at: Date;
  status: DeadlineStatus;
  met_at: Date | null;
  cancelled_at: Date | null;
  escalation_level: number;
  /** The step BullMQ fires next, and when; null once the ladder is over or the deadline is closed. */
  next_step: DeadlineStep | null;
  next_step_at: Date | null;
  opened_at: Date;
  counted_from: Date | null;
  rolled_up: boolean;
  version: number;
}

/** A deadline to insert: the case's place and the decision's deadline, with its first step. */
export type NewDeadline = Pick<
  DeadlineRow,
  | 'case_id'
  | 'referral_id'
  | 'plan_action_id'
  | 'kind'
  | 'variant'
  | 'province_code'
  | 'commune_code'
  | 'owner_id'
  | 'due_at'
  | 'next_step'
  | 'next_step_at'
  | 'opened_at'
  | 'counted_from'
>;

/** A deadline as the step service (escalation/deadline-step.service.ts) needs it, locked in its transaction (selected under these names). */
export interface DeadlineForStep {
  id: string;
  caseId: string;
  caseNumber: string;
  referralId: string | null;
  kind: DeadlineKind;
  variant: DeadlineVariant | null;
  provinceCode: string;
  communeCode: string;
  ownerId: string | null;
  /** False when the owner has left (deactivated): the commune's supervisors stand in. */
  ownerActive: boolean;
  dueAt: Date;
  status: DeadlineStatus;
  escalationLevel: number;
  nextStep: DeadlineStep | null;
  nextStepAt: Date | null;
}

/** An open deadline whose next step is due soon or late: what the reconciler puts back on the queue. */
export interface PendingStep extends ScheduledStep {
  /** Keyset for the next page. */
  cursor: { at: Date; id: string };
}

/** SQL matching open deadlines of the case by selector; parameters from $3 on ($1 case id, $2 now). */
function selectorCondition(selector: DeadlineSelector): { sql: string; params: unknown[] } {
  if (typeof selector === 'string') return { sql: 'kind = $3', params: [selector] };
  const params: unknown[] = [selector.kind];
  let sql = 'kind = $3';
  if (selector.ref.referralId) sql += ` AND referral_id = $${params.push(selector.ref.referralId) + 2}`;
  if (selector.ref.planActionId) sql += ` AND plan_action_id = $${params.push(selector.ref.planActionId) + 2}`;
  return { sql, params };
}

/**
 * The SQL of the deadline table: the only writer of it. Every statement runs in the caller's
 * transaction, through the EntityManager it is given, so a deadline changes exactly when the case
 * (or referral, or step) that changed it commits.
 */
@Injectable()
export class DeadlineRepository {
  async insert(m: EntityManager, d: NewDeadline): Promise<string> {
    const [row]: Pick<DeadlineRow, 'id'>[] = await m.query(
      `INSERT INTO deadline (case_id, referral_id, plan_action_id, kind, variant, province_code, commune_code, owner_id, due_at, next_step, next_step_at, opened_at, counted_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        d.case_id,
        d.referral_id,
        d.plan_action_id,
        d.kind,
        d.variant,
        d.province_code,
        d.commune_code,
        d.owner_id,
        d.due_at,
        d.next_step,
        d.next_step_at,
        d.opened_at,
        d.counted_from,
      ],
    );
    return row.id;
  }

  /** The open deadlines of a kind on a case, with what a new due time is computed from. */
  openOfKind(
    m: EntityManager,
    caseId: string,
    kind: DeadlineKind,
  ): Promise<Pick<DeadlineRow, 'id' | 'opened_at' | 'due_at' | 'variant' | 'escalation_level'>[]> {
    return m.query(`SELECT id, opened_at, due_at, variant, escalation_level FROM deadline WHERE case_id = $1 AND kind = $2 AND status = 'open'`, [
      caseId,
      kind,
    ]);
  }

  /** A new due time (the risk level changed), with the step that now comes next. */
  async redue(m: EntityManager, id: string, due: { dueAt: Date; variant: DeadlineVariant | null }, next: LadderStep | null): Promise<void> {
    await m.query(`UPDATE deadline SET due_at = $2, variant = $3, next_step = $4, next_step_at = $5, version = version + 1 WHERE id = $1`, [
      id,
      due.dueAt,
      due.variant,
      next?.step ?? null,
      next?.at ?? null,
    ]);
  }

  /** The case's open deadlines owed by `from` are owed by `to`. */
  async reassignOwner(m: EntityManager, caseId: string, from: string, to: string): Promise<void> {
    await m.query(`UPDATE deadline SET owner_id = $3, version = version + 1 WHERE case_id = $1 AND status = 'open' AND owner_id = $2`, [caseId, from, to]);
  }

  /** Meets or cancels the case's open deadlines the selector matches (all of them for null). */
  async close(m: EntityManager, caseId: string, now: Date, status: 'met' | 'cancelled', selector: DeadlineSelector | null): Promise<void> {
    const at = status === 'met' ? 'met_at' : 'cancelled_at';
    const where = selector ? selectorCondition(selector) : { sql: 'TRUE', params: [] };
    await m.query(
      `UPDATE deadline SET status = '${status}', ${at} = $2, next_step = NULL, next_step_at = NULL, version = version + 1
        WHERE case_id = $1 AND status = 'open' AND ${where.sql}`,
      [caseId, now, ...where.params],
    );
  }

  /** The earliest due time of the case's open deadlines. */
  async nextDueAt(m: EntityManager, caseId: string): Promise<Date | null> {
    const [row]: { next: Date | null }[] = await m.query(`SELECT min(due_at) AS next FROM deadline WHERE case_id = $1 AND status = 'open'`, [caseId]);
    return row?.next ?? null;
  }

  /**
   * Loads deadlines for their steps, locked until the processor's transaction ends (a duplicate
   * run waits, then sees the step done). Their cases are locked FOR KEY SHARE first, the order a
   * case command takes (case row, then its deadlines): the step's inserts reference the case, and
   * taking that lock after the deadline's could deadlock with a command closing the deadline.
   */
  async lockForSteps(m: EntityManager, deadlineIds: readonly string[]): Promise<Map<string, DeadlineForStep>> {
    if (deadlineIds.length === 0) return new Map();
    await m.query(`SELECT c.id FROM "case" c WHERE c.id IN (SELECT case_id FROM deadline WHERE id = ANY($1::uuid[])) ORDER BY c.id FOR KEY SHARE`, [
      deadlineIds,
    ]);
    const rows: DeadlineForStep[] = await m.query(
      `SELECT d.id, d.case_id AS "caseId", c.case_number AS "caseNumber", d.referral_id AS "referralId", d.kind, d.variant,
              d.province_code AS "provinceCode", d.commune_code AS "communeCode", d.owner_id AS "ownerId", o.active IS TRUE AS "ownerActive",
              d.due_at AS "dueAt", d.status, d.escalation_level AS "escalationLevel", d.next_step AS "nextStep", d.next_step_at AS "nextStepAt"
         FROM deadline d JOIN "case" c ON c.id = d.case_id LEFT JOIN app_user o ON o.id = d.owner_id
        WHERE d.id = ANY($1::uuid[]) ORDER BY d.id FOR UPDATE OF d`,
      [deadlineIds],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Records the steps sent: the escalation level each deadline reached and the step that follows (none: its ladder is over). */
  async advance(m: EntityManager, steps: readonly { deadlineId: string; escalationLevel: number; next: LadderStep | null }[]): Promise<void> {
    if (steps.length === 0) return;
    await m.query(
      `UPDATE deadline d SET escalation_level = GREATEST(d.escalation_level, s.level), next_step = s.next_step, next_step_at = s.next_step_at, version = d.version + 1
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[]) AS s(id, level, next_step, next_step_at)
        WHERE d.id = s.id`,
      [steps.map((s) => s.deadlineId), steps.map((s) => s.escalationLevel), steps.map((s) => s.next?.step ?? null), steps.map((s) => s.next?.at ?? null)],
    );
  }

  /**
   * Open deadlines whose next step falls before `until`, earliest first, a page at a time
   * (keyset: pass the last row's cursor). What the reconciler puts back on the queue.
   */
  async pendingSteps(m: EntityManager, until: Date, limit: number, after?: { at: Date; id: string }): Promise<PendingStep[]> {
    // Open with a next step before `until`: the step and its time are set.
    const rows: (Pick<DeadlineRow, 'id' | 'due_at'> & { next_step: DeadlineStep; next_step_at: Date })[] = await m.query(
      `SELECT id, next_step, next_step_at, due_at FROM deadline
        WHERE status = 'open' AND next_step_at <= $1 ${after ? 'AND (next_step_at, id) > ($3, $4)' : ''}
        ORDER BY next_step_at, id LIMIT $2`,
      after ? [until, limit, after.at, after.id] : [until, limit],
    );
    return rows.map((r) => ({
      deadlineId: r.id,
      step: r.next_step,
      at: r.next_step_at,
      dueAtMs: r.due_at.getTime(),
      cursor: { at: r.next_step_at, id: r.id },
    }));
  }
}
