import { REFERRAL_STATUSES } from '../codes/referral.codes';
import type { ReferralStatus } from '../codes/referral.codes';
import { referralMove, ReferralStep } from './referral-lifecycle';

const STEPS: ReferralStep[] = ['accept', 'decline', 'addUpdate', 'complete', 'cancel', 'withdraw', 'continueAfterClosure'];

/** Every (status, step) pair and what it gives: the new status, '=' for idempotent, '409' for refused. */
const EXPECTED: Record<ReferralStatus, Record<ReferralStep, string>> = {
  pending: { accept: 'accepted', decline: 'declined', addUpdate: '409', complete: '409', cancel: 'cancelled', withdraw: '409', continueAfterClosure: '409' },
  accepted: {
    accept: '=',
    decline: '409',
    addUpdate: 'accepted',
    complete: 'completed',
    cancel: '409',
    withdraw: 'withdrawn',
    continueAfterClosure: 'accepted',
  },
  declined: { accept: '409', decline: '409', addUpdate: '409', complete: '409', cancel: '409', withdraw: '409', continueAfterClosure: '409' },
  completed: { accept: '409', decline: '409', addUpdate: '409', complete: '409', cancel: '409', withdraw: '409', continueAfterClosure: '409' },
  cancelled: { accept: '409', decline: '409', addUpdate: '409', complete: '409', cancel: '409', withdraw: '409', continueAfterClosure: '409' },
  withdrawn: { accept: '409', decline: '409', addUpdate: '409', complete: '409', cancel: '409', withdraw: '409', continueAfterClosure: '409' },
};

describe('referral lifecycle', () => {
  it.each(REFERRAL_STATUSES.flatMap((status) => STEPS.map((step) => [status, step] as const)))('%s + %s', (status, step) => {
    const move = referralMove(status, step);
    const got = !move.ok ? '409' : move.changed ? move.to : '=';
    expect(got).toBe(EXPECTED[status][step]);
    if (!move.ok) expect(move.allowedFrom).not.toContain(status);
  });

  it('ends in declined, completed and cancelled: nothing leaves them', () => {
    for (const status of ['declined', 'completed', 'cancelled'] as const) {
      expect(STEPS.filter((step) => referralMove(status, step).ok)).toEqual([]);
    }
  });

  it('ends in withdrawn: the partner can no longer report or complete, nothing leaves it', () => {
    expect(STEPS.filter((step) => referralMove('withdrawn', step).ok)).toEqual([]);
  });

  it('makes accept and cancel exclusive: after either, the other is refused', () => {
    expect(referralMove('accepted', 'cancel').ok).toBe(false);
    expect(referralMove('cancelled', 'accept').ok).toBe(false);
  });
});
