export * from './referral-lifecycle';
export * from './closure-referrals';
