/**
 * What an access-log entry names: which part of a case was read or changed. One list per action,
 * so a new reader or writer adds its word here and a typo fails the build.
 */
export type CaseReadWhat =
  'case' | 'timeline' | 'access-log' | 'deadlines' | 'notes' | 'consents' | 'assessments' | 'separations' | 'plan' | 'plan-versions' | 'referral' | 'referrals';

export type CaseWriteWhat =
  | 'intake'
  | 'assignment'
  | 'assessment'
  | 'emergency-measures'
  | 'separation'
  | 'plan'
  | 'plan-submission'
  | 'plan-approval'
  | 'plan-rejection'
  | 'closure'
  | 'reopen'
  | 'note'
  | 'consent'
  | 'consent-withdrawal'
  | 'consent-override'
  | 'referral'
  | 'referral-cancellation'
  | 'referral-acceptance'
  | 'referral-decline'
  | 'referral-update'
  | 'referral-completion'
  | 'referral-withdrawal'
  | 'referral-continuation';

/** One access-log entry of a case: read or write, and what. */
export type CaseAccess = { action: 'read'; what: CaseReadWhat } | { action: 'write'; what: CaseWriteWhat };
export type AccessAction = CaseAccess['action'];
export type AccessWhat<A extends AccessAction> = Extract<CaseAccess, { action: A }>['what'];

/** What was done with a child's record: opened, listed by a search or a duplicate check, changed. */
export type ChildAccess = { action: 'read'; what: 'child' | 'child-search' | 'child-duplicates' } | { action: 'write'; what: 'child-update' };
