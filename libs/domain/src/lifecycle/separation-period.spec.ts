import { DEFAULT_LIFECYCLE_POLICY } from './lifecycle.policy';
import { latestSeparationEnd, separationPeriodProblems } from './separation-period';
import { T0, hoursAfter } from './testing/lifecycle.fixtures';

describe('separation period', () => {
  const policy = DEFAULT_LIFECYCLE_POLICY;
  const period = (hours: number, extendedByAuthority = false) => ({ startAt: T0, endAt: hoursAfter(T0, hours), extendedByAuthority });

  it('defaults to 15 calendar days counted from the day after the start, to 24:00 local of the last (issue 12: no longer 15 × 24 h)', () => {
    expect(policy.maxSeparationDays).toBe(15);
    // T0 is 08:00 on 2 March (Hanoi): the 15 days are 3–17 March, ending at 00:00 on 18 March.
    expect(latestSeparationEnd(T0, policy)).toEqual(hoursAfter(T0, 376));
  });

  it.each([
    [1, false, []],
    [360, false, []],
    [376, false, []],
    [377, false, ['separation_within_limit']],
    [24 * 90, true, []],
    [0, false, ['separation_period']],
    [-5, true, ['separation_period']],
  ])('%i hours (extended: %s) → %j', (hours, extended, problems) => {
    expect(separationPeriodProblems(period(hours, extended), policy)).toEqual(problems);
  });

  it('refuses dates that are not dates', () => {
    expect(separationPeriodProblems({ startAt: new Date('nonsense'), endAt: T0, extendedByAuthority: false }, policy)).toEqual(['separation_period']);
  });
});
