import { REFERRAL_STATUSES } from '@haven/domain';
import { partnerViewLevel } from './partner-view-level';

describe('partnerViewLevel', () => {
  const open = ['pending', 'accepted', 'completed'] as const;

  it.each(open)('a %s referral with consent to sharing in force: the full view', (status) => {
    expect(partnerViewLevel({ status, consentOverride: false, sharingConsent: true })).toBe('full');
  });

  it.each(open)('a %s referral after consent to sharing was withdrawn: status and dates only', (status) => {
    expect(partnerViewLevel({ status, consentOverride: false, sharingConsent: false })).toBe('status');
  });

  it.each(open)('a %s referral on a standing emergency override: the full view without consent', (status) => {
    expect(partnerViewLevel({ status, consentOverride: true, sharingConsent: false })).toBe('full');
  });

  it.each(['declined', 'cancelled'] as const)('a %s referral: status and dates only, whatever the consent or override', (status) => {
    for (const sharingConsent of [true, false]) {
      for (const consentOverride of [true, false]) expect(partnerViewLevel({ status, consentOverride, sharingConsent })).toBe('status');
    }
  });

  it('decides every status', () => {
    for (const status of REFERRAL_STATUSES) expect(['full', 'status']).toContain(partnerViewLevel({ status, consentOverride: false, sharingConsent: true }));
  });
});
