import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { type Actor, UserEntity } from '@haven/auth';
import { CaseDeadlineSync, CaseEntity, CaseTx, requireOpenCase } from '@haven/cases';
import { DeliveryScheduler, NotificationsService } from '@haven/notifications';
import { AddReferralUpdateDto, CompleteReferralDto, DeclineReferralDto, ReferralStepDto } from './referral.dto';
import { PartnerReferralDto, ReferralUpdateDto } from './referral-response.dto';
import { ReferralEntity, ReferralUpdateEntity } from './referral.entity';
import { writeStep } from './referral-steps';
import { ReferralViews } from './referral-views';
import { OnReferralOptions, ReferralWork } from './referral-work';

/**
 * The receiving organisation's side: accept or decline, report progress, complete with an
 * outcome. Only referrals addressed to the partner's own organisation are found (404 for any
 * other). Each step locks the referral row, so a racing cancellation waits and then loses (or
 * wins first), and lands on the case's timeline and access log in the same transaction, with
 * the partner user as the actor.
 */
@Injectable()
export class PartnerReferralService {
  constructor(
    private readonly work: ReferralWork,
    private readonly views: ReferralViews,
    private readonly deadlines: CaseDeadlineSync,
    private readonly notifications: NotificationsService,
    private readonly delivery: DeliveryScheduler,
  ) {}

  /** Idempotent: accepting an accepted referral answers it unchanged (whatever version the retry names). */
  async accept(actor: Actor, id: string, dto: ReferralStepDto): Promise<PartnerReferralDto> {
    const frame: OnReferralOptions<PartnerReferralDto> = {
      side: 'partner',
      step: 'accept',
      version: dto.version,
      what: 'referral-acceptance',
      unchanged: (tx, referral) => this.views.partnerView(tx.m, referral),
    };
    return this.work.onReferral(actor, id, frame, async (tx, referral) => {
      const m = tx.m;
      // A closed case takes no new service; answers that wind a referral down are still accepted.
      const kase = await m.getRepository(CaseEntity).findOneOrFail({ where: { id: referral.caseId }, select: { id: true, stage: true } });
      requireOpenCase(kase, 'accepting a referral', 'acceptReferral');
      const accepted = await writeStep(tx, referral, { status: 'accepted', respondedBy: actor.id, respondedAt: tx.at });
      tx.record({ type: 'referral.accepted', referralId: referral.id, organisationId: referral.organisationId });
      await this.answered(tx, referral);
      return this.views.partnerView(m, accepted);
    });
  }

  /**
   * Tells the case's worker of record and the referral's sender (each active one, once): a
   * `referral.declined` notice written in the decline's transaction, one per recipient and
   * `<referral id>:declined`, its deliveries (e-mail, webhook) queued after the commit. The
   * event's `notifyUserIds` names the same people. The reason stays on the referral.
   */
  async decline(actor: Actor, id: string, dto: DeclineReferralDto): Promise<PartnerReferralDto> {
    return this.work.onReferral(actor, id, { side: 'partner', step: 'decline', version: dto.version, what: 'referral-decline' }, async (tx, referral) => {
      const m = tx.m;
      const declined = await writeStep(tx, referral, { status: 'declined', respondedBy: actor.id, respondedAt: tx.at, declineReason: dto.reason });
      const kase = await m
        .getRepository(CaseEntity)
        .findOneOrFail({ where: { id: referral.caseId }, select: { id: true, caseNumber: true, assigneeId: true, createdBy: true } });
      const notifyUserIds = [...new Set([kase.assigneeId ?? kase.createdBy, referral.createdBy])];
      tx.record({
        type: 'referral.declined',
        referralId: referral.id,
        organisationId: referral.organisationId,
        serviceType: referral.serviceType,
        notifyUserIds,
      });
      await this.answered(tx, referral);
      const active = await m.getRepository(UserEntity).find({ where: { id: In(notifyUserIds), active: true }, select: { id: true } });
      const notices = await this.notifications.notify(m, {
        recipientIds: active.map((u) => u.id),
        caseId: kase.id,
        caseNumber: kase.caseNumber,
        kind: 'referral.declined',
        dedupeKey: `${referral.id}:declined`,
        params: { referralId: referral.id, serviceType: referral.serviceType },
      });
      // Never throws (with Redis away, the delivery reconciler enqueues them).
      tx.afterCommit(() => this.delivery.enqueue(notices));
      return this.views.partnerView(m, declined);
    });
  }

  /** A progress report while the service is under way; its body stays on the update row. */
  async addUpdate(actor: Actor, id: string, dto: AddReferralUpdateDto): Promise<ReferralUpdateDto> {
    return this.work.onReferral(actor, id, { side: 'partner', step: 'addUpdate', version: dto.version, what: 'referral-update' }, async (tx, referral) => {
      const m = tx.m;
      const inserted = await m.getRepository(ReferralUpdateEntity).insert({ referralId: referral.id, authorId: actor.id, body: dto.body, createdAt: tx.at });
      const updateId = (inserted.identifiers[0] as { id: string }).id;
      await writeStep(tx, referral, {});
      tx.record({ type: 'referral.updated', referralId: referral.id, organisationId: referral.organisationId, updateId });
      return this.views.loadUpdate(m, updateId);
    });
  }

  async complete(actor: Actor, id: string, dto: CompleteReferralDto): Promise<PartnerReferralDto> {
    return this.work.onReferral(actor, id, { side: 'partner', step: 'complete', version: dto.version, what: 'referral-completion' }, async (tx, referral) => {
      const m = tx.m;
      const completed = await writeStep(tx, referral, { status: 'completed', completedBy: actor.id, completedAt: tx.at, outcome: dto.outcome });
      tx.record({ type: 'referral.completed', referralId: referral.id, organisationId: referral.organisationId });
      // A referral made for a plan action delivers it.
      const deadlines = await this.deadlines.onReferral(
        m,
        referral.caseId,
        { type: 'referral.completed', referralId: referral.id, planActionId: referral.planActionId },
        tx.at,
      );
      tx.afterCommit(() => this.deadlines.schedule(deadlines));
      return this.views.partnerView(m, completed);
    });
  }

  /**
   * An answer closes the referral's response deadline. Answering opens no deadline today, so the
   * schedule finds no step to queue; it is there so that the first rule that does is not lost.
   */
  private async answered(tx: CaseTx, referral: ReferralEntity): Promise<void> {
    const deadlines = await this.deadlines.onReferral(tx.m, referral.caseId, { type: 'referral.answered', referralId: referral.id }, tx.at);
    tx.afterCommit(() => this.deadlines.schedule(deadlines));
  }
}
