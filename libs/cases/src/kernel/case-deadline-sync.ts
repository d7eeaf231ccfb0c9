import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppliedDeadlines, DeadlineRulesService, DeadlineScheduler, DeadlinesService } from '@haven/deadlines';
import {
  CaseEvent,
  caseDeadlineChanges,
  CaseState,
  DEADLINE_EVENT_TYPES,
  hasDeadlineChanges,
  ReferralDeadlineEvent,
  referralDeadlineChanges,
} from '@haven/domain';
import { PlanActionEntity, PlanEntity } from '../plans/plan.entity';
import { CaseEntity } from '../cases/case.entity';

/**
 * The deadlines side of a case command (and of a referral's steps): in the command's transaction, the changes its decision
 * makes to the case's deadlines (and so to case.next_due_at); after the commit, their steps on
 * the queue. Decisions whose events move no deadline cost nothing here.
 */
@Injectable()
export class CaseDeadlineSync {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly rules: DeadlineRulesService,
    private readonly scheduler: DeadlineScheduler,
  ) {}

  /**
   * Applies the decision's deadline changes through `m` (the command's transaction); null when it
   * changes none. `before` is null at intake; `now` is the command's instant; `plan` is the version
   * the command acted on (its actions become deadlines when the decision approves it).
   */
  async onDecision(
    m: EntityManager,
    kase: CaseEntity,
    before: CaseState | null,
    decision: { state: CaseState; events: readonly CaseEvent[] },
    now: Date,
    plan: PlanEntity | null = null,
  ): Promise<AppliedDeadlines | null> {
    if (!decision.events.some((e) => DEADLINE_EVENT_TYPES.has(e.type))) return null;
    const rules = await this.rules.load(kase.provinceCode, m);
    const approved = plan !== null && decision.events.some((e) => e.type === 'plan.approved');
    const planActions = approved ? await m.getRepository(PlanActionEntity).find({ where: { planId: plan.id }, order: { position: 'ASC' } }) : undefined;
    const changes = caseDeadlineChanges(before, decision.state, decision.events, { now, ...rules, planActions });
    if (!hasDeadlineChanges(changes)) return null;
    return this.deadlines.apply(m, kase, changes, { ...rules, now });
  }

  /**
   * A referral's step on the case's deadlines (`referral_response`, or the plan action a completed
   * referral served), through `m`, the referral command's transaction: locks the case row (so
   * next_due_at follows one change at a time) and keeps case.next_due_at in step. `now` is the step's instant.
   */
  async onReferral(m: EntityManager, caseId: string, event: ReferralDeadlineEvent, now: Date): Promise<AppliedDeadlines | null> {
    const [kase]: { id: string; province_code: string; commune_code: string }[] = await m.query(
      `SELECT id, province_code, commune_code FROM "case" WHERE id = $1 FOR UPDATE`,
      [caseId],
    );
    if (!kase) throw new Error(`onReferral: case ${caseId} does not exist`);
    const rules = await this.rules.load(kase.province_code, m);
    const changes = referralDeadlineChanges(event, rules);
    if (!hasDeadlineChanges(changes)) return null;
    const applied = await this.deadlines.apply(m, { id: kase.id, provinceCode: kase.province_code, communeCode: kase.commune_code }, changes, {
      ...rules,
      now,
    });
    await m.getRepository(CaseEntity).update({ id: kase.id }, { nextDueAt: applied.nextDueAt });
    return applied;
  }

  /** After the commit: the new steps on the queue. Never throws (Redis away: the reconciler catches up). */
  async schedule(applied: AppliedDeadlines | null): Promise<void> {
    if (applied) await this.scheduler.schedule(applied.scheduled);
  }
}
