export * from './referral-lifecycle';
