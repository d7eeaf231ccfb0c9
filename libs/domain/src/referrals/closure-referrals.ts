import type { ClosureReason } from '../codes/closure-reason.codes';
import type { ReferralStatus } from '../codes/referral.codes';
import type { Stage } from '../codes/stage.codes';
import type { Decision } from '../lifecycle/decision.types';
import { refuse } from '../lifecycle/refusal';

/**
 * What closing a case does to its referrals (law-review §2b-2; Decree 56 arts. 28(5), 30(1)(b),
 * 24(2); PDPL purpose limitation): the service ends with the plan, and so does the partner's
 * reason to hold the child's data.
 *
 * - Request: the open referrals are listed; for `resolved`, every accepted referral must first be
 *   completed (by the partner), withdrawn, or marked to continue after closure with a reason (a
 *   school's support until the end of the school year, say). Otherwise 409 `referrals_settled`.
 * - Approval, in the closure's transaction: pending → `cancelled`; accepted → `withdrawn`, unless
 *   marked to continue and the reason allows it (not for a case that should never have been one,
 *   or whose child died: everything ends); declined, completed, cancelled, withdrawn stay as they are.
 * - Reopening revives nothing: a new episode sends new referrals.
 */
export interface ReferralAtClosure {
  id: string;
  status: ReferralStatus;
  /** The case team marked it (accepted only) to continue after the case closes, with a reason. */
  continuesAfterClosure: boolean;
}

/** Referrals still under way: what a closure has to end or keep. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['pending', 'accepted'];

/** Reasons after which no service goes on, whatever was marked: the case was never one, or the child died (§2b-2 item 4). */
export const CLOSURE_ENDS_EVERY_REFERRAL: readonly ClosureReason[] = ['unfounded', 'duplicate', 'child_died'];

export const isOpenReferral = (r: Pick<ReferralAtClosure, 'status'>): boolean => OPEN_REFERRAL_STATUSES.includes(r.status);

/** For `resolved`: the accepted referrals neither finished nor marked to continue, in the given order. */
export function unsettledReferrals(reason: ClosureReason, referrals: readonly ReferralAtClosure[]): string[] {
  if (reason !== 'resolved') return [];
  return referrals.filter((r) => r.status === 'accepted' && !r.continuesAfterClosure).map((r) => r.id);
}

/** The request's refusal when referrals are unsettled (the ids go into the error's details), or null. */
export function closureReferralsRefusal(stage: Stage, reason: ClosureReason, referrals: readonly ReferralAtClosure[]): Decision | null {
  return unsettledReferrals(reason, referrals).length > 0 ? refuse('TRANSITION_NOT_ALLOWED', 'requestClosure', stage, ['referrals_settled']) : null;
}

export interface ClosureReferralOutcome {
  /** pending → cancelled */
  cancel: string[];
  /** accepted → withdrawn */
  withdraw: string[];
  /** accepted, marked to continue after closure: stays accepted */
  continuing: string[];
}

/** What the approval does to each referral; terminal ones are in no list (left as they are). */
export function referralsAtClosure(reason: ClosureReason, referrals: readonly ReferralAtClosure[]): ClosureReferralOutcome {
  const out: ClosureReferralOutcome = { cancel: [], withdraw: [], continuing: [] };
  const marksHold = !CLOSURE_ENDS_EVERY_REFERRAL.includes(reason);
  for (const r of referrals) {
    if (r.status === 'pending') out.cancel.push(r.id);
    else if (r.status === 'accepted') (r.continuesAfterClosure && marksHold ? out.continuing : out.withdraw).push(r.id);
  }
  return out;
}

/** The status each referral has after the approval (the outcome applied). */
export function statusAfterClosure(reason: ClosureReason, referral: ReferralAtClosure): ReferralStatus {
  const out = referralsAtClosure(reason, [referral]);
  if (out.cancel.length) return 'cancelled';
  if (out.withdraw.length) return 'withdrawn';
  return referral.status;
}
