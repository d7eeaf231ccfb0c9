import type { ReferralStatus } from '../codes/referral.codes';

/**
 * What can be done to a referral: the partner answers and reports; the case side cancels it before
 * an answer, withdraws it once accepted, or marks an accepted one to continue after the case closes.
 */
export type ReferralStep = 'accept' | 'decline' | 'addUpdate' | 'complete' | 'cancel' | 'withdraw' | 'continueAfterClosure';

/**
 * From which statuses each step may be taken, and where it leads (null: the status stays).
 * Cancelling is a withdrawal before the partner answers; once accepted, the partner finishes
 * the referral by completing it (its outcome may say the service could not be delivered). That
 * makes accept and cancel mutually exclusive: whichever comes first wins. An accepted referral
 * ends early only by a withdrawal (`withdrawn`, terminal): the case team's, or the closure's for
 * an accepted referral not marked to continue after closure (closure-referrals.ts). The mark
 * leaves the status as it is.
 */
const STEPS: Record<ReferralStep, { from: readonly ReferralStatus[]; to: ReferralStatus | null }> = {
  accept: { from: ['pending'], to: 'accepted' },
  decline: { from: ['pending'], to: 'declined' },
  addUpdate: { from: ['accepted'], to: null },
  complete: { from: ['accepted'], to: 'completed' },
  cancel: { from: ['pending'], to: 'cancelled' },
  withdraw: { from: ['accepted'], to: 'withdrawn' },
  continueAfterClosure: { from: ['accepted'], to: null },
};

export type ReferralMove =
  /** The step is taken: `to` is the new status (unchanged for an update). */
  | { ok: true; changed: true; to: ReferralStatus }
  /** Accepting an accepted referral: nothing to do, and not an error (idempotent). */
  | { ok: true; changed: false; to: ReferralStatus }
  | { ok: false; allowedFrom: readonly ReferralStatus[] };

export function referralMove(status: ReferralStatus, step: ReferralStep): ReferralMove {
  if (step === 'accept' && status === 'accepted') return { ok: true, changed: false, to: status };
  const rule = STEPS[step];
  if (!rule.from.includes(status)) return { ok: false, allowedFrom: rule.from };
  return { ok: true, changed: true, to: rule.to ?? status };
}
