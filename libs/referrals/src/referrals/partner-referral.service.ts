import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { type Actor, UserEntity } from '@haven/auth';
import { CaseRecordService } from '@haven/audit';
import { CaseDeadlineSync, CaseEntity, requireOpenCase } from '@haven/cases';
import { Role } from '@haven/domain';
import { DeliveryScheduler, NotificationsService } from '@haven/notifications';
import { AppException } from '@haven/platform';
import { AddReferralUpdateDto, CompleteReferralDto, DeclineReferralDto, ReferralStepDto } from './referral.dto';
import { PartnerReferralDto, ReferralUpdateDto } from './referral-response.dto';
import { ReferralEntity, ReferralUpdateEntity } from './referral.entity';
import { checkReferralVersion, requireMove, writeStep } from './referral-steps';
import { ReferralViews } from './referral-views';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly caseRecord: CaseRecordService,
    private readonly views: ReferralViews,
    private readonly deadlines: CaseDeadlineSync,
    private readonly notifications: NotificationsService,
    private readonly delivery: DeliveryScheduler,
  ) {}

  /** Idempotent: accepting an accepted referral answers it unchanged (whatever version the retry names). */
  async accept(actor: Actor, id: string, dto: ReferralStepDto): Promise<PartnerReferralDto> {
    return this.dataSource.transaction(async (m) => {
      const referral = await this.lock(m, actor, id);
      const move = requireMove(referral, 'accept');
      if (!move.changed) {
        await this.caseRecord.logAccess(m, referral.caseId, actor.id, 'read', 'referral');
        return this.views.partnerView(m, referral);
      }
      checkReferralVersion(referral, dto.version);
      // A closed case takes no new service; answers that wind a referral down are still accepted.
      const kase = await m.getRepository(CaseEntity).findOneOrFail({ where: { id: referral.caseId }, select: { id: true, stage: true } });
      requireOpenCase(kase, 'accepting a referral', 'acceptReferral');
      const accepted = await writeStep(m, referral, { status: 'accepted', respondedBy: actor.id, respondedAt: new Date() });
      await this.caseRecord.append(m, referral.caseId, actor.id, [
        { type: 'referral.accepted', referralId: referral.id, organisationId: referral.organisationId },
      ]);
      await this.caseRecord.logAccess(m, referral.caseId, actor.id, 'write', 'referral-acceptance');
      await this.deadlines.onReferral(m, referral.caseId, { type: 'referral.answered', referralId: referral.id });
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
    const { view, notices } = await this.dataSource.transaction(async (m) => {
      const referral = await this.lock(m, actor, id);
      requireMove(referral, 'decline');
      checkReferralVersion(referral, dto.version);
      const declined = await writeStep(m, referral, { status: 'declined', respondedBy: actor.id, respondedAt: new Date(), declineReason: dto.reason });
      const kase = await m
        .getRepository(CaseEntity)
        .findOneOrFail({ where: { id: referral.caseId }, select: { id: true, caseNumber: true, assigneeId: true, createdBy: true } });
      const notifyUserIds = [...new Set([kase.assigneeId ?? kase.createdBy, referral.createdBy])];
      await this.caseRecord.append(m, referral.caseId, actor.id, [
        {
          type: 'referral.declined',
          referralId: referral.id,
          organisationId: referral.organisationId,
          serviceType: referral.serviceType,
          notifyUserIds,
        },
      ]);
      await this.caseRecord.logAccess(m, referral.caseId, actor.id, 'write', 'referral-decline');
      await this.deadlines.onReferral(m, referral.caseId, { type: 'referral.answered', referralId: referral.id });
      const active = await m.getRepository(UserEntity).find({ where: { id: In(notifyUserIds), active: true }, select: { id: true } });
      const notices = await this.notifications.notify(m, {
        recipientIds: active.map((u) => u.id),
        caseId: kase.id,
        caseNumber: kase.caseNumber,
        kind: 'referral.declined',
        dedupeKey: `${referral.id}:declined`,
        params: { referralId: referral.id, serviceType: referral.serviceType },
      });
      return { view: await this.views.partnerView(m, declined), notices };
    });
    // After the commit; never throws (with Redis away, the delivery reconciler enqueues them).
    await this.delivery.enqueue(notices);
    return view;
  }

  /** A progress report while the service is under way; its body stays on the update row. */
  async addUpdate(actor: Actor, id: string, dto: AddReferralUpdateDto): Promise<ReferralUpdateDto> {
    return this.dataSource.transaction(async (m) => {
      const referral = await this.lock(m, actor, id);
      requireMove(referral, 'addUpdate');
      checkReferralVersion(referral, dto.version);
      const inserted = await m
        .getRepository(ReferralUpdateEntity)
        .insert({ referralId: referral.id, authorId: actor.id, body: dto.body, createdAt: new Date() });
      const updateId = (inserted.identifiers[0] as { id: string }).id;
      await writeStep(m, referral, {});
      await this.caseRecord.append(m, referral.caseId, actor.id, [
        { type: 'referral.updated', referralId: referral.id, organisationId: referral.organisationId, updateId },
      ]);
      await this.caseRecord.logAccess(m, referral.caseId, actor.id, 'write', 'referral-update');
      return this.views.loadUpdate(m, updateId);
    });
  }

  async complete(actor: Actor, id: string, dto: CompleteReferralDto): Promise<PartnerReferralDto> {
    return this.dataSource.transaction(async (m) => {
      const referral = await this.lock(m, actor, id);
      requireMove(referral, 'complete');
      checkReferralVersion(referral, dto.version);
      const completed = await writeStep(m, referral, { status: 'completed', completedBy: actor.id, completedAt: new Date(), outcome: dto.outcome });
      await this.caseRecord.append(m, referral.caseId, actor.id, [
        { type: 'referral.completed', referralId: referral.id, organisationId: referral.organisationId },
      ]);
      await this.caseRecord.logAccess(m, referral.caseId, actor.id, 'write', 'referral-completion');
      // A referral made for a plan action delivers it.
      await this.deadlines.onReferral(m, referral.caseId, { type: 'referral.completed', referralId: referral.id, planActionId: referral.planActionId });
      return this.views.partnerView(m, completed);
    });
  }

  /** The partner's own organisation's referral, its row locked for the step; 404 for anything else. */
  private lock(m: EntityManager, actor: Actor, id: string): Promise<ReferralEntity> {
    if (actor.role !== Role.Partner) throw AppException.forbidden('Only the receiving organisation answers a referral');
    return this.views.findScoped(m, actor, id, true);
  }
}
