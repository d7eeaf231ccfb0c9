import fc from 'fast-check';
import { CLOSURE_REASONS } from '../codes/closure-reason.codes';
import { REFERRAL_STATUSES } from '../codes/referral.codes';
import { referralMove } from './referral-lifecycle';
import {
  CLOSURE_ENDS_EVERY_REFERRAL,
  closureReferralsRefusal,
  isOpenReferral,
  ReferralAtClosure,
  referralsAtClosure,
  statusAfterClosure,
  unsettledReferrals,
} from './closure-referrals';

/*
 * A closure with referrals in every state (law-review §2b-2): random sets of referrals (each
 * status, marked to continue or not) and every closure reason, checking what the request refuses
 * and what the approval leaves of each referral.
 */
const referral = fc.record({
  id: fc.uuid(),
  status: fc.constantFrom(...REFERRAL_STATUSES),
  // Only an accepted referral can carry the mark (the step needs it accepted); others try it anyway.
  continuesAfterClosure: fc.boolean(),
});
const referrals = fc.uniqueArray(referral, { selector: (r) => r.id, maxLength: 12 });
const reason = fc.constantFrom(...CLOSURE_REASONS);

describe('closure with referrals (property)', () => {
  it('the approval ends every pending and accepted referral, except accepted ones marked to continue where the reason allows, and touches no other', () => {
    fc.assert(
      fc.property(reason, referrals, (why, refs) => {
        const out = referralsAtClosure(why, refs);
        const all = [...out.cancel, ...out.withdraw, ...out.continuing];
        // Each open referral in exactly one list; no terminal one in any.
        expect(new Set(all).size).toBe(all.length);
        expect(new Set(all)).toEqual(new Set(refs.filter(isOpenReferral).map((r) => r.id)));
        for (const r of refs) {
          const after = statusAfterClosure(why, r);
          if (r.status === 'pending') expect(after).toBe('cancelled');
          else if (r.status === 'accepted') {
            const keeps = r.continuesAfterClosure && !CLOSURE_ENDS_EVERY_REFERRAL.includes(why);
            expect(after).toBe(keeps ? 'accepted' : 'withdrawn');
          } else expect(after).toBe(r.status);
          // What the closure does is a move the referral's state machine allows.
          if (after !== r.status) expect(referralMove(r.status, after === 'cancelled' ? 'cancel' : 'withdraw')).toEqual({ ok: true, changed: true, to: after });
        }
        // Nothing left pending after a closure; an accepted one only if marked.
        const left = refs.map((r) => ({ ...r, status: statusAfterClosure(why, r) }));
        expect(left.filter((r) => r.status === 'pending')).toEqual([]);
        expect(left.filter((r) => r.status === 'accepted').every((r) => r.continuesAfterClosure)).toBe(true);
      }),
    );
  });

  it('the request refuses `resolved` exactly while an accepted referral is unmarked, naming those; no other reason is refused for referrals', () => {
    fc.assert(
      fc.property(reason, referrals, (why, refs) => {
        const unsettled = refs.filter((r) => r.status === 'accepted' && !r.continuesAfterClosure).map((r) => r.id);
        const refusal = closureReferralsRefusal('review', why, refs);
        if (why === 'resolved' && unsettled.length > 0) {
          expect(refusal).toMatchObject({ ok: false, reason: { code: 'TRANSITION_NOT_ALLOWED', command: 'requestClosure', missing: ['referrals_settled'] } });
          expect(unsettledReferrals(why, refs)).toEqual(unsettled);
        } else {
          expect(refusal).toBeNull();
          expect(unsettledReferrals(why, refs)).toEqual([]);
        }
      }),
    );
  });

  it('once every accepted referral is completed, withdrawn or marked, `resolved` is allowed and its approval withdraws nothing', () => {
    fc.assert(
      fc.property(referrals, fc.constantFrom('complete', 'withdraw', 'mark'), (refs, settle) => {
        const settled: ReferralAtClosure[] = refs.map((r) => {
          if (r.status !== 'accepted') return r;
          if (settle === 'mark') return { ...r, continuesAfterClosure: true };
          return { ...r, status: settle === 'complete' ? 'completed' : 'withdrawn' };
        });
        expect(closureReferralsRefusal('review', 'resolved', settled)).toBeNull();
        expect(referralsAtClosure('resolved', settled).withdraw).toEqual([]);
      }),
    );
  });
});
