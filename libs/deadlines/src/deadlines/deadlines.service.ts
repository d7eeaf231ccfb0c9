import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeadlineChanges } from '@haven/domain';
import { recomputedDue } from '@haven/domain';
import { DeadlineRepository } from './deadline.repository';
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

/**
 * A decision's changes to a case's deadlines, in the caller's transaction (the SQL is
 * DeadlineRepository's). Scheduling the steps is the caller's, after the commit (DeadlineScheduler).
 */
@Injectable()
export class DeadlinesService {
  constructor(private readonly rows: DeadlineRepository) {}

  /**
   * Applies a decision's changes to the case's deadlines: cancel, meet, recompute, reassign,
   * open (an open deadline of the same kind and subject gives way to the new one). The case row
   * is locked by the caller, so the case's deadlines change one command at a time.
   */
  async apply(m: EntityManager, kase: DeadlineCase, changes: DeadlineChanges, rules: DeadlineRules & { now: Date }): Promise<AppliedDeadlines> {
    const { now } = rules;
    const scheduled: ScheduledStep[] = [];
    if (changes.cancel === 'all') await this.rows.close(m, kase.id, now, 'cancelled', null);
    else for (const selector of changes.cancel) await this.rows.close(m, kase.id, now, 'cancelled', selector);
    for (const selector of changes.meet) await this.rows.close(m, kase.id, now, 'met', selector);
    for (const { kind, riskLevel } of changes.recompute ?? []) {
      for (const row of await this.rows.openOfKind(m, kase.id, kind)) {
        const due = recomputedDue({ kind, openedAt: row.opened_at }, riskLevel, rules.policy, rules.calendar);
        if (due.dueAt.getTime() === row.due_at.getTime() && due.variant === row.variant) continue;
        const next = nextStepOf({ kind, ...due }, rules, now, { escalationLevel: row.escalation_level });
        await this.rows.redue(m, row.id, due, next);
        if (next) scheduled.push({ deadlineId: row.id, step: next.step, at: next.at, dueAtMs: due.dueAt.getTime() });
      }
    }
    if (changes.reassignOwner) await this.rows.reassignOwner(m, kase.id, changes.reassignOwner.from, changes.reassignOwner.to);
    for (const d of changes.open) {
      await this.rows.close(m, kase.id, now, 'cancelled', { kind: d.kind, ref: d.ref ?? {} });
      const next = nextStepOf({ kind: d.kind, variant: d.variant, dueAt: d.dueAt }, rules, now);
      const id = await this.rows.insert(m, {
        case_id: kase.id,
        referral_id: d.ref?.referralId ?? null,
        plan_action_id: d.ref?.planActionId ?? null,
        kind: d.kind,
        variant: d.variant,
        province_code: kase.provinceCode,
        commune_code: kase.communeCode,
        owner_id: d.ownerId,
        due_at: d.dueAt,
        next_step: next?.step ?? null,
        next_step_at: next?.at ?? null,
        opened_at: now,
        counted_from: d.countedFrom,
      });
      if (next) scheduled.push({ deadlineId: id, step: next.step, at: next.at, dueAtMs: d.dueAt.getTime() });
    }
    return { scheduled, nextDueAt: await this.rows.nextDueAt(m, kase.id) };
  }
}
