import { Injectable } from '@nestjs/common';
import type { CaseWriteWhat } from '@haven/audit';
import type { Actor } from '@haven/auth';
import { CaseAccessService, CaseTx, CaseWork, requireCaseTeam } from '@haven/cases';
import { Role } from '@haven/domain';
import { AppException } from '@haven/platform';
import { ReferralEntity } from './referral.entity';
import type { ReferralStep } from '@haven/domain';
import { checkReferralVersion, requireMove } from './referral-steps';
import { ReferralViews } from './referral-views';

/**
 * Who takes the step: the receiving organisation (partners only; the referral found by its
 * organisation, 404 otherwise), or the case's team (the referral's case in the actor's scope).
 */
export type ReferralSide = { side: 'partner' } | { side: 'caseTeam'; doing: string };

export type OnReferralOptions<R> = ReferralSide & {
  step: ReferralStep;
  /** The referral version the client saw; checked when given (409). */
  version: number | undefined;
  /** The access-log entry of the step. */
  what: CaseWriteWhat;
  /** A step that leaves the status as it is (accepting an accepted referral): the answer, logged as a read. */
  unchanged?: (tx: CaseTx, referral: ReferralEntity) => Promise<R>;
};

/**
 * The frame of a step on a referral, on CaseWork's unit of work: in one transaction, who may
 * (a partner, 403), the referral row locked in scope (404), the case team (403), the move its
 * status allows (409), the version (409), then the step; the case's history and access log at
 * the end, after the commit the step's effects. Only the referral row is locked: the case row
 * stays free unless the step's deadlines lock it.
 */
@Injectable()
export class ReferralWork {
  constructor(
    private readonly work: CaseWork,
    private readonly access: CaseAccessService,
    private readonly views: ReferralViews,
  ) {}

  onReferral<R>(actor: Actor, id: string, opts: OnReferralOptions<R>, fn: (tx: CaseTx, referral: ReferralEntity) => Promise<R>): Promise<R> {
    return this.work.run(actor, async (tx) => {
      if (opts.side === 'partner' && actor.role !== Role.Partner) throw AppException.forbidden('Only the receiving organisation answers a referral');
      // The referral row is locked first: a cancellation racing an answer waits, then finds it moved on (or the reverse).
      const referral = await this.views.findScoped(tx.m, actor, id, true);
      tx.forCase(referral.caseId);
      if (opts.side === 'caseTeam') {
        const kase = await this.access.requireCase(actor, referral.caseId, { manager: tx.m });
        requireCaseTeam(actor, kase, opts.doing);
      }
      const move = requireMove(referral, opts.step);
      if (!move.changed) {
        if (!opts.unchanged) throw new Error(`ReferralWork: ${opts.step} left the referral unchanged with no answer for it`);
        tx.logRead('referral');
        return opts.unchanged(tx, referral);
      }
      checkReferralVersion(referral, opts.version);
      tx.logWrite(opts.what);
      return fn(tx, referral);
    });
  }
}
