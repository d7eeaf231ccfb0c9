import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, userNames } from '@haven/auth';
import type { CaseActor, CaseEvent, PlanVersionState } from '@haven/domain';
import { AppException, ErrorDetail, Page, PageQueryDto, pageOf } from '@haven/platform';
import { CaseRecordService } from '@haven/audit';
import { CaseAccessService } from '../access/case-access.service';
import type { CaseEntity } from '../cases/case.entity';
import { CaseCommandRunner, CommandContext } from '../kernel/case-command.runner';
import { DecisionCommentDto, VersionedDto } from '../kernel/command.dto';
import { DraftPlanDto, PlanActionInputDto, PlanResponseDto, PlanVersionDto } from './plan.dto';
import { PlanActionEntity, PlanEntity } from './plan.entity';
import { planPeople, toPlanVersion } from './plan.mapper';

const caseActor = (actor: Actor): CaseActor => ({ id: actor.id, role: actor.role });

/** Plan events carry the id of the version they concern; other events (a stage change) nothing more. */
const planIdOf = (event: CaseEvent, plan: PlanEntity): { planId?: string } => (event.type.startsWith('plan.') ? { planId: plan.id } : {});

/** The runner hands the newest version over; a decision on a plan always has one (the domain checked). */
function requirePlanRow(plan: PlanEntity | null): PlanEntity {
  if (!plan) throw new Error('plan command allowed without a plan version');
  return plan;
}

/**
 * The support / intervention plan (Mẫu 04/05, Decree 56 arts. 28–29), one row per version.
 * The domain decides (lifecycle/plan.rules.ts); this service keeps the versions in step with it:
 * - drafting edits the open draft in place, or opens version n+1 when the newest version is
 *   submitted-and-decided (rejected, approved) or there is none: nothing submitted is ever rewritten;
 * - approving a version supersedes the approved version it replaces, which stayed in force until then.
 */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: CaseCommandRunner,
    private readonly access: CaseAccessService,
    private readonly caseRecord: CaseRecordService,
  ) {}

  async draft(actor: Actor, caseId: string, dto: DraftPlanDto): Promise<PlanResponseDto> {
    const { kase, result } = await this.runner.run(actor, caseId, dto.version, {
      what: 'plan',
      command: () => ({ kind: 'draftPlan', actor: caseActor(actor) }),
      persist: async (ctx, decision) => {
        // The domain allowed the draft; its references are checked before anything is written.
        await this.assertReferences(ctx.m, ctx.kase, dto.actions);
        if (!decision.state.plan) throw new Error('draftPlan decided without a plan version');
        return this.writeDraft(ctx, decision.state.plan, dto);
      },
      enrich: planIdOf,
    });
    return this.respond(kase, result);
  }

  async submit(actor: Actor, caseId: string, dto: VersionedDto): Promise<PlanResponseDto> {
    const { kase, result } = await this.runner.run(actor, caseId, dto.version, {
      what: 'plan-submission',
      command: () => ({ kind: 'submitPlan', actor: caseActor(actor) }),
      persist: async ({ m, plan, now }) => {
        const row = requirePlanRow(plan);
        await m.getRepository(PlanEntity).update({ id: row.id }, { status: 'submitted', submittedBy: actor.id, submittedAt: now, updatedAt: now });
        return this.reload(m, row.id);
      },
      enrich: planIdOf,
    });
    return this.respond(kase, result);
  }

  async approve(actor: Actor, caseId: string, dto: DecisionCommentDto): Promise<PlanResponseDto> {
    const { kase, result } = await this.runner.run(actor, caseId, dto.version, {
      what: 'plan-approval',
      command: () => ({ kind: 'approvePlan', actor: caseActor(actor) }),
      persist: async ({ m, plan, now }, decision) => {
        const row = requirePlanRow(plan);
        const approved = decision.events.find((e) => e.type === 'plan.approved');
        const superseded = approved?.type === 'plan.approved' ? approved.supersededVersion : null;
        // The version in force until now gives way to this one (art. 29(1)(a)); it stays on file.
        if (superseded !== null) {
          await m.getRepository(PlanEntity).update({ caseId, versionNo: superseded, status: 'approved' }, { status: 'superseded', updatedAt: now });
        }
        await m
          .getRepository(PlanEntity)
          .update({ id: row.id }, { status: 'approved', decidedBy: actor.id, decidedAt: now, decisionComment: dto.comment ?? null, updatedAt: now });
        return this.reload(m, row.id);
      },
      enrich: planIdOf,
    });
    return this.respond(kase, result);
  }

  async reject(actor: Actor, caseId: string, dto: DecisionCommentDto): Promise<PlanResponseDto> {
    const { kase, result } = await this.runner.run(actor, caseId, dto.version, {
      what: 'plan-rejection',
      command: () => ({ kind: 'rejectPlan', actor: caseActor(actor) }),
      persist: async ({ m, plan, now }) => {
        const row = requirePlanRow(plan);
        await m
          .getRepository(PlanEntity)
          .update({ id: row.id }, { status: 'rejected', decidedBy: actor.id, decidedAt: now, decisionComment: dto.comment ?? null, updatedAt: now });
        return this.reload(m, row.id);
      },
      enrich: planIdOf,
    });
    return this.respond(kase, result);
  }

  /** The newest version, whatever its status (the read is logged). */
  async current(actor: Actor, caseId: string): Promise<PlanResponseDto> {
    // One snapshot, so that the case version answered is the one this plan version belongs to.
    const { kase, plan } = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const found = await this.access.requireCase(actor, caseId, { manager: m });
      const newest = await m.getRepository(PlanEntity).findOne({ where: { caseId }, order: { versionNo: 'DESC' } });
      return { kase: found, plan: newest ? await this.reload(m, newest.id) : null };
    });
    await this.caseRecord.logAccess(undefined, caseId, actor.id, 'read', 'plan');
    if (!plan) throw AppException.notFound('Plan');
    return this.respond(kase, plan);
  }

  /** Every version, newest first, with its actions and decision (the read is logged). */
  async versions(actor: Actor, caseId: string, q: PageQueryDto): Promise<Page<PlanVersionDto>> {
    await this.access.requireCase(actor, caseId);
    await this.caseRecord.logAccess(undefined, caseId, actor.id, 'read', 'plan-versions');
    const m = this.dataSource.manager;
    const [plans, total] = await m.getRepository(PlanEntity).findAndCount({
      where: { caseId },
      order: { versionNo: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const actions = plans.length ? await m.getRepository(PlanActionEntity).find({ where: { planId: In(plans.map((p) => p.id)) } }) : [];
    const names = await userNames(m, plans.flatMap(planPeople));
    const items = plans.map((p) =>
      toPlanVersion(
        p,
        actions.filter((a) => a.planId === p.id),
        names,
      ),
    );
    return pageOf(items, total, q);
  }

  /** Replaces the open draft's content, or opens the version the domain numbered. */
  private async writeDraft({ m, kase, plan, now }: CommandContext, next: PlanVersionState, dto: DraftPlanDto): Promise<PlanEntity> {
    const plans = m.getRepository(PlanEntity);
    const actions = m.getRepository(PlanActionEntity);
    let planId: string;
    if (plan && plan.versionNo === next.version) {
      // A draft is not yet on the record (nobody decided on it): its content is simply replaced.
      await plans.update({ id: plan.id }, { goals: dto.goals, authorIds: next.authorIds, updatedAt: now });
      await actions.delete({ planId: plan.id });
      planId = plan.id;
    } else {
      const inserted = await plans.insert({
        caseId: kase.id,
        versionNo: next.version,
        status: 'draft',
        goals: dto.goals,
        authorIds: next.authorIds,
        createdAt: now,
        updatedAt: now,
      });
      planId = (inserted.identifiers[0] as { id: string }).id;
    }
    await actions.insert(
      dto.actions.map((a, i) => ({
        planId,
        position: i + 1,
        serviceType: a.serviceType,
        description: a.description,
        organisationId: a.organisationId ?? null,
        responsibleUserId: a.responsibleUserId ?? null,
        startAt: a.startAt ? new Date(a.startAt) : null,
        dueAt: new Date(a.dueAt),
        costEstimate: a.costEstimate ?? null,
      })),
    );
    return this.reload(m, planId);
  }

  /** Organisations must exist and be active; responsible people must be active users of the case's province. */
  private async assertReferences(m: EntityManager, kase: CaseEntity, actions: PlanActionInputDto[]): Promise<void> {
    const orgIds = [...new Set(actions.flatMap((a) => (a.organisationId ? [a.organisationId.toLowerCase()] : [])))];
    const userIds = [...new Set(actions.flatMap((a) => (a.responsibleUserId ? [a.responsibleUserId.toLowerCase()] : [])))];
    const orgs: { id: string }[] = orgIds.length ? await m.query(`SELECT id FROM organisation WHERE id = ANY($1::uuid[]) AND active`, [orgIds]) : [];
    const users: { id: string }[] = userIds.length
      ? await m.query(`SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND active AND province_code = $2`, [userIds, kase.provinceCode])
      : [];
    const knownOrgs = new Set(orgs.map((o) => o.id));
    const knownUsers = new Set(users.map((u) => u.id));
    const details: ErrorDetail[] = [];
    actions.forEach((a, i) => {
      if (a.organisationId && !knownOrgs.has(a.organisationId.toLowerCase())) {
        details.push({ field: `actions.${i}.organisationId`, message: 'must be an active organisation' });
      }
      if (a.responsibleUserId && !knownUsers.has(a.responsibleUserId.toLowerCase())) {
        details.push({ field: `actions.${i}.responsibleUserId`, message: 'must be an active user of the case’s province' });
      }
    });
    if (details.length > 0) throw AppException.validation(details);
  }

  private async reload(m: EntityManager, planId: string): Promise<PlanEntity> {
    const plan = await m.getRepository(PlanEntity).findOneOrFail({ where: { id: planId } });
    plan.actions = await m.getRepository(PlanActionEntity).find({ where: { planId }, order: { position: 'ASC' } });
    return plan;
  }

  private async respond(kase: CaseEntity, plan: PlanEntity): Promise<PlanResponseDto> {
    const names = await userNames(this.dataSource.manager, planPeople(plan));
    return { ...toPlanVersion(plan, plan.actions, names), caseVersion: kase.version, approvedPlanVersion: kase.approvedPlanVersion };
  }
}
