import { ageOn, beforeBirthProblems, birthProblems, estimatedDateOfBirth, isCalendarDate, resolveBirth, vietnamDate } from './child-dates';

describe('child dates', () => {
  it('takes today in Vietnam, not in UTC', () => {
    expect(vietnamDate(new Date('2026-03-01T16:59:59Z'))).toBe('2026-03-01');
    expect(vietnamDate(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isCalendarDate('2016-02-29')).toBe(true);
    for (const bad of ['2015-02-29', '2016-13-01', '2016-1-1', '2016-01-01T00:00:00Z', '', 20160101, null, '1899-12-31'])
      expect(isCalendarDate(bad)).toBe(false);
  });

  it('counts whole years, birthdays included', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
  });

  it('puts an estimated birth on 1 July, never in the future', () => {
    expect(estimatedDateOfBirth(10, '2026-09-01')).toBe('2016-07-01');
    expect(estimatedDateOfBirth(0, '2026-03-01')).toBe('2026-03-01');
    expect(estimatedDateOfBirth(0, '2026-07-01')).toBe('2026-07-01');
    expect(resolveBirth({ estimatedAge: 17 }, '2026-09-01')).toEqual({ dateOfBirth: '2009-07-01', dateOfBirthEstimated: true });
    expect(resolveBirth({ dateOfBirth: '2020-01-02' }, '2026-09-01')).toEqual({ dateOfBirth: '2020-01-02', dateOfBirthEstimated: false });
    expect(resolveBirth({}, '2026-09-01')).toBeNull();
  });

  describe('birth problems', () => {
    const today = '2026-05-20';
    const fields = (input: Parameters<typeof birthProblems>[0], required = true) => birthProblems(input, today, 'child.', required).map((d) => d.field);

    it('wants exactly one of dateOfBirth and estimatedAge when required', () => {
      expect(fields({})).toEqual(['child.dateOfBirth']);
      expect(fields({}, false)).toEqual([]);
      expect(fields({ dateOfBirth: '2020-01-01', estimatedAge: 5 })).toEqual(['child.dateOfBirth', 'child.estimatedAge']);
      expect(fields({ estimatedAge: 0 })).toEqual([]);
    });

    it('refuses a future date and anyone 18 or older', () => {
      expect(fields({ dateOfBirth: '2026-05-21' })).toEqual(['child.dateOfBirth']);
      expect(fields({ dateOfBirth: today })).toEqual([]);
      expect(fields({ dateOfBirth: '2008-05-20' })).toEqual(['child.dateOfBirth']);
      expect(fields({ dateOfBirth: '2008-05-21' })).toEqual([]);
    });

    it('never echoes the date in a message', () => {
      for (const d of birthProblems({ dateOfBirth: '2001-01-01' }, today, '', true)) expect(d.message).not.toContain('2001');
    });
  });

  it('beforeBirthProblems: refuses times before the day of birth in Vietnam, naming the field only', () => {
    const child = { dateOfBirth: '2020-06-15', dateOfBirthEstimated: false };
    // 2020-06-14T17:00Z is already the 15th in Vietnam.
    expect(beforeBirthProblems(child, { receivedAt: '2020-06-14T17:00:00Z', 'incident.occurredAt': undefined })).toEqual([]);
    const problems = beforeBirthProblems(child, { receivedAt: '2020-06-14T16:59:59Z', 'incident.occurredAt': '2019-01-01T00:00:00+07:00' });
    expect(problems.map((p) => p.field)).toEqual(['receivedAt', 'incident.occurredAt']);
    expect(problems[1].message).toBe('occurredAt must not be before the child’s date of birth');
    expect(JSON.stringify(problems)).not.toContain('2020-06-15');
  });

  it('beforeBirthProblems: an estimated date of birth is a year off at most; no date of birth refuses nothing', () => {
    const estimated = { dateOfBirth: '2020-07-01', dateOfBirthEstimated: true };
    expect(beforeBirthProblems(estimated, { occurredAt: '2019-08-01T00:00:00Z' })).toEqual([]);
    expect(beforeBirthProblems(estimated, { occurredAt: '2019-06-30T00:00:00Z' }).map((p) => p.field)).toEqual(['occurredAt']);
    expect(beforeBirthProblems({ dateOfBirth: null, dateOfBirthEstimated: false }, { occurredAt: '1990-01-01T00:00:00Z' })).toEqual([]);
    expect(beforeBirthProblems(estimated, { occurredAt: 'junk', other: null })).toEqual([]);
  });
});
