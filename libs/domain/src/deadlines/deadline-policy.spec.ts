import fc from 'fast-check';
import {
  countingStart,
  DEADLINE_KINDS,
  DeadlinePolicy,
  DEFAULT_DEADLINE_POLICY,
  dueAt,
  DueContexts,
  planDeadline,
  ruleFor,
  stepLadder,
  LadderStep,
  variantFor,
} from './deadline-policy';
import { mergeDeadlinePolicy, resolveDeadlinePolicy } from './deadline-policy.validation';
import { days, DURATION_UNITS, hours, minutes, seconds, workingDays } from './durations';
import { VN_HOLIDAYS_2026_2027 } from './testing/vn-holidays.fixture';
import { WorkingDayCalendar } from './working-days';

const vn = (local: string): Date => new Date(`${local}+07:00`);
const endOf = (day: string): Date => vn(`${day}T23:59:59.999`);
const plusMs = (d: Date, ms: number): Date => new Date(d.getTime() + ms);

const calendar = new WorkingDayCalendar(VN_HOLIDAYS_2026_2027);
const policy = DEFAULT_DEADLINE_POLICY;

/** A policy where everything is counted in seconds, as the integration tests configure it. */
const inSeconds: DeadlinePolicy = mergeDeadlinePolicy(policy, {
  kinds: Object.fromEntries(
    DEADLINE_KINDS.map((kind) => [
      kind,
      {
        ...(kind === 'separation_end' || kind === 'plan_action' ? {} : { duration: seconds(10) }),
        reminders: [seconds(6), seconds(3)],
        escalationGrace: seconds(5),
        ...(kind === 'referral_response' && { emergency: { duration: seconds(4), reminders: [seconds(2)], escalationGrace: seconds(1) } }),
        ...(kind === 'review' && { highRisk: { duration: seconds(8), reminders: [seconds(4)], escalationGrace: seconds(2) } }),
      },
    ]),
  ),
});

const steps = (list: LadderStep[]) => list.map((s) => [s.step, s.at.toISOString(), s.recipients]);

describe('the default deadline policy', () => {
  it('carries the law’s numbers (domain.md)', () => {
    expect(policy.planSubmissionFrom).toBe('receipt');
    expect(policy.kinds.initial_assessment.duration).toEqual(hours(12));
    expect(policy.kinds.emergency_measures.duration).toEqual(hours(12));
    expect(policy.kinds.plan_submission.duration).toEqual(workingDays(5));
    expect(policy.kinds.plan_approval.duration).toEqual(workingDays(2));
    expect(policy.kinds.referral_response.duration).toEqual(workingDays(2));
    expect(policy.kinds.referral_response.emergency.duration).toEqual(hours(4));
    expect(policy.kinds.review.duration).toEqual(days(90));
    expect(policy.kinds.review.highRisk.duration).toEqual(days(30));
    expect('duration' in policy.kinds.separation_end).toBe(false);
    expect('duration' in policy.kinds.plan_action).toBe(false);
  });

  it('is frozen: no caller can change the defaults for everyone', () => {
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.kinds.plan_submission.reminders)).toBe(true);
    expect(Object.isFrozen(policy.kinds.review.highRisk.duration)).toBe(true);
  });
});

describe('variantFor and ruleFor', () => {
  it('picks the emergency referral and the high-risk review, the standard rule otherwise', () => {
    expect(variantFor('referral_response', { referredAt: vn('2026-03-02T10:00'), emergency: true })).toBe('emergency');
    expect(variantFor('referral_response', { referredAt: vn('2026-03-02T10:00') })).toBe('standard');
    expect(variantFor('review', { from: vn('2026-03-02T10:00'), riskLevel: 'high' })).toBe('high_risk');
    expect(variantFor('review', { from: vn('2026-03-02T10:00'), riskLevel: 'medium' })).toBe('standard');
    expect(variantFor('initial_assessment', { receivedAt: vn('2026-03-02T10:00') })).toBe('standard');
  });

  it('refuses a variant the kind does not have', () => {
    expect(() => ruleFor(policy, 'plan_submission', 'emergency')).toThrow(RangeError);
    expect(() => ruleFor(policy, 'referral_response', 'high_risk')).toThrow(RangeError);
    expect(() => ruleFor(policy, 'nonsense' as never)).toThrow(RangeError);
  });
});

describe('dueAt', () => {
  it('gives the 12-hour steps 12 elapsed hours, through the night and into Tết', () => {
    const receivedAt = vn('2026-02-13T22:00');
    expect(dueAt('initial_assessment', { receivedAt }, policy, calendar)).toEqual(vn('2026-02-14T10:00'));
    expect(dueAt('emergency_measures', { receivedAt }, policy, calendar)).toEqual(vn('2026-02-14T10:00'));
  });

  it('counts the plan’s 5 working days from receipt by default, skipping Tết', () => {
    const context = { receivedAt: vn('2026-02-13T10:00'), needsAssessedAt: vn('2026-03-02T10:00') };
    expect(dueAt('plan_submission', context, policy, calendar)).toEqual(endOf('2026-02-27'));
  });

  it('counts the plan from the needs assessment when configured so, and cannot say before there is one', () => {
    const fromNeeds = mergeDeadlinePolicy(policy, { planSubmissionFrom: 'needs_assessment' });
    expect(dueAt('plan_submission', { receivedAt: vn('2026-02-13T10:00'), needsAssessedAt: vn('2026-03-02T10:00') }, fromNeeds, calendar)).toEqual(
      endOf('2026-03-09'),
    );
    expect(dueAt('plan_submission', { receivedAt: vn('2026-02-13T10:00') }, fromNeeds, calendar)).toBeNull();
    expect(dueAt('plan_submission', { receivedAt: vn('2026-02-13T10:00'), needsAssessedAt: null }, fromNeeds, calendar)).toBeNull();
  });

  it('gives the approval 2 working days from submission, the make-up Saturday included', () => {
    expect(dueAt('plan_approval', { submittedAt: vn('2026-01-08T14:00') }, policy, calendar)).toEqual(endOf('2026-01-10'));
  });

  it('gives a referral 2 working days (over Culture Day), an emergency referral 4 hours', () => {
    const referredAt = vn('2026-11-20T15:00');
    expect(dueAt('referral_response', { referredAt }, policy, calendar)).toEqual(endOf('2026-11-25'));
    expect(dueAt('referral_response', { referredAt, emergency: true }, policy, calendar)).toEqual(vn('2026-11-20T19:00'));
  });

  it('gives a review 90 days, 30 when the risk is high, ending on a working day', () => {
    const from = vn('2026-03-02T10:00');
    expect(dueAt('review', { from, riskLevel: 'low' }, policy, calendar)).toEqual(endOf('2026-06-01'));
    expect(dueAt('review', { from, riskLevel: 'high' }, policy, calendar)).toEqual(endOf('2026-04-01'));
    expect(dueAt('review', { from }, policy, calendar)).toEqual(endOf('2026-06-01'));
  });

  it('takes the separation’s end and the action’s due date as given', () => {
    const endsAt = vn('2026-03-17T14:30');
    expect(dueAt('separation_end', { endsAt }, policy, calendar)).toEqual(endsAt);
    expect(dueAt('plan_action', { dueAt: endsAt }, policy, calendar)).toEqual(endsAt);
    expect(dueAt('plan_action', { dueAt: endsAt }, policy, calendar)).not.toBe(endsAt);
  });

  it('follows a policy configured in seconds', () => {
    const t = vn('2026-02-17T03:00');
    expect(dueAt('initial_assessment', { receivedAt: t }, inSeconds, calendar)).toEqual(plusMs(t, 10_000));
    expect(dueAt('plan_submission', { receivedAt: t }, inSeconds, calendar)).toEqual(plusMs(t, 10_000));
    expect(dueAt('referral_response', { referredAt: t, emergency: true }, inSeconds, calendar)).toEqual(plusMs(t, 4_000));
    expect(dueAt('review', { from: t, riskLevel: 'high' }, inSeconds, calendar)).toEqual(plusMs(t, 8_000));
  });

  it('refuses a missing or invalid start', () => {
    expect(() => dueAt('initial_assessment', {} as DueContexts['initial_assessment'], policy, calendar)).toThrow(/receivedAt/);
    expect(() => dueAt('plan_approval', { submittedAt: new Date('nonsense') }, policy, calendar)).toThrow(RangeError);
    expect(() => dueAt('plan_action', {} as DueContexts['plan_action'], policy, calendar)).toThrow(/dueAt/);
    expect(() => dueAt('nonsense' as never, {} as never, policy, calendar)).toThrow(RangeError);
  });

  it('planDeadline gives kind, variant and due time together', () => {
    expect(planDeadline('referral_response', { referredAt: vn('2026-11-20T15:00'), emergency: true }, policy, calendar)).toEqual({
      kind: 'referral_response',
      variant: 'emergency',
      dueAt: vn('2026-11-20T19:00'),
    });
    const fromNeeds = mergeDeadlinePolicy(policy, { planSubmissionFrom: 'needs_assessment' });
    expect(planDeadline('plan_submission', { receivedAt: vn('2026-02-13T10:00') }, fromNeeds, calendar)).toBeNull();
  });
});

describe('countingStart', () => {
  const receivedAt = vn('2026-02-13T10:00');
  const needsAssessedAt = vn('2026-03-02T10:00');
  const fromNeeds = mergeDeadlinePolicy(policy, { planSubmissionFrom: 'needs_assessment' });

  it('counts the 12-hour steps from receipt', () => {
    expect(countingStart('initial_assessment', { receivedAt }, policy)).toEqual(receivedAt);
    expect(countingStart('emergency_measures', { receivedAt }, policy)).toEqual(receivedAt);
  });

  it('counts the plan from receipt or from the needs assessment, as the policy says', () => {
    expect(countingStart('plan_submission', { receivedAt, needsAssessedAt }, policy)).toEqual(receivedAt);
    expect(countingStart('plan_submission', { receivedAt, needsAssessedAt }, fromNeeds)).toEqual(needsAssessedAt);
    expect(countingStart('plan_submission', { receivedAt }, fromNeeds)).toBeNull();
  });

  it('counts the approval from submission, a referral from when it was sent, a review from its start', () => {
    const at = vn('2026-11-20T15:00');
    expect(countingStart('plan_approval', { submittedAt: at }, policy)).toEqual(at);
    expect(countingStart('referral_response', { referredAt: at, emergency: true }, policy)).toEqual(at);
    expect(countingStart('review', { from: at, riskLevel: 'high' }, policy)).toEqual(at);
  });

  it('has no start for the kinds whose due time is given', () => {
    const at = vn('2026-03-17T14:30');
    expect(countingStart('separation_end', { endsAt: at }, policy)).toBeNull();
    expect(countingStart('plan_action', { dueAt: at }, policy)).toBeNull();
  });
});

describe('stepLadder', () => {
  it('reminds the owner, escalates to supervisors at the due time and to managers after the grace (12-hour step)', () => {
    const due = vn('2026-03-06T20:00');
    expect(steps(stepLadder({ kind: 'initial_assessment', dueAt: due }, policy, calendar))).toEqual([
      ['reminder:0', vn('2026-03-06T14:00').toISOString(), 'owner'],
      ['reminder:1', vn('2026-03-06T19:00').toISOString(), 'owner'],
      ['escalation:1', due.toISOString(), 'supervisors'],
      ['escalation:2', vn('2026-03-07T02:00').toISOString(), 'managers'],
    ]);
  });

  it('places working-day reminders and grace on working days (plan due right after Tết)', () => {
    const due = endOf('2026-02-23');
    expect(steps(stepLadder({ kind: 'plan_submission', dueAt: due }, policy, calendar))).toEqual([
      // 2 working days before the end of Monday 23 February: the end of Thursday 12 February, before Tết.
      ['reminder:0', endOf('2026-02-12').toISOString(), 'owner'],
      // 16 hours before the end of the last day: 08:00 that morning.
      ['reminder:1', vn('2026-02-23T07:59:59.999').toISOString(), 'owner'],
      ['escalation:1', due.toISOString(), 'supervisors'],
      ['escalation:2', endOf('2026-02-24').toISOString(), 'managers'],
    ]);
  });

  it('escalates a plan due on Friday to managers at the end of the next working day', () => {
    const list = stepLadder({ kind: 'plan_approval', dueAt: endOf('2026-11-20') }, policy, calendar);
    expect(list.at(-1)).toEqual({ step: 'escalation:2', at: endOf('2026-11-23'), recipients: 'managers' });
    const beforeCultureDay = stepLadder({ kind: 'plan_approval', dueAt: endOf('2026-11-23') }, policy, calendar);
    expect(beforeCultureDay.at(-1)).toEqual({ step: 'escalation:2', at: endOf('2026-11-25'), recipients: 'managers' });
  });

  it('uses the variant’s alerts: an emergency referral is reminded in hours', () => {
    const due = vn('2026-11-20T19:00');
    expect(steps(stepLadder({ kind: 'referral_response', variant: 'emergency', dueAt: due }, policy, calendar))).toEqual([
      ['reminder:0', vn('2026-11-20T17:00').toISOString(), 'owner'],
      ['reminder:1', vn('2026-11-20T18:30').toISOString(), 'owner'],
      ['escalation:1', due.toISOString(), 'supervisors'],
      ['escalation:2', vn('2026-11-20T21:00').toISOString(), 'managers'],
    ]);
  });

  it('runs in seconds with a policy configured in seconds', () => {
    const due = vn('2026-03-06T10:00:10');
    expect(steps(stepLadder({ kind: 'separation_end', dueAt: due }, inSeconds, calendar))).toEqual([
      ['reminder:0', vn('2026-03-06T10:00:04').toISOString(), 'owner'],
      ['reminder:1', vn('2026-03-06T10:00:07').toISOString(), 'owner'],
      ['escalation:1', due.toISOString(), 'supervisors'],
      ['escalation:2', vn('2026-03-06T10:00:15').toISOString(), 'managers'],
    ]);
  });

  it('keeps escalation 1 before escalation 2 when the grace is zero, and has no reminders when none are set', () => {
    const noGrace = mergeDeadlinePolicy(policy, { kinds: { plan_action: { reminders: [], escalationGrace: minutes(0) } } });
    const due = vn('2026-03-06T10:00');
    expect(steps(stepLadder({ kind: 'plan_action', dueAt: due }, noGrace, calendar))).toEqual([
      ['escalation:1', due.toISOString(), 'supervisors'],
      ['escalation:2', due.toISOString(), 'managers'],
    ]);
  });

  it('orders steps by time while keeping each reminder’s name from the policy', () => {
    // 2 days before the end of Monday 9 March is the end of Saturday 7 March; 1 working day before is the end of Friday 6 March.
    const mixed = mergeDeadlinePolicy(policy, { kinds: { plan_action: { reminders: [days(2), workingDays(1)] } } });
    const list = stepLadder({ kind: 'plan_action', dueAt: endOf('2026-03-09') }, mixed, calendar);
    expect(list.map((s) => s.step)).toEqual(['reminder:1', 'reminder:0', 'escalation:1', 'escalation:2']);
    expect(list[0].at).toEqual(endOf('2026-03-06'));
  });

  it('refuses an invalid due time', () => {
    expect(() => stepLadder({ kind: 'plan_action', dueAt: new Date('nonsense') }, policy, calendar)).toThrow(RangeError);
  });

  it('for any valid policy and start: due after start, reminders before due, escalation 2 not before escalation 1 (property)', () => {
    const duration = (min: number) => fc.record({ value: fc.integer({ min, max: 40 }), unit: fc.constantFrom(...DURATION_UNITS) });
    const rule = fc.record({ duration: duration(1), reminders: fc.array(duration(1), { maxLength: 3 }), escalationGrace: duration(0) });
    fc.assert(
      fc.property(
        fc.constantFrom(...DEADLINE_KINDS.filter((k) => k !== 'separation_end' && k !== 'plan_action')),
        rule,
        fc.integer({ min: Date.parse('2025-12-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
        (kind, r, t) => {
          // Sort the reminders the way validation demands; skip the policies validation refuses.
          const resolved = resolveDeadlinePolicy({ kinds: { [kind]: r } });
          fc.pre(resolved.ok);
          if (!resolved.ok) return;
          const start = new Date(t);
          const context = { receivedAt: start, submittedAt: start, referredAt: start, from: start } as never;
          const due = dueAt(kind, context, resolved.policy, calendar)!;
          expect(due.getTime()).toBeGreaterThan(start.getTime());
          const list = stepLadder({ kind, dueAt: due }, resolved.policy, calendar);
          for (let i = 1; i < list.length; i++) expect(list[i].at.getTime()).toBeGreaterThanOrEqual(list[i - 1].at.getTime());
          for (const s of list.filter((x) => x.step.startsWith('reminder:'))) {
            expect(s.at.getTime()).toBeLessThan(due.getTime());
            expect(s.at.getTime()).toBeGreaterThan(start.getTime());
          }
          const esc1 = list.find((s) => s.step === 'escalation:1')!;
          const esc2 = list.find((s) => s.step === 'escalation:2')!;
          expect(esc1.at).toEqual(due);
          expect(esc2.at.getTime()).toBeGreaterThanOrEqual(esc1.at.getTime());
        },
      ),
      { numRuns: 400 },
    );
  });
});
