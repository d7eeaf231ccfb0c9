import type { RiskLevel } from '../codes/risk-level.codes';
import { Duration, days, hours, minutes, periodEnd, shiftBy, workingDays } from './durations';
import { assertInstant } from './local-time';
import { WorkingDayCalendar } from './working-days';

/** Every statutory step Haven watches (architecture.md, Deadlines). */
export const DEADLINE_KINDS = [
  'initial_assessment',
  'emergency_measures',
  'plan_submission',
  'plan_approval',
  'referral_response',
  'review',
  'separation_end',
  'plan_action',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Kinds whose due time the case itself gives (the separation's end, the action's due date): no duration in the policy. */
export const EXTERNALLY_DUE_KINDS = ['separation_end', 'plan_action'] as const satisfies readonly DeadlineKind[];
export type ExternallyDueKind = (typeof EXTERNALLY_DUE_KINDS)[number];
export type TimedKind = Exclude<DeadlineKind, ExternallyDueKind>;

/** When the 5 working days for the plan start (Decree 56 art. 28(1) does not say; domain.md). */
export const PLAN_SUBMISSION_STARTS = ['receipt', 'needs_assessment'] as const;
export type PlanSubmissionStart = (typeof PLAN_SUBMISSION_STARTS)[number];

/**
 * The stricter variants a kind may have: an emergency referral (4 hours instead of 2 working days)
 * and the review of a high-risk case (30 days instead of 90). In the policy they are the fields
 * `referral_response.emergency` and `review.highRisk`.
 */
export const DEADLINE_VARIANTS = ['standard', 'emergency', 'high_risk'] as const;
export type DeadlineVariant = (typeof DEADLINE_VARIANTS)[number];

/** What happens around a due time: reminders before it (to the owner), escalations at and after it. */
export interface AlertRule {
  /** Offsets before the due time, the earliest (largest) first; each becomes `reminder:<index>`. */
  readonly reminders: readonly Duration[];
  /** Escalation 2 (the province's managers) comes this long after escalation 1 (at the due time). */
  readonly escalationGrace: Duration;
}

/** A deadline counted from an event: how long the owner has, and its alerts. */
export interface TimedRule extends AlertRule {
  readonly duration: Duration;
}

export interface DeadlinePolicyKinds {
  readonly initial_assessment: TimedRule;
  readonly emergency_measures: TimedRule;
  readonly plan_submission: TimedRule;
  readonly plan_approval: TimedRule;
  readonly referral_response: TimedRule & { readonly emergency: TimedRule };
  readonly review: TimedRule & { readonly highRisk: TimedRule };
  readonly separation_end: AlertRule;
  readonly plan_action: AlertRule;
}

/** The whole deadline policy of a province: the defaults below, with the province's overrides merged in. */
export interface DeadlinePolicy {
  readonly planSubmissionFrom: PlanSubmissionStart;
  readonly kinds: DeadlinePolicyKinds;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The law's numbers (domain.md) as defaults; a province may override any of them.
 *
 * Day-counted deadlines end at 23:59:59.999 local time, so "16 hours before" is 08:00 on the last
 * day (the owner's morning), and a reminder in working days lands at the end of an earlier
 * working day. Escalation 2 comes half the statutory time after a missed 12-hour emergency step
 * (a child may be in danger: the province learns the same day), 2 hours after a missed 4-hour
 * emergency referral, 12 hours after a separation's end, and one working day after anything
 * counted in days.
 */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = deepFreeze({
  planSubmissionFrom: 'receipt',
  kinds: {
    // Decree 56 art. 26(2): the initial assessment (Mẫu 02) decides whether emergency measures apply, and
    // those are due within 12 hours of receipt (art. 26(3)); the law sets no time of its own for the
    // assessment, so the 12 hours are policy derived from art. 26(3).
    initial_assessment: { duration: hours(12), reminders: [hours(6), hours(1)], escalationGrace: hours(6) },
    // Decree 56 arts. 26(3), 31(2), 32(2): emergency intervention or temporary separation within 12 hours of
    // receiving the information, when the child faces serious harm.
    emergency_measures: { duration: hours(12), reminders: [hours(6), hours(1)], escalationGrace: hours(6) },
    // Decree 56 art. 28(1): the plan within 5 working days.
    plan_submission: { duration: workingDays(5), reminders: [workingDays(2), hours(16)], escalationGrace: workingDays(1) },
    // Decree 56 art. 28(4): the commune PC chair's approval decision within 2 working days of submission.
    plan_approval: { duration: workingDays(2), reminders: [hours(16)], escalationGrace: workingDays(1) },
    referral_response: {
      duration: workingDays(2),
      reminders: [hours(16)],
      escalationGrace: workingDays(1),
      emergency: { duration: hours(4), reminders: [hours(2), minutes(30)], escalationGrace: hours(2) },
    },
    review: {
      duration: days(90),
      reminders: [days(7), hours(16)],
      escalationGrace: workingDays(1),
      highRisk: { duration: days(30), reminders: [days(3), hours(16)], escalationGrace: workingDays(1) },
    },
    separation_end: { reminders: [days(3), days(1)], escalationGrace: hours(12) },
    plan_action: { reminders: [days(3), days(1)], escalationGrace: workingDays(1) },
  },
} satisfies DeadlinePolicy);

/** What each kind's due time is computed from. */
export interface DueContexts {
  initial_assessment: { receivedAt: Date };
  emergency_measures: { receivedAt: Date };
  /** `needsAssessedAt` is needed only when the policy counts from the needs assessment. */
  plan_submission: { receivedAt: Date; needsAssessedAt?: Date | null };
  plan_approval: { submittedAt: Date };
  referral_response: { referredAt: Date; emergency?: boolean };
  /** `from`: when the plan was approved, or the last review was recorded. */
  review: { from: Date; riskLevel?: RiskLevel | null };
  separation_end: { endsAt: Date };
  plan_action: { dueAt: Date };
}

/** Which variant of the kind's rule applies in this context. */
export function variantFor<K extends DeadlineKind>(kind: K, context: DueContexts[K]): DeadlineVariant {
  if (kind === 'referral_response' && (context as DueContexts['referral_response']).emergency === true) return 'emergency';
  if (kind === 'review' && (context as DueContexts['review']).riskLevel === 'high') return 'high_risk';
  return 'standard';
}

/** The rule of a kind in a variant; a variant the kind does not have is an error. */
export function ruleFor(policy: DeadlinePolicy, kind: DeadlineKind, variant: DeadlineVariant = 'standard'): AlertRule & { duration?: Duration } {
  if (variant === 'emergency') {
    if (kind !== 'referral_response') throw new RangeError(`${kind} has no emergency variant`);
    return policy.kinds.referral_response.emergency;
  }
  if (variant === 'high_risk') {
    if (kind !== 'review') throw new RangeError(`${kind} has no high_risk variant`);
    return policy.kinds.review.highRisk;
  }
  const rule = policy.kinds[kind];
  if (!rule) throw new RangeError(`unknown deadline kind ${String(kind)}`);
  return rule;
}

function timedRule(policy: DeadlinePolicy, kind: TimedKind, variant: DeadlineVariant): TimedRule {
  return ruleFor(policy, kind, variant) as TimedRule;
}

/**
 * When a deadline is due, or null when it cannot be known yet: the plan counted from the needs
 * assessment before one is recorded. Throws a RangeError on an invalid date in the context.
 */
export function dueAt<K extends DeadlineKind>(kind: K, context: DueContexts[K], policy: DeadlinePolicy, calendar: WorkingDayCalendar): Date | null {
  const variant = variantFor(kind, context);
  const from = (start: Date | null | undefined, what: string): Date | null => {
    if (start === null || start === undefined) return null;
    assertInstant(start, what);
    return periodEnd(start, timedRule(policy, kind as TimedKind, variant).duration, calendar);
  };
  const required = (start: Date | undefined, what: string): Date => {
    if (start === undefined || start === null) throw new RangeError(`${kind} needs ${what}`);
    return from(start, what) as Date;
  };
  const given = (at: Date | undefined, what: string): Date => {
    if (at === undefined || at === null) throw new RangeError(`${kind} needs ${what}`);
    assertInstant(at, what);
    return new Date(at.getTime());
  };
  switch (kind) {
    case 'initial_assessment':
    case 'emergency_measures':
      return required((context as DueContexts['initial_assessment']).receivedAt, 'receivedAt');
    case 'plan_submission': {
      const c = context as DueContexts['plan_submission'];
      return policy.planSubmissionFrom === 'receipt' ? required(c.receivedAt, 'receivedAt') : from(c.needsAssessedAt, 'needsAssessedAt');
    }
    case 'plan_approval':
      return required((context as DueContexts['plan_approval']).submittedAt, 'submittedAt');
    case 'referral_response':
      return required((context as DueContexts['referral_response']).referredAt, 'referredAt');
    case 'review':
      return required((context as DueContexts['review']).from, 'from');
    case 'separation_end':
      return given((context as DueContexts['separation_end']).endsAt, 'endsAt');
    case 'plan_action':
      return given((context as DueContexts['plan_action']).dueAt, 'dueAt');
    default:
      throw new RangeError(`unknown deadline kind ${String(kind)}`);
  }
}

/**
 * The instant a deadline counts from: receipt of the report, the needs assessment, the plan's
 * submission, the referral, the last review. Response times are measured from it. Null for the
 * kinds whose due time is given rather than counted (separation end, plan actions): they count
 * from when they open.
 */
export function countingStart<K extends DeadlineKind>(kind: K, context: DueContexts[K], policy: DeadlinePolicy): Date | null {
  switch (kind) {
    case 'initial_assessment':
    case 'emergency_measures':
      return (context as DueContexts['initial_assessment']).receivedAt;
    case 'plan_submission': {
      const c = context as DueContexts['plan_submission'];
      return policy.planSubmissionFrom === 'receipt' ? c.receivedAt : (c.needsAssessedAt ?? null);
    }
    case 'plan_approval':
      return (context as DueContexts['plan_approval']).submittedAt;
    case 'referral_response':
      return (context as DueContexts['referral_response']).referredAt;
    case 'review':
      return (context as DueContexts['review']).from;
    default:
      return null;
  }
}

/** A deadline as its step ladder needs it: its kind, variant and due time. */
export interface DeadlineTiming {
  kind: DeadlineKind;
  dueAt: Date;
  variant?: DeadlineVariant;
}

/** The kind, variant and due time of a new deadline in one call (null: see `dueAt`). */
export function planDeadline<K extends DeadlineKind>(
  kind: K,
  context: DueContexts[K],
  policy: DeadlinePolicy,
  calendar: WorkingDayCalendar,
): (DeadlineTiming & { kind: K; variant: DeadlineVariant }) | null {
  const due = dueAt(kind, context, policy, calendar);
  return due ? { kind, variant: variantFor(kind, context), dueAt: due } : null;
}

export type ReminderStep = `reminder:${number}`;
export type DeadlineStep = ReminderStep | 'escalation:1' | 'escalation:2';
export type StepRecipients = 'owner' | 'supervisors' | 'managers';

export interface LadderStep {
  step: DeadlineStep;
  at: Date;
  /** owner: the person who owes the work; supervisors: of the case's commune; managers: of the case's province. */
  recipients: StepRecipients;
}

/**
 * Everything that will happen to an open deadline, in time order: `reminder:<i>` to the owner at
 * due − reminders[i], `escalation:1` to the commune's supervisors at the due time, `escalation:2`
 * to the province's managers at due + escalationGrace. Step names are stable (the reminder's index
 * in the policy), so they can be part of a job id. Steps at the same instant keep that order.
 * Reminders already in the past when a deadline opens are the caller's to skip or send.
 */
export function stepLadder(deadline: DeadlineTiming, policy: DeadlinePolicy, calendar: WorkingDayCalendar): LadderStep[] {
  assertInstant(deadline.dueAt, 'dueAt');
  const rule = ruleFor(policy, deadline.kind, deadline.variant ?? 'standard');
  const steps: LadderStep[] = [
    ...rule.reminders.map((offset, i): LadderStep => ({ step: `reminder:${i}`, at: shiftBy(deadline.dueAt, offset, -1, calendar), recipients: 'owner' })),
    { step: 'escalation:1', at: new Date(deadline.dueAt.getTime()), recipients: 'supervisors' },
    { step: 'escalation:2', at: shiftBy(deadline.dueAt, rule.escalationGrace, 1, calendar), recipients: 'managers' },
  ];
  // Array.prototype.sort is stable: ties keep the canonical order above.
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}
