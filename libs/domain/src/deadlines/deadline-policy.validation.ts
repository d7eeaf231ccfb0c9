import {
  AlertRule,
  DEADLINE_KINDS,
  DeadlineKind,
  DeadlinePolicy,
  DeadlinePolicyKinds,
  DEFAULT_DEADLINE_POLICY,
  EXTERNALLY_DUE_KINDS,
  PLAN_SUBMISSION_STARTS,
  PlanSubmissionStart,
  TimedRule,
} from './deadline-policy';
import { Duration, DURATION_UNITS, DurationUnit, formatDuration, nominalMs } from './durations';
import { DAY_MS } from './local-time';

/** One thing wrong with a policy, at a field path such as `kinds.plan_submission.reminders.0.unit`. */
export type PolicyProblem = {
  field: string;
  message: string;
};

/** At most this many reminders per rule. */
export const MAX_REMINDERS = 5;
/** No duration or reminder offset longer than a year (nominally: a working day counts as 24 hours). */
export const MAX_DURATION_MS = 366 * DAY_MS;
/** No escalation grace longer than 30 days. */
export const MAX_ESCALATION_GRACE_MS = 30 * DAY_MS;

type RuleOverrides<R> = { -readonly [F in keyof R]?: R[F] extends TimedRule ? RuleOverrides<R[F]> : R[F] };

/**
 * A province's changes to the defaults: any subset of the policy, down to single rule fields
 * (`duration`, `reminders` (a whole list), `escalationGrace`, and the variants `emergency` and
 * `highRisk` field by field). What is absent keeps the default.
 */
export interface DeadlinePolicyOverrides {
  planSubmissionFrom?: PlanSubmissionStart;
  kinds?: { -readonly [K in DeadlineKind]?: RuleOverrides<DeadlinePolicyKinds[K]> };
}

/** The stricter variant field each kind has, if any. */
const VARIANT_FIELD: Partial<Record<DeadlineKind, 'emergency' | 'highRisk'>> = { referral_response: 'emergency', review: 'highRisk' };
const isTimed = (kind: DeadlineKind): boolean => !(EXTERNALLY_DUE_KINDS as readonly string[]).includes(kind);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

interface ShapeOptions {
  /** Every field must be present (a whole policy) rather than any subset (overrides). */
  complete: boolean;
}

function unknownFields(value: Record<string, unknown>, allowed: readonly string[], path: string, what = 'field'): PolicyProblem[] {
  return Object.keys(value)
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ field: at(path, k), message: `unknown ${what} ${k}; expected one of ${allowed.join(', ')}` }));
}

function durationShape(value: unknown, path: string, min: 0 | 1): PolicyProblem[] {
  if (!isObject(value)) return [{ field: path, message: 'must be a duration: { "value": <whole number>, "unit": <unit> }' }];
  const problems = unknownFields(value, ['value', 'unit'], path);
  if (!DURATION_UNITS.includes(value.unit as DurationUnit)) {
    problems.push({ field: at(path, 'unit'), message: `unit must be one of ${DURATION_UNITS.join(', ')}` });
  }
  if (typeof value.value !== 'number' || !Number.isSafeInteger(value.value)) {
    problems.push({ field: at(path, 'value'), message: 'value must be a whole number (use a smaller unit for fractions)' });
  } else if (value.value < min) {
    problems.push({ field: at(path, 'value'), message: min === 0 ? 'value must not be negative' : 'value must be positive' });
  }
  return problems;
}

function ruleShape(value: unknown, path: string, kind: DeadlineKind, timed: boolean, variant: string | undefined, o: ShapeOptions): PolicyProblem[] {
  if (!isObject(value)) return [{ field: path, message: 'must be an object' }];
  const fields = [...(timed ? ['duration'] : []), 'reminders', 'escalationGrace', ...(variant ? [variant] : [])];
  const problems: PolicyProblem[] = [];
  for (const key of Object.keys(value)) {
    if (fields.includes(key)) continue;
    problems.push({
      field: at(path, key),
      message:
        key === 'duration' && !timed
          ? `${kind} has no duration: its due time comes from the case (${kind === 'separation_end' ? 'the separation’s end' : 'the action’s due date'})`
          : `unknown field ${key}; expected one of ${fields.join(', ')}`,
    });
  }
  if (o.complete) for (const key of fields) if (!(key in value)) problems.push({ field: at(path, key), message: 'is required' });
  if ('duration' in value && timed) problems.push(...durationShape(value.duration, at(path, 'duration'), 1));
  if ('reminders' in value) {
    const reminders = value.reminders;
    if (!Array.isArray(reminders)) problems.push({ field: at(path, 'reminders'), message: 'must be a list of durations before the due time' });
    else if (reminders.length > MAX_REMINDERS) problems.push({ field: at(path, 'reminders'), message: `at most ${MAX_REMINDERS} reminders` });
    else reminders.forEach((r, i) => problems.push(...durationShape(r, at(at(path, 'reminders'), i), 1)));
  }
  if ('escalationGrace' in value) problems.push(...durationShape(value.escalationGrace, at(path, 'escalationGrace'), 0));
  if (variant && variant in value) problems.push(...ruleShape(value[variant], at(path, variant), kind, true, undefined, o));
  return problems;
}

function policyShape(value: unknown, path: string, o: ShapeOptions): PolicyProblem[] {
  if (!isObject(value)) return [{ field: path, message: 'must be an object' }];
  const problems = unknownFields(value, ['planSubmissionFrom', 'kinds'], path);
  if (o.complete) for (const key of ['planSubmissionFrom', 'kinds']) if (!(key in value)) problems.push({ field: at(path, key), message: 'is required' });
  if ('planSubmissionFrom' in value && !PLAN_SUBMISSION_STARTS.includes(value.planSubmissionFrom as PlanSubmissionStart)) {
    problems.push({ field: at(path, 'planSubmissionFrom'), message: `must be one of ${PLAN_SUBMISSION_STARTS.join(', ')}` });
  }
  if ('kinds' in value) {
    const kinds = value.kinds;
    const kindsPath = at(path, 'kinds');
    if (!isObject(kinds)) return [...problems, { field: kindsPath, message: 'must be an object keyed by deadline kind' }];
    problems.push(...unknownFields(kinds, DEADLINE_KINDS, kindsPath, 'deadline kind'));
    for (const kind of DEADLINE_KINDS) {
      if (kind in kinds) problems.push(...ruleShape(kinds[kind], at(kindsPath, kind), kind, isTimed(kind), VARIANT_FIELD[kind], o));
      else if (o.complete) problems.push({ field: at(kindsPath, kind), message: 'is required' });
    }
  }
  return problems;
}

/**
 * The rules a well-formed rule must also follow: bounded, reminders inside the period and in order.
 * "Inside the period" is exact, not nominal: a period of n working days or n days from an event
 * lasts at least n × 24 hours, so an elapsed reminder shorter than that falls after the event; a
 * reminder of k working days before a period of n > k working days falls on the (n − k)-th working
 * day of the period.
 */
function ruleLimits(rule: AlertRule & { duration?: Duration }, path: string): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const { duration } = rule;
  if (duration && nominalMs(duration) > MAX_DURATION_MS) problems.push({ field: at(path, 'duration'), message: 'must not be longer than 366 days' });
  rule.reminders.forEach((reminder, i) => {
    const field = at(at(path, 'reminders'), i);
    if (nominalMs(reminder) > MAX_DURATION_MS) problems.push({ field, message: 'must not be longer than 366 days' });
    else if (duration && reminder.unit === 'working_days' && duration.unit !== 'working_days') {
      // A working day may be many calendar days away (Tết): only a period in working days bounds it.
      problems.push({ field: at(field, 'unit'), message: `a reminder in working_days needs a duration in working_days, not ${duration.unit}` });
    } else if (duration && nominalMs(reminder) >= nominalMs(duration)) {
      problems.push({ field, message: `a reminder must fall after the deadline opens: shorter than the duration (${formatDuration(duration)})` });
    } else if (i > 0 && nominalMs(reminder) >= nominalMs(rule.reminders[i - 1])) {
      problems.push({ field, message: 'reminders are listed from the earliest (largest offset) to the latest, without repeats' });
    }
  });
  if (nominalMs(rule.escalationGrace) > MAX_ESCALATION_GRACE_MS)
    problems.push({ field: at(path, 'escalationGrace'), message: 'must not be longer than 30 days' });
  return problems;
}

function policyLimits(policy: DeadlinePolicy, path: string): PolicyProblem[] {
  const kindsPath = at(path, 'kinds');
  const problems: PolicyProblem[] = [];
  for (const kind of DEADLINE_KINDS) {
    const rule = policy.kinds[kind] as AlertRule & { duration?: Duration } & Record<string, unknown>;
    problems.push(...ruleLimits(rule, at(kindsPath, kind)));
    const variant = VARIANT_FIELD[kind];
    if (variant) problems.push(...ruleLimits(rule[variant] as TimedRule, at(at(kindsPath, kind), variant)));
  }
  return problems;
}

/** Everything wrong with a whole policy (every field present); empty when it is valid. */
export function deadlinePolicyProblems(policy: unknown, path = ''): PolicyProblem[] {
  const shape = policyShape(policy, path, { complete: true });
  return shape.length > 0 ? shape : policyLimits(policy as DeadlinePolicy, path);
}

const copyDuration = (d: Duration): Duration => ({ value: d.value, unit: d.unit });

function mergeRule<R extends AlertRule>(base: R, overrides: Record<string, unknown> | undefined, variant?: string): R {
  const merged = { ...base } as unknown as Record<string, unknown>;
  const o = overrides ?? {};
  if ('duration' in base && o.duration) merged.duration = copyDuration(o.duration as Duration);
  if (o.reminders) merged.reminders = (o.reminders as Duration[]).map(copyDuration);
  if (o.escalationGrace) merged.escalationGrace = copyDuration(o.escalationGrace as Duration);
  if (variant) merged[variant] = mergeRule((base as unknown as Record<string, AlertRule>)[variant], o[variant] as Record<string, unknown> | undefined);
  return merged as R;
}

/**
 * The base policy with the overrides applied. Only known fields are read: validate the overrides
 * first (`resolveDeadlinePolicy` does both).
 */
export function mergeDeadlinePolicy(base: DeadlinePolicy, overrides: DeadlinePolicyOverrides): DeadlinePolicy {
  const kinds = {} as Record<DeadlineKind, AlertRule>;
  for (const kind of DEADLINE_KINDS) {
    kinds[kind] = mergeRule(base.kinds[kind], overrides.kinds?.[kind] as Record<string, unknown> | undefined, VARIANT_FIELD[kind]);
  }
  return { planSubmissionFrom: overrides.planSubmissionFrom ?? base.planSubmissionFrom, kinds: kinds as unknown as DeadlinePolicyKinds };
}

export type PolicyResolution = { ok: true; policy: DeadlinePolicy; overrides: DeadlinePolicyOverrides } | { ok: false; problems: PolicyProblem[] };

/**
 * Checks a province's overrides (any JSON) and the policy they make: first their shape (unknown
 * kinds or fields, wrong units, non-positive or fractional values), then the merged policy's
 * limits (bounded durations, reminders shorter than the duration and in order, grace ≥ 0).
 * Field paths start with `path` (the request body's field, e.g. `policy`).
 */
export function resolveDeadlinePolicy(overrides: unknown, base: DeadlinePolicy = DEFAULT_DEADLINE_POLICY, path = ''): PolicyResolution {
  const shape = policyShape(overrides, path, { complete: false });
  if (shape.length > 0) return { ok: false, problems: shape };
  const policy = mergeDeadlinePolicy(base, overrides as DeadlinePolicyOverrides);
  const limits = policyLimits(policy, path);
  return limits.length > 0 ? { ok: false, problems: limits } : { ok: true, policy, overrides: overrides as DeadlinePolicyOverrides };
}
