import { DEFAULT_LIFECYCLE_POLICY } from './lifecycle.policy';
import { latestSeparationEnd, separationPeriodProblems } from './separation-period';

/** Issue 12, item 7: 15 calendar days counted from the day after the decision (Civil Code arts. 147–148). */
describe('separation limit in calendar days', () => {
  const policy = DEFAULT_LIFECYCLE_POLICY;
  const at = (local: string) => new Date(`${local}+07:00`);
  const period = (startAt: string, endAt: string) => ({ startAt: at(startAt), endAt: at(endAt), extendedByAuthority: false });

  it('a Mẫu 07 decision at 20:00 on 1 March may run until the end of 16 March', () => {
    expect(latestSeparationEnd(at('2026-03-01T20:00:00'), policy)).toEqual(at('2026-03-17T00:00:00'));
    expect(separationPeriodProblems(period('2026-03-01T20:00:00', '2026-03-16T23:59:59'), policy)).toEqual([]);
    expect(separationPeriodProblems(period('2026-03-01T20:00:00', '2026-03-17T00:00:00'), policy)).toEqual([]);
    expect(separationPeriodProblems(period('2026-03-01T20:00:00', '2026-03-17T00:00:01'), policy)).toEqual(['separation_within_limit']);
  });

  it('counts local days: a decision at 06:00 Hanoi time (23:00 UTC the day before) starts counting the next local day', () => {
    expect(latestSeparationEnd(at('2026-03-02T06:00:00'), policy)).toEqual(at('2026-03-18T00:00:00'));
  });

  it('does not roll the end past a weekend or a holiday', () => {
    // 15 days after 19 April 2026 ends on Monday 4 May; 30 April and 1 May are holidays, but the ceiling stays.
    expect(latestSeparationEnd(at('2026-04-19T09:00:00'), policy)).toEqual(at('2026-05-05T00:00:00'));
  });
});
