import { Injectable } from '@nestjs/common';
import { EntityManager, In, QueryFailedError } from 'typeorm';
import type { Actor } from '@haven/auth';
import { addDecisionNote, CaseDeadlineSync, CaseWork, ConsentService, NoteEntity, OnCaseOptions, PlanActionEntity } from '@haven/cases';
import { Role } from '@haven/domain';
import { AppException, ErrorCode, ErrorDetail } from '@haven/platform';
import { OrganisationsService } from '../organisations/organisations.service';
import { CancelReferralDto, ContinueAfterClosureDto, SendReferralDto, WithdrawReferralDto } from './referral.dto';
import { StaffReferralDto } from './referral-response.dto';
import { ReferralEntity } from './referral.entity';
import { writeStep } from './referral-steps';
import { ReferralViews } from './referral-views';
import { ReferralWork } from './referral-work';

/** Referrals still under way: at most one per case, organisation and service (a unique index backs this). */
const OPEN_STATUSES = ['pending', 'accepted'] as const;

/**
 * The case side of referrals: sending one and withdrawing it. Each is one unit of work (CaseWork on
 * the case, ReferralWork on the referral), so the case's history says exactly what happened.
 * Sending needs consent to sharing (PDPL 91/2025); without it only a supervisor may send an
 * emergency referral, with a justification kept as a decision note and the override audited.
 */
@Injectable()
export class ReferralService {
  constructor(
    private readonly work: CaseWork,
    private readonly referralWork: ReferralWork,
    private readonly consents: ConsentService,
    private readonly organisations: OrganisationsService,
    private readonly views: ReferralViews,
    private readonly deadlines: CaseDeadlineSync,
  ) {}

  async send(actor: Actor, caseId: string, dto: SendReferralDto): Promise<StaffReferralDto> {
    try {
      return await this.sendOnCase(actor, caseId, dto);
    } catch (e) {
      // The case row lock makes the duplicate check exact; the unique index is the backstop if a writer ever skips it.
      if (e instanceof QueryFailedError && (e.driverError as { constraint?: string }).constraint === 'referral_one_open_idx') {
        throw new AppException(ErrorCode.Conflict, 'This case already has an open referral to this organisation for this service');
      }
      throw e;
    }
  }

  private sendOnCase(actor: Actor, caseId: string, dto: SendReferralDto): Promise<StaffReferralDto> {
    const frame: OnCaseOptions = {
      // Locked: a closure or a second referral of this case waits for this one.
      lock: true,
      who: { rule: 'caseTeam', doing: 'refer it' },
      open: { doing: 'a referral', command: 'sendReferral' },
      what: 'referral',
    };
    return this.work.onCase(actor, caseId, frame, async (tx) => {
      const m = tx.m;
      const override = dto.overrideConsent === true;
      if (override && actor.role !== Role.Supervisor) throw AppException.forbidden('Only a supervisor may send a referral without recorded consent to sharing');

      const problems: ErrorDetail[] = [];
      if (override && dto.urgency !== 'emergency') problems.push({ field: 'urgency', message: 'a consent override is for emergency referrals only' });
      problems.push(...(await this.organisations.referrableProblems(m, dto.organisationId, dto.serviceType)));
      problems.push(...(await this.sharedNoteProblems(m, caseId, dto.sharedNoteIds ?? [])));
      problems.push(...(await this.planActionProblems(m, caseId, dto)));
      if (problems.length) throw AppException.validation(problems);

      const consent = await this.consents.consentStatus(caseId, 'sharing', m);
      if (!consent.granted && !override) {
        const missing = [...(consent.guardian ? [] : ['guardian']), ...(consent.childConsentNeeded && !consent.child ? ['child'] : [])];
        throw new AppException(
          ErrorCode.ConsentRequired,
          'A referral shares the child’s data: record consent to sharing first (a supervisor may override in an emergency)',
          [{ field: 'consent', message: `consent to sharing missing from: ${missing.join(', ')}`, scope: 'sharing', missing }],
        );
      }
      if (consent.granted && override) {
        throw AppException.validation([{ field: 'overrideConsent', message: 'consent to sharing is recorded: no override is needed' }]);
      }
      await this.assertNoOpenDuplicate(m, caseId, dto);

      const now = tx.at;
      // The override's justification: a decision note of the case; the history points to it by id.
      const overrideNoteId = override
        ? await addDecisionNote(m, { caseId, kind: 'consent_override', body: dto.justification ?? '', authorId: actor.id, createdAt: now })
        : null;
      const inserted = await m.getRepository(ReferralEntity).insert({
        caseId,
        organisationId: dto.organisationId,
        serviceType: dto.serviceType,
        urgency: dto.urgency,
        status: 'pending',
        reason: dto.reason,
        sharedNoteIds: dto.sharedNoteIds ?? [],
        planActionId: dto.planActionId ?? null,
        consentOverride: override,
        overrideNoteId,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      const referralId = (inserted.identifiers[0] as { id: string }).id;
      // Ids and codes only: the reason and the notes stay on their rows.
      tx.record({
        type: 'referral.sent',
        referralId,
        organisationId: dto.organisationId,
        serviceType: dto.serviceType,
        urgency: dto.urgency,
        planActionId: dto.planActionId ?? null,
        sharedNoteIds: dto.sharedNoteIds ?? [],
        consentOverride: override,
      });
      if (overrideNoteId) {
        tx.record({ type: 'consent.overridden', referralId, scope: 'sharing', noteId: overrideNoteId });
        tx.logWrite('consent-override');
      }
      // The partner answers within 2 working days (an emergency referral within 4 hours).
      const deadlines = await this.deadlines.onReferral(m, caseId, { type: 'referral.sent', referralId, urgency: dto.urgency, referredAt: now }, now);
      // After the commit; never throws (with Redis away, the reconciler schedules the steps).
      tx.afterCommit(() => this.deadlines.schedule(deadlines));
      return this.views.staffView(m, await m.getRepository(ReferralEntity).findOneByOrFail({ id: referralId }));
    });
  }

  /** The case team withdraws a referral the partner has not answered yet (once accepted, the partner completes it). */
  async cancel(actor: Actor, id: string, dto: CancelReferralDto): Promise<StaffReferralDto> {
    const frame = { side: 'caseTeam', doing: 'cancel its referrals', step: 'cancel', version: dto.version, what: 'referral-cancellation' } as const;
    return this.referralWork.onReferral(actor, id, frame, async (tx, referral) => {
      const cancelled = await writeStep(tx, referral, { status: 'cancelled', cancelledBy: actor.id, cancelledAt: tx.at, cancelReason: dto.reason });
      tx.record({ type: 'referral.cancelled', referralId: referral.id, organisationId: referral.organisationId });
      // Cancelling opens no deadline today; scheduled all the same, so that the first rule that does is not lost.
      const deadlines = await this.deadlines.onReferral(tx.m, referral.caseId, { type: 'referral.cancelled', referralId: referral.id }, tx.at);
      tx.afterCommit(() => this.deadlines.schedule(deadlines));
      return this.views.staffView(tx.m, cancelled);
    });
  }

  /**
   * The case team ends an accepted referral (the service is no longer needed, or the case is about
   * to close as `resolved`): `withdrawn`, terminal; the partner keeps a stub (status and dates).
   */
  async withdraw(actor: Actor, id: string, dto: WithdrawReferralDto): Promise<StaffReferralDto> {
    const frame = { side: 'caseTeam', doing: 'withdraw its referrals', step: 'withdraw', version: dto.version, what: 'referral-withdrawal' } as const;
    return this.referralWork.onReferral(actor, id, frame, async (tx, referral) => {
      const withdrawn = await writeStep(tx, referral, { status: 'withdrawn', withdrawnBy: actor.id, withdrawnAt: tx.at, withdrawReason: dto.reason });
      tx.record({ type: 'referral.withdrawn', referralId: referral.id, organisationId: referral.organisationId, byClosure: false });
      return this.views.staffView(tx.m, withdrawn);
    });
  }

  /**
   * The case team marks an accepted referral to go on after the case closes, with a reason: the
   * closure then leaves it accepted (the partner keeps working and reading), and a `resolved`
   * closure counts it as settled. Marking again replaces the reason.
   */
  async continueAfterClosure(actor: Actor, id: string, dto: ContinueAfterClosureDto): Promise<StaffReferralDto> {
    const frame = {
      side: 'caseTeam',
      doing: 'decide on its referrals',
      step: 'continueAfterClosure',
      version: dto.version,
      what: 'referral-continuation',
    } as const;
    return this.referralWork.onReferral(actor, id, frame, async (tx, referral) => {
      const marked = await writeStep(tx, referral, {
        continuesAfterClosureReason: dto.reason,
        continuesAfterClosureBy: actor.id,
        continuesAfterClosureAt: tx.at,
      });
      tx.record({ type: 'referral.continues_after_closure', referralId: referral.id, organisationId: referral.organisationId });
      return this.views.staffView(tx.m, marked);
    });
  }

  /** Shared notes of this case only: an internal note, or another case's, never travels. */
  private async sharedNoteProblems(m: EntityManager, caseId: string, ids: string[]): Promise<ErrorDetail[]> {
    if (ids.length === 0) return [];
    const wanted = ids.map((id) => id.toLowerCase());
    const found = await m.getRepository(NoteEntity).find({ where: { id: In(wanted), caseId, visibility: 'shared' }, select: { id: true } });
    const ok = new Set(found.map((n) => n.id));
    return wanted.flatMap((id, i) => (ok.has(id) ? [] : [{ field: `sharedNoteIds.${i}`, message: 'must be a shared note of this case' }]));
  }

  /** A plan action of the approved plan in force (never a draft, whose actions may still be rewritten), for the same service. */
  private async planActionProblems(m: EntityManager, caseId: string, dto: SendReferralDto): Promise<ErrorDetail[]> {
    if (!dto.planActionId) return [];
    const action = await m
      .getRepository(PlanActionEntity)
      .createQueryBuilder('pa')
      .innerJoin('pa.plan', 'p')
      .where('pa.id = :id AND p.case_id = :caseId AND p.status = :approved', { id: dto.planActionId, caseId, approved: 'approved' })
      .getOne();
    if (!action) return [{ field: 'planActionId', message: 'must be an action of the case’s approved plan in force' }];
    if (action.serviceType !== dto.serviceType) return [{ field: 'serviceType', message: `the plan action asks for ${action.serviceType}` }];
    return [];
  }

  private async assertNoOpenDuplicate(m: EntityManager, caseId: string, dto: SendReferralDto): Promise<void> {
    const open = await m.getRepository(ReferralEntity).findOne({
      where: { caseId, organisationId: dto.organisationId, serviceType: dto.serviceType, status: In([...OPEN_STATUSES]) },
      select: { id: true, status: true },
    });
    if (!open) return;
    throw new AppException(ErrorCode.Conflict, 'This case already has an open referral to this organisation for this service', [
      { field: 'organisationId', message: `referral ${open.id} is ${open.status}`, referralId: open.id, status: open.status },
    ]);
  }
}
