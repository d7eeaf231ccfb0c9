import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeadlineChanges, DeadlineKind, DeadlineSelector, DeadlineStep, DeadlineToOpen, DeadlineVariant, StepRecipients, LadderStep } from '@haven/domain';
import { recomputedDue } from '@haven/domain';
import { DeadlineRules, nextStepOf, ScheduledStep } from './deadline-steps';

/** The case a set of changes applies to: where its deadlines' escalations go. */
export interface DeadlineCase {
  id: string;
  provinceCode: string;
  communeCode: string;
}

export interface AppliedDeadlines {
  /** Steps to schedule once the transaction has committed (DeadlineScheduler.schedule). */
  scheduled: ScheduledStep[];
  /** The earliest due time of the case's open deadlines, for case.next_due_at. */
  nextDueAt: Date | null;
}

/** A deadline as the step processor needs it, locked in the processor's transaction. */
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
  status: string;
  escalationLevel: number;
  nextStep: DeadlineStep | null;
  nextStepAt: Date | null;
}

/** An open deadline whose next step is due soon or late: what the reconciler puts back on the queue. */
export interface PendingStep extends ScheduledStep {
  /** Keyset for the next page. */
  cursor: { at: Date; id: string };
}

interface StepRow {
  id: string;
  case_id: string;
  case_number: string;
  referral_id: string | null;
  kind: DeadlineKind;
  variant: DeadlineVariant | null;
  province_code: string;
  commune_code: string;
  owner_id: string | null;
  owner_active: boolean | null;
  due_at: Date;
  status: string;
  escalation_level: number;
  next_step: DeadlineStep | null;
  next_step_at: Date | null;
}

const refOf = (d: DeadlineToOpen) => ({ referralId: d.ref?.referralId ?? null, planActionId: d.ref?.planActionId ?? null });

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
 * Deadline rows: the only writer of the deadline table. Every write runs in the caller's
 * transaction, through the EntityManager it is given, so a deadline changes exactly when the
 * case (or referral, or step) that changed it commits. Scheduling the steps is the caller's,
 * after the commit (DeadlineScheduler).
 */
@Injectable()
export class DeadlinesService {
  /**
   * Applies a decision's changes to the case's deadlines: cancel, meet, recompute, reassign,
   * open (an open deadline of the same kind and subject gives way to the new one). The case row
   * is locked by the caller, so the case's deadlines change one command at a time.
   */
  async apply(m: EntityManager, kase: DeadlineCase, changes: DeadlineChanges, rules: DeadlineRules & { now: Date }): Promise<AppliedDeadlines> {
    const { now } = rules;
    const scheduled: ScheduledStep[] = [];
    if (changes.cancel === 'all') await this.close(m, kase.id, now, 'cancelled', null);
    else for (const selector of changes.cancel) await this.close(m, kase.id, now, 'cancelled', selector);
    for (const selector of changes.meet) await this.close(m, kase.id, now, 'met', selector);
    for (const { kind, riskLevel } of changes.recompute ?? []) {
      const rows: { id: string; opened_at: Date; due_at: Date; variant: DeadlineVariant | null; escalation_level: number }[] = await m.query(
        `SELECT id, opened_at, due_at, variant, escalation_level FROM deadline WHERE case_id = $1 AND kind = $2 AND status = 'open'`,
        [kase.id, kind],
      );
      for (const row of rows) {
        const due = recomputedDue({ kind, openedAt: row.opened_at }, riskLevel, rules.policy, rules.calendar);
        if (due.dueAt.getTime() === row.due_at.getTime() && due.variant === row.variant) continue;
        const next = nextStepOf({ kind, ...due }, rules, now, { escalationLevel: row.escalation_level });
        await m.query(`UPDATE deadline SET due_at = $2, variant = $3, next_step = $4, next_step_at = $5, version = version + 1 WHERE id = $1`, [
          row.id,
          due.dueAt,
          due.variant,
          next?.step ?? null,
          next?.at ?? null,
        ]);
        if (next) scheduled.push({ deadlineId: row.id, step: next.step, at: next.at, dueAtMs: due.dueAt.getTime() });
      }
    }
    if (changes.reassignOwner) {
      await m.query(`UPDATE deadline SET owner_id = $3, version = version + 1 WHERE case_id = $1 AND status = 'open' AND owner_id = $2`, [
        kase.id,
        changes.reassignOwner.from,
        changes.reassignOwner.to,
      ]);
    }
    for (const d of changes.open) {
      const { referralId, planActionId } = refOf(d);
      await this.close(m, kase.id, now, 'cancelled', { kind: d.kind, ref: d.ref ?? {} });
      const next = nextStepOf({ kind: d.kind, variant: d.variant, dueAt: d.dueAt }, rules, now);
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO deadline (case_id, referral_id, plan_action_id, kind, variant, province_code, commune_code, owner_id, due_at, next_step, next_step_at, opened_at, counted_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          kase.id,
          referralId,
          planActionId,
          d.kind,
          d.variant,
          kase.provinceCode,
          kase.communeCode,
          d.ownerId,
          d.dueAt,
          next?.step ?? null,
          next?.at ?? null,
          now,
          d.countedFrom,
        ],
      );
      if (next) scheduled.push({ deadlineId: row.id, step: next.step, at: next.at, dueAtMs: d.dueAt.getTime() });
    }
    return { scheduled, nextDueAt: await this.nextDueAt(m, kase.id) };
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
    const rows: StepRow[] = await m.query(
      `SELECT d.id, d.case_id, c.case_number, d.referral_id, d.kind, d.variant, d.province_code, d.commune_code, d.owner_id, o.active AS owner_active,
              d.due_at, d.status, d.escalation_level, d.next_step, d.next_step_at
         FROM deadline d JOIN "case" c ON c.id = d.case_id LEFT JOIN app_user o ON o.id = d.owner_id
        WHERE d.id = ANY($1::uuid[]) ORDER BY d.id FOR UPDATE OF d`,
      [deadlineIds],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          caseId: row.case_id,
          caseNumber: row.case_number,
          referralId: row.referral_id,
          kind: row.kind,
          variant: row.variant,
          provinceCode: row.province_code,
          communeCode: row.commune_code,
          ownerId: row.owner_id,
          ownerActive: row.owner_active === true,
          dueAt: row.due_at,
          status: row.status,
          escalationLevel: row.escalation_level,
          nextStep: row.next_step,
          nextStepAt: row.next_step_at,
        },
      ]),
    );
  }

  /**
   * The people each step goes to, in at most three queries for the whole batch: the owner
   * (reminders); the active supervisors of the deadline's commune (escalation 1); the active
   * managers of its province (escalation 2). A deadline a role owes reminds that role: a plan
   * decision the commune's supervisors, a referral's answer the partner organisation's users. A
   * departed owner's reminders go to the supervisors, who reassign.
   */
  async recipientsFor(m: EntityManager, steps: readonly { deadline: DeadlineForStep; who: StepRecipients }[]): Promise<string[][]> {
    const resolved = steps.map(({ deadline: d, who }): { kind: 'people'; ids: string[] } | { kind: 'partner' | StepRecipients; d: DeadlineForStep } => {
      if (who !== 'owner') return { kind: who, d };
      if (d.ownerId && d.ownerActive) return { kind: 'people', ids: [d.ownerId] };
      if (d.kind === 'referral_response' && d.referralId) return { kind: 'partner', d };
      return { kind: 'supervisors', d };
    });
    const wanted = (kind: string, key: (d: DeadlineForStep) => string | null) => [
      ...new Set(resolved.flatMap((r) => (r.kind === kind && 'd' in r ? [key(r.d)] : [])).filter((v): v is string => v !== null)),
    ];
    const communes = wanted('supervisors', (d) => d.communeCode);
    const provinces = wanted('managers', (d) => d.provinceCode);
    const referrals = wanted('partner', (d) => d.referralId);
    const supervisors: { id: string; commune_code: string; province_code: string }[] = communes.length
      ? await m.query(
          `SELECT u.id, uc.commune_code, u.province_code FROM user_commune uc JOIN app_user u ON u.id = uc.user_id
            WHERE uc.commune_code = ANY($1::varchar[]) AND u.role = 'supervisor' AND u.active ORDER BY u.id`,
          [communes],
        )
      : [];
    const managers: { id: string; province_code: string }[] = provinces.length
      ? await m.query(`SELECT id, province_code FROM app_user WHERE province_code = ANY($1::varchar[]) AND role = 'manager' AND active ORDER BY id`, [
          provinces,
        ])
      : [];
    const partners: { id: string; referral_id: string }[] = referrals.length
      ? await m.query(
          `SELECT u.id, r.id AS referral_id FROM referral r JOIN app_user u ON u.organisation_id = r.organisation_id
            WHERE r.id = ANY($1::uuid[]) AND u.role = 'partner' AND u.active ORDER BY u.id`,
          [referrals],
        )
      : [];
    return resolved.map((r) => {
      if (r.kind === 'people') return r.ids;
      const d = (r as { d: DeadlineForStep }).d;
      if (r.kind === 'supervisors') return supervisors.filter((u) => u.commune_code === d.communeCode && u.province_code === d.provinceCode).map((u) => u.id);
      if (r.kind === 'managers') return managers.filter((u) => u.province_code === d.provinceCode).map((u) => u.id);
      return partners.filter((u) => u.referral_id === d.referralId).map((u) => u.id);
    });
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
    const rows: { id: string; next_step: DeadlineStep; next_step_at: Date; due_at: Date }[] = await m.query(
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

  private async close(m: EntityManager, caseId: string, now: Date, status: 'met' | 'cancelled', selector: DeadlineSelector | null): Promise<void> {
    const at = status === 'met' ? 'met_at' : 'cancelled_at';
    const where = selector ? selectorCondition(selector) : { sql: 'TRUE', params: [] };
    await m.query(
      `UPDATE deadline SET status = '${status}', ${at} = $2, next_step = NULL, next_step_at = NULL, version = version + 1
        WHERE case_id = $1 AND status = 'open' AND ${where.sql}`,
      [caseId, now, ...where.params],
    );
  }
}
