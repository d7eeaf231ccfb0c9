import { DEFAULT_DEADLINE_POLICY } from './deadline-policy';
import { deadlinePolicyProblems, MAX_REMINDERS, mergeDeadlinePolicy, PolicyProblem, resolveDeadlinePolicy } from './deadline-policy.validation';
import { days, hours, minutes, seconds, workingDays } from './durations';

const problemsOf = (overrides: unknown, path = ''): PolicyProblem[] => {
  const resolved = resolveDeadlinePolicy(overrides, DEFAULT_DEADLINE_POLICY, path);
  return resolved.ok ? [] : resolved.problems;
};
const fields = (overrides: unknown, path = ''): string[] => problemsOf(overrides, path).map((p) => p.field);

describe('resolveDeadlinePolicy: a province’s overrides on the defaults', () => {
  it('gives the defaults for no overrides', () => {
    const resolved = resolveDeadlinePolicy({});
    expect(resolved).toEqual({ ok: true, policy: DEFAULT_DEADLINE_POLICY, overrides: {} });
  });

  it('replaces only the fields given, a variant field by field, and leaves the defaults alone', () => {
    const resolved = resolveDeadlinePolicy({
      planSubmissionFrom: 'needs_assessment',
      kinds: {
        plan_submission: { duration: workingDays(7) },
        referral_response: { emergency: { duration: hours(6) } },
        review: { highRisk: { reminders: [days(5)] } },
      },
    });
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
    const { policy } = resolved;
    expect(policy.planSubmissionFrom).toBe('needs_assessment');
    expect(policy.kinds.plan_submission).toEqual({ ...DEFAULT_DEADLINE_POLICY.kinds.plan_submission, duration: workingDays(7) });
    expect(policy.kinds.referral_response.duration).toEqual(workingDays(2));
    expect(policy.kinds.referral_response.emergency).toEqual({ ...DEFAULT_DEADLINE_POLICY.kinds.referral_response.emergency, duration: hours(6) });
    expect(policy.kinds.review.highRisk).toEqual({ ...DEFAULT_DEADLINE_POLICY.kinds.review.highRisk, reminders: [days(5)] });
    expect(policy.kinds.initial_assessment).toEqual(DEFAULT_DEADLINE_POLICY.kinds.initial_assessment);
    expect(DEFAULT_DEADLINE_POLICY.kinds.plan_submission.duration).toEqual(workingDays(5));
    expect(DEFAULT_DEADLINE_POLICY.planSubmissionFrom).toBe('receipt');
  });

  it('accepts a whole policy in seconds, an empty reminder list and a zero grace', () => {
    expect(
      problemsOf({
        kinds: {
          initial_assessment: { duration: seconds(10), reminders: [seconds(6), seconds(3)], escalationGrace: seconds(5) },
          plan_action: { reminders: [], escalationGrace: seconds(0) },
        },
      }),
    ).toEqual([]);
  });

  it('copies what it keeps: changing the overrides afterwards changes nothing', () => {
    const overrides = { kinds: { plan_approval: { duration: { value: 3, unit: 'working_days' as const }, reminders: [hours(8)] } } };
    const resolved = resolveDeadlinePolicy(overrides);
    overrides.kinds.plan_approval.duration.value = 1;
    overrides.kinds.plan_approval.reminders.push(hours(1));
    expect(resolved.ok && resolved.policy.kinds.plan_approval).toMatchObject({ duration: workingDays(3), reminders: [hours(8)] });
  });

  describe('refuses, naming the field', () => {
    it.each<[string, unknown, string, RegExp]>([
      ['a policy that is not an object', [], '', /object/],
      ['an unknown top-level field', { deadlines: {} }, 'deadlines', /unknown field/],
      ['an unknown plan-submission start', { planSubmissionFrom: 'intake' }, 'planSubmissionFrom', /receipt, needs_assessment/],
      ['kinds that are not an object', { kinds: [1] }, 'kinds', /object/],
      ['an unknown kind', { kinds: { home_visit: { duration: hours(1) } } }, 'kinds.home_visit', /unknown deadline kind/],
      ['a rule that is not an object', { kinds: { plan_approval: 5 } }, 'kinds.plan_approval', /object/],
      ['an unknown rule field', { kinds: { plan_approval: { deadline: hours(1) } } }, 'kinds.plan_approval.deadline', /unknown field/],
      ['a variant on a kind without one', { kinds: { plan_approval: { emergency: {} } } }, 'kinds.plan_approval.emergency', /unknown field/],
      ['a duration on a kind due when the case says', { kinds: { plan_action: { duration: days(3) } } }, 'kinds.plan_action.duration', /due date/],
      [
        'a negative duration',
        { kinds: { plan_submission: { duration: { value: -5, unit: 'working_days' } } } },
        'kinds.plan_submission.duration.value',
        /positive/,
      ],
      ['a zero duration', { kinds: { initial_assessment: { duration: hours(0) } } }, 'kinds.initial_assessment.duration.value', /positive/],
      [
        'a fractional duration',
        { kinds: { initial_assessment: { duration: { value: 1.5, unit: 'hours' } } } },
        'kinds.initial_assessment.duration.value',
        /whole/,
      ],
      [
        'a duration given as text',
        { kinds: { initial_assessment: { duration: { value: '12', unit: 'hours' } } } },
        'kinds.initial_assessment.duration.value',
        /whole/,
      ],
      [
        'an unknown unit',
        { kinds: { initial_assessment: { duration: { value: 2, unit: 'weeks' } } } },
        'kinds.initial_assessment.duration.unit',
        /seconds, minutes/,
      ],
      ['a duration that is a number', { kinds: { initial_assessment: { duration: 12 } } }, 'kinds.initial_assessment.duration', /duration/],
      ['a null duration', { kinds: { initial_assessment: { duration: null } } }, 'kinds.initial_assessment.duration', /duration/],
      [
        'an extra field in a duration',
        { kinds: { initial_assessment: { duration: { ...hours(2), approx: true } } } },
        'kinds.initial_assessment.duration.approx',
        /unknown/,
      ],
      ['reminders that are not a list', { kinds: { plan_approval: { reminders: hours(2) } } }, 'kinds.plan_approval.reminders', /list/],
      ['a zero reminder', { kinds: { plan_approval: { reminders: [hours(0)] } } }, 'kinds.plan_approval.reminders.0.value', /positive/],
      ['a negative grace', { kinds: { plan_approval: { escalationGrace: hours(-1) } } }, 'kinds.plan_approval.escalationGrace.value', /negative/],
      [
        'a bad field in a variant',
        { kinds: { review: { highRisk: { duration: { value: 30, unit: 'month' } } } } },
        'kinds.review.highRisk.duration.unit',
        /unit/,
      ],
    ])('%s', (_, overrides, field, message) => {
      expect(problemsOf(overrides)).toContainEqual({ field, message: expect.stringMatching(message) });
    });

    it('too many reminders', () => {
      const reminders = Array.from({ length: MAX_REMINDERS + 1 }, (_, i) => minutes(60 - i));
      expect(fields({ kinds: { plan_action: { reminders } } })).toEqual(['kinds.plan_action.reminders']);
    });

    it('a reminder at or after the due time’s start: as long as the duration or longer', () => {
      expect(problemsOf({ kinds: { initial_assessment: { reminders: [hours(12), hours(13)] } } })).toEqual([
        { field: 'kinds.initial_assessment.reminders.0', message: expect.stringMatching(/shorter than the duration \(12 hours\)/) },
        { field: 'kinds.initial_assessment.reminders.1', message: expect.stringMatching(/shorter than the duration/) },
      ]);
    });

    it('a reminder the merged policy makes too long: the defaults’ reminders against a shorter duration', () => {
      expect(fields({ kinds: { initial_assessment: { duration: hours(1) } } })).toEqual([
        'kinds.initial_assessment.reminders.0',
        'kinds.initial_assessment.reminders.1',
      ]);
    });

    it('a reminder in working days before a period that is not counted in working days', () => {
      expect(problemsOf({ kinds: { review: { reminders: [workingDays(7)] } } })).toEqual([
        { field: 'kinds.review.reminders.0.unit', message: expect.stringMatching(/working_days needs a duration in working_days/) },
      ]);
    });

    it('reminders out of order or repeated', () => {
      expect(fields({ kinds: { plan_action: { reminders: [hours(1), hours(6)] } } })).toEqual(['kinds.plan_action.reminders.1']);
      expect(fields({ kinds: { plan_action: { reminders: [hours(24), days(1)] } } })).toEqual(['kinds.plan_action.reminders.1']);
    });

    it('durations, reminders and grace beyond their bounds', () => {
      expect(
        fields({
          kinds: {
            review: { duration: days(367) },
            plan_action: { reminders: [days(400)], escalationGrace: days(31) },
          },
        }),
      ).toEqual(['kinds.review.duration', 'kinds.plan_action.reminders.0', 'kinds.plan_action.escalationGrace']);
    });

    it('every problem at once, under the body’s field name', () => {
      const problems = problemsOf(
        {
          kinds: {
            initial_assessment: { duration: { value: -1, unit: 'hours' } },
            plan_approval: { reminders: [{ value: 1, unit: 'fortnights' }] },
            nonsense: {},
          },
        },
        'policy',
      );
      expect(problems.map((p) => p.field).sort()).toEqual([
        'policy.kinds.initial_assessment.duration.value',
        'policy.kinds.nonsense',
        'policy.kinds.plan_approval.reminders.0.unit',
      ]);
    });
  });
});

describe('deadlinePolicyProblems: a whole policy', () => {
  it('accepts the defaults', () => {
    expect(deadlinePolicyProblems(DEFAULT_DEADLINE_POLICY)).toEqual([]);
  });

  it('accepts any merge of valid overrides', () => {
    expect(deadlinePolicyProblems(mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, { kinds: { review: { duration: days(60) } } }))).toEqual([]);
  });

  it('requires every field', () => {
    const { kinds, ...rest } = DEFAULT_DEADLINE_POLICY;
    const { plan_action: _dropped, ...someKinds } = kinds;
    expect(deadlinePolicyProblems(rest).map((p) => p.field)).toEqual(['kinds']);
    expect(deadlinePolicyProblems({ ...rest, kinds: someKinds }).map((p) => p.field)).toEqual(['kinds.plan_action']);
    const { emergency: _e, ...referral } = kinds.referral_response;
    expect(deadlinePolicyProblems({ ...DEFAULT_DEADLINE_POLICY, kinds: { ...kinds, referral_response: referral } })).toEqual([
      { field: 'kinds.referral_response.emergency', message: 'is required' },
    ]);
  });

  it('checks the limits of a well-formed policy', () => {
    const broken = {
      ...DEFAULT_DEADLINE_POLICY,
      kinds: { ...DEFAULT_DEADLINE_POLICY.kinds, plan_approval: { duration: hours(1), reminders: [hours(2)], escalationGrace: hours(0) } },
    };
    expect(deadlinePolicyProblems(broken, 'policy').map((p) => p.field)).toEqual(['policy.kinds.plan_approval.reminders.0']);
  });
});
