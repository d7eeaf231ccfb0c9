import type { ReferralStatus } from '@haven/domain';

/**
 * How much of a referral its receiving organisation may see:
 * - `full`: the minimum-necessary view (the child's given name and age, the reason, the shared
 *   notes, the case worker to contact, the answers and updates);
 * - `status`: the referral's status and dates only.
 */
export type PartnerViewLevel = 'full' | 'status';

export interface PartnerViewFacts {
  status: ReferralStatus;
  /** Sent without consent on a supervisor's emergency override (audited, with a justification). */
  consentOverride: boolean;
  /** Consent to sharing is in force on the case now (ConsentStatus.granted for 'sharing'). */
  sharingConsent: boolean;
}

/**
 * Which statuses end the partner's need to know, whatever the consents say: a declined referral
 * is not the partner's work, a cancelled one was withdrawn before it started, a withdrawn one was
 * ended by the case side (by hand, or by the case's closure: the purpose is over, PDPL purpose
 * limitation, law-review §2b-2); a stub of status and dates remains. (A Record keyed by
 * the status, so a new status cannot be added without deciding.)
 */
const ENDS_SHARING: Record<ReferralStatus, boolean> = {
  pending: false,
  accepted: false,
  completed: false,
  declined: true,
  cancelled: true,
  withdrawn: true,
};

/**
 * The one rule for the partner's view, used for a single referral and for the inbox alike.
 * Sharing rests on consent (PDPL 91/2025): once it is withdrawn, the partner keeps only the
 * status and dates, unless the referral stands on an emergency override, which was given for
 * the referral as a whole and does not lapse with a consent it never relied on.
 */
export function partnerViewLevel(facts: PartnerViewFacts): PartnerViewLevel {
  if (ENDS_SHARING[facts.status]) return 'status';
  return facts.sharingConsent || facts.consentOverride ? 'full' : 'status';
}
