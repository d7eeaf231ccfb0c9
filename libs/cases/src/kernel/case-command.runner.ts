import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import type { Actor } from '@haven/auth';
import type { CaseWriteWhat } from '@haven/audit';
import { CaseCommand, CaseEvent, CaseEventLinks, CaseState, decide, Decision, LinkedCaseEvent } from '@haven/domain';
import { TxEvent, TxEvents } from '@haven/platform';
import { SeparationEntity } from '../assessments/assessment.entity';
import { CaseWork } from './case-work';
import { PlanEntity } from '../plans/plan.entity';
import { CaseEntity } from '../cases/case.entity';
import { CaseDeadlineSync } from './case-deadline-sync';
import { caseColumnsOf, toCaseState } from './case-state.mapper';
import { refusalToException } from './refusal.mapper';

export interface CommandContext {
  m: EntityManager;
  kase: CaseEntity;
  state: CaseState;
  plan: PlanEntity | null;
  /** The command's instant (the transaction's, from the Clock): what the command and its rows record as "now". */
  now: Date;
}

export interface CommandSpec<R> {
  /** For the access log: what was changed. */
  what: CaseWriteWhat;
  /** The domain command, built from what the case is now. */
  command: (ctx: CommandContext) => CaseCommand | Promise<CaseCommand>;
  /** Writes the command's own records (an assessment, a plan version…) once the domain allowed it. */
  persist?: (ctx: CommandContext, decision: Extract<Decision, { ok: true }>) => Promise<R>;
  /** Extra timeline payload per event type (ids of rows the command wrote, never personal data). */
  enrich?: (event: CaseEvent, result: R) => Partial<CaseEventLinks[keyof CaseEventLinks]>;
  /**
   * A fact for higher libraries (TxEvents), announced in the transaction once the command's record
   * is written: their handlers act in the same commit (and may refuse it), their history follows
   * the command's, their after-commit work runs with the command's.
   */
  announce?: (ctx: CommandContext, kase: CaseEntity) => TxEvent;
}

/**
 * Every command on a case takes the same path: CaseWork's frame (scope check with the row locked,
 * version check, then the history and the access log at the end, in one transaction) plus the
 * domain decision, the command's records, the new state and the deadlines. A refusal or a stale
 * version changes nothing. After the commit, the new deadline steps go on the queue.
 */
@Injectable()
export class CaseCommandRunner {
  constructor(
    private readonly work: CaseWork,
    private readonly deadlines: CaseDeadlineSync,
    private readonly txEvents: TxEvents,
  ) {}

  async run<R = void>(actor: Actor, caseId: string, version: number, spec: CommandSpec<R>): Promise<{ kase: CaseEntity; result: R }> {
    return this.work.onCase(actor, caseId, { lock: true, version, what: spec.what }, async (tx, kase) => {
      const m = tx.m;
      const plan = await m.getRepository(PlanEntity).findOne({ where: { caseId }, order: { versionNo: 'DESC' } });
      const separation = await m.getRepository(SeparationEntity).findOne({ where: { caseId, endedAt: IsNull() } });
      const ctx: CommandContext = { m, kase, state: toCaseState(kase, plan, separation), plan, now: tx.at };
      const decision = decide(ctx.state, await spec.command(ctx));
      if (!decision.ok) throw refusalToException(decision.reason);
      const result = (spec.persist ? await spec.persist(ctx, decision) : undefined) as R;
      const deadlines = await this.deadlines.onDecision(m, kase, ctx.state, decision, tx.at, plan);
      const columns = { ...caseColumnsOf(decision.state), ...(deadlines && { nextDueAt: deadlines.nextDueAt }) };
      await m.getRepository(CaseEntity).update({ id: caseId }, { ...columns, version: kase.version + 1, updatedAt: tx.at });
      // The enricher links by event type (CaseEventLinks); the cast joins the two halves it typed apart.
      tx.record(...decision.events.map((event) => ({ ...event, ...spec.enrich?.(event, result) }) as LinkedCaseEvent));
      tx.afterCommit(() => this.deadlines.schedule(deadlines));
      if (spec.announce) {
        const event = spec.announce(ctx, kase);
        tx.afterRecord(async () => tx.afterCommit(await this.txEvents.emit(m, event)));
      }
      return { kase: { ...kase, ...columns, version: kase.version + 1 } as CaseEntity, result };
    });
  }
}
