import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Actor } from '@haven/auth';
import type { CaseWriteWhat } from '@haven/audit';
import { CaseCommand, CaseEvent, CaseEventLinks, CaseState, decide, Decision, LinkedCaseEvent } from '@haven/domain';
import { AppException } from '@haven/platform';
import { CaseAccessService } from '../access/case-access.service';
import { SeparationEntity } from '../assessments/assessment.entity';
import { PlanEntity } from '../plans/plan.entity';
import { CaseRecordService } from '@haven/audit';
import { CaseEntity } from './case.entity';
import { CaseDeadlineSync } from './case-deadline-sync';
import { caseColumnsOf, toCaseState } from './case-state.mapper';
import { refusalToException } from './refusal.mapper';

export interface CommandContext {
  m: EntityManager;
  kase: CaseEntity;
  state: CaseState;
  plan: PlanEntity | null;
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
}

/**
 * Every command on a case takes the same path, in one transaction: scope
 * check with the row locked, version check, domain decision, the command's
 * records, the new state, the deadlines, the timeline and the access log. A
 * refusal or a stale version changes nothing. After the commit, the new
 * deadline steps go on the queue.
 */
@Injectable()
export class CaseCommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly caseRecord: CaseRecordService,
    private readonly deadlines: CaseDeadlineSync,
  ) {}

  async run<R = void>(actor: Actor, caseId: string, version: number, spec: CommandSpec<R>): Promise<{ kase: CaseEntity; result: R }> {
    const { done, deadlines } = await this.dataSource.transaction(async (m) => {
      const kase = await this.access.requireCase(actor, caseId, { manager: m, lock: true });
      if (kase.version !== version) throw AppException.versionConflict(kase.version);
      const plan = await m.getRepository(PlanEntity).findOne({ where: { caseId }, order: { versionNo: 'DESC' } });
      const separation = await m.getRepository(SeparationEntity).findOne({ where: { caseId, endedAt: IsNull() } });
      const ctx: CommandContext = { m, kase, state: toCaseState(kase, plan, separation), plan };
      const decision = decide(ctx.state, await spec.command(ctx));
      if (!decision.ok) throw refusalToException(decision.reason);
      const result = (spec.persist ? await spec.persist(ctx, decision) : undefined) as R;
      const deadlines = await this.deadlines.onDecision(m, kase, ctx.state, decision, plan);
      const columns = { ...caseColumnsOf(decision.state), ...(deadlines && { nextDueAt: deadlines.nextDueAt }) };
      await m.getRepository(CaseEntity).update({ id: caseId }, { ...columns, version: kase.version + 1, updatedAt: new Date() });
      await this.caseRecord.append(
        m,
        caseId,
        actor.id,
        // The enricher links by event type (CaseEventLinks); the cast joins the two halves it typed apart.
        decision.events.map((event) => ({ ...event, ...spec.enrich?.(event, result) }) as LinkedCaseEvent),
      );
      await this.caseRecord.logAccess(m, caseId, actor.id, 'write', spec.what);
      return { done: { kase: { ...kase, ...columns, version: kase.version + 1 } as CaseEntity, result }, deadlines };
    });
    await this.deadlines.schedule(deadlines);
    return done;
  }
}
