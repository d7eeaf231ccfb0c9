import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { CaseRecordService } from '@haven/audit';
import { UserEntity } from '@haven/auth';
import { refusalToException } from '@haven/cases';
import {
  closureReferralsRefusal,
  OPEN_REFERRAL_STATUSES,
  ReferralAtClosure,
  referralsAtClosure,
  Role,
  unsettledReferrals,
  type CaseRecordEvent,
} from '@haven/domain';
import { DeliveryScheduler, NotificationsService, NotifyInput } from '@haven/notifications';
import { AfterCommit, AppException, ErrorCode, pgCode, TxEventPayloads, TxEvents } from '@haven/platform';
import { ReferralEntity } from './referral.entity';

/**
 * What a case's closure does to its referrals (closure-referrals.ts in the domain has the rule;
 * law-review §2b-2). Cases sits below referrals, so it announces its closure request and approval
 * (TxEvents) once their record is written, and this handler acts in the same transaction:
 *
 * - request: the open referrals are listed on the record (`closure.open_referrals`); for
 *   `resolved`, an accepted referral neither completed, withdrawn nor marked to continue refuses
 *   the request (409 TRANSITION_NOT_ALLOWED, missing `referrals_settled`, the ids in `referralIds`);
 * - approval: pending → cancelled (`case_closed:<reason>`), accepted → withdrawn unless marked to
 *   continue, each on the record with the approver as actor; each affected organisation's active
 *   partner users are told (`referral.case_closed`: case number, referral id and what became of
 *   it, nothing about the child), delivered after the commit. The closure cancels the case's
 *   deadlines itself (the referral_response deadlines with them).
 */
@Injectable()
export class ClosureReferralsHandler implements OnModuleInit {
  constructor(
    private readonly txEvents: TxEvents,
    private readonly record: CaseRecordService,
    private readonly notifications: NotificationsService,
    private readonly delivery: DeliveryScheduler,
  ) {}

  onModuleInit(): void {
    this.txEvents.on('case.closure_requested', (m, event) => this.onRequested(m, event));
    this.txEvents.on('case.closure_approved', (m, event) => this.onApproved(m, event));
  }

  async onRequested(m: EntityManager, event: TxEventPayloads['case.closure_requested']): Promise<void> {
    const open = await this.openReferrals(m, event.caseId);
    const facts = open.map(toFact);
    const refusal = closureReferralsRefusal(event.stage, event.reason, facts);
    if (refusal && !refusal.ok) {
      const error = refusalToException(refusal.reason);
      throw new AppException(error.code, error.message, [{ ...error.details[0], referralIds: unsettledReferrals(event.reason, facts) }]);
    }
    if (open.length === 0) return;
    const referrals = open.map((r) => ({
      referralId: r.id,
      organisationId: r.organisationId,
      status: r.status,
      continuesAfterClosure: r.continuesAfterClosureReason !== null,
    }));
    await this.record.append(m, event.caseId, event.actorId, [{ type: 'closure.open_referrals', referrals }]);
  }

  async onApproved(m: EntityManager, event: TxEventPayloads['case.closure_approved']): Promise<AfterCommit | void> {
    const open = await this.lockOpenReferrals(m, event.caseId);
    if (open.length === 0) return;
    const outcome = referralsAtClosure(event.reason, open.map(toFact));
    const byId = new Map(open.map((r) => [r.id, r]));
    const reason = `case_closed:${event.reason}`;
    const at = event.closedAt;
    const repo = m.getRepository(ReferralEntity);
    const events: CaseRecordEvent[] = [];
    const told: { referral: ReferralEntity; status: 'cancelled' | 'withdrawn' | 'accepted' }[] = [];
    // Each ended referral: its own columns for who ended it, when and why; the same step otherwise.
    const ended = [
      ...outcome.cancel.map((id) => ({ id, status: 'cancelled' as const, by: { cancelledBy: event.actorId, cancelledAt: at, cancelReason: reason } })),
      ...outcome.withdraw.map((id) => ({ id, status: 'withdrawn' as const, by: { withdrawnBy: event.actorId, withdrawnAt: at, withdrawReason: reason } })),
    ];
    for (const { id, status, by } of ended) {
      const r = byId.get(id)!;
      await repo.update({ id }, { status, ...by, updatedAt: at, version: r.version + 1 });
      const type = status === 'cancelled' ? ('referral.cancelled' as const) : ('referral.withdrawn' as const);
      events.push({ type, referralId: id, organisationId: r.organisationId, byClosure: true });
      told.push({ referral: r, status });
    }
    for (const id of outcome.continuing) told.push({ referral: byId.get(id)!, status: 'accepted' });
    await this.record.append(m, event.caseId, event.actorId, events);

    const orgs = [...new Set(told.map((t) => t.referral.organisationId))];
    const partners = await m
      .getRepository(UserEntity)
      .find({ where: { organisationId: In(orgs), role: Role.Partner, active: true }, select: { id: true, organisationId: true } });
    const inputs: NotifyInput<'referral.case_closed'>[] = told.map(({ referral, status }) => ({
      recipientIds: partners.filter((u) => u.organisationId === referral.organisationId).map((u) => u.id),
      caseId: event.caseId,
      caseNumber: event.caseNumber,
      kind: 'referral.case_closed',
      dedupeKey: `${referral.id}:case_closed:${status}`,
      params: { referralId: referral.id, referralStatus: status },
    }));
    const created = (await this.notifications.notifyMany(m, inputs)).flat();
    // Never throws; with Redis away the delivery reconciler enqueues them.
    return async () => {
      await this.delivery.enqueue(created);
    };
  }

  private openReferrals(m: EntityManager, caseId: string): Promise<ReferralEntity[]> {
    return m.getRepository(ReferralEntity).find({ where: { caseId, status: In([...OPEN_REFERRAL_STATUSES]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The open referrals, locked without waiting. The closure holds the case row; a referral step
   * locks its referral row first and the case row after (its deadlines), so waiting here could
   * deadlock: a referral being answered right now makes the approval answer 409 (try again), and
   * the step goes through.
   */
  private async lockOpenReferrals(m: EntityManager, caseId: string): Promise<ReferralEntity[]> {
    try {
      return await m.getRepository(ReferralEntity).find({
        where: { caseId, status: In([...OPEN_REFERRAL_STATUSES]) },
        order: { createdAt: 'ASC', id: 'ASC' },
        lock: { mode: 'pessimistic_write', onLocked: 'nowait' },
      });
    } catch (e) {
      if (pgCode(e) === '55P03') {
        throw new AppException(ErrorCode.Conflict, 'A referral of this case is being answered right now; approve the closure again in a moment');
      }
      throw e;
    }
  }
}

const toFact = (r: ReferralEntity): ReferralAtClosure => ({ id: r.id, status: r.status, continuesAfterClosure: r.continuesAfterClosureReason !== null });
