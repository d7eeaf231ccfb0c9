import fc from 'fast-check';
import { endOfLocalDay, isLocalDate, isoWeekday, localDateOf, startOfLocalDay, VIETNAM_UTC_OFFSET_MINUTES } from './local-time';
import { VN_HOLIDAYS_2026_2027 } from './testing/vn-holidays.fixture';
import { addHours, calendarEntryProblems, WorkingDayCalendar } from './working-days';

/** An instant written in Vietnam's local time. */
const vn = (local: string): Date => new Date(`${local}+07:00`);
/** The end of a local day: when a day-counted deadline is due. */
const endOf = (day: string): Date => vn(`${day}T23:59:59.999`);

const calendar = new WorkingDayCalendar(VN_HOLIDAYS_2026_2027);
const weekendsOnly = WorkingDayCalendar.WEEKENDS_ONLY;

describe('Vietnam local time', () => {
  it('is UTC+7, so the local day changes at 17:00 UTC', () => {
    expect(VIETNAM_UTC_OFFSET_MINUTES).toBe(420);
    expect(localDateOf(new Date('2026-03-05T16:59:59.999Z'))).toBe('2026-03-05');
    expect(localDateOf(new Date('2026-03-05T17:00:00.000Z'))).toBe('2026-03-06');
    expect(startOfLocalDay('2026-03-06').toISOString()).toBe('2026-03-05T17:00:00.000Z');
    expect(endOfLocalDay('2026-03-06').toISOString()).toBe('2026-03-06T16:59:59.999Z');
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    ['2026-01-01T00:00', false],
  ])('%s is a calendar day: %s', (value, ok) => {
    expect(isLocalDate(value)).toBe(ok);
  });

  it('numbers weekdays the ISO way', () => {
    expect(['2026-11-23', '2026-11-24', '2026-11-28', '2026-11-29'].map(isoWeekday)).toEqual([1, 2, 6, 7]);
  });
});

describe('WorkingDayCalendar', () => {
  describe('which days are working days', () => {
    it('works Monday to Friday when no exception is listed', () => {
      const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'];
      expect(week.map((d) => calendar.isWorkingDay(d))).toEqual([true, true, true, true, true, false, false]);
    });

    it('reads an instant as the day it falls on in Vietnam, not in UTC', () => {
      // Friday 23:30 UTC is already Saturday 06:30 in Vietnam.
      expect(calendar.isWorkingDay(new Date('2026-03-06T23:30:00Z'))).toBe(false);
      expect(calendar.isWorkingDay(new Date('2026-03-06T16:30:00Z'))).toBe(true);
    });

    it('takes the nine days of Tết 2026 off (Sat 14 – Sun 22 February)', () => {
      const days = Array.from({ length: 9 }, (_, i) => `2026-02-${String(14 + i).padStart(2, '0')}`);
      expect(days.map((d) => calendar.isWorkingDay(d))).toEqual(Array(9).fill(false));
      expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
      expect(calendar.isWorkingDay('2026-02-23')).toBe(true);
    });

    it('swaps Friday 2 January 2026 for Saturday 10 January', () => {
      expect(calendar.isWorkingDay('2026-01-01')).toBe(false);
      expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
      expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
      expect(calendar.isWorkingDay('2026-01-11')).toBe(false);
      expect(calendar.kindOf('2026-01-10')).toBe('makeup_workday');
    });

    it('takes Vietnam Culture Day (Tuesday 24 November 2026) off', () => {
      expect(calendar.isWorkingDay('2026-11-24')).toBe(false);
      expect(weekendsOnly.isWorkingDay('2026-11-24')).toBe(true);
    });

    it('takes 31 August – 2 September 2026 off and works Saturday 22 August instead', () => {
      expect(['2026-08-31', '2026-09-01', '2026-09-02', '2026-09-03'].map((d) => calendar.isWorkingDay(d))).toEqual([false, false, false, true]);
      expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
    });

    it('follows the plain week outside the years the data covers', () => {
      expect(calendar.years).toEqual([2026, 2027]);
      expect(calendar.isWorkingDay('2028-01-03')).toBe(true);
      expect(calendar.isWorkingDay('2025-12-31')).toBe(true);
    });
  });

  describe('addWorkingDays: the end of the n-th working day after the day of the event', () => {
    it.each([
      ['a Friday afternoon', '2026-03-06T16:00', 5, '2026-03-13'],
      ['a Friday just before midnight', '2026-03-06T23:59', 5, '2026-03-13'],
      ['a Saturday', '2026-03-07T10:00', 5, '2026-03-13'],
      ['a Sunday', '2026-03-08T10:00', 5, '2026-03-13'],
      ['a Monday at midnight', '2026-03-09T00:00', 5, '2026-03-16'],
      ['a Monday', '2026-03-09T08:00', 1, '2026-03-10'],
      ['a Thursday', '2026-03-05T09:00', 2, '2026-03-09'],
    ])('from %s (%s), %i working days end on %s at 23:59:59.999', (_, from, n, day) => {
      expect(calendar.addWorkingDays(vn(from), n)).toEqual(endOf(day));
    });

    it('counts the local day: 23:59 on Thursday and 00:00 on Friday are different days', () => {
      expect(calendar.addWorkingDays(new Date('2026-03-05T16:59:00Z'), 1)).toEqual(endOf('2026-03-06'));
      expect(calendar.addWorkingDays(new Date('2026-03-05T17:00:00Z'), 1)).toEqual(endOf('2026-03-09'));
    });

    it('skips Tết 2026: 5 working days from Friday 13 February end on Friday 27 February', () => {
      expect(calendar.addWorkingDays(vn('2026-02-13T10:00'), 5)).toEqual(endOf('2026-02-27'));
      expect(weekendsOnly.addWorkingDays(vn('2026-02-13T10:00'), 5)).toEqual(endOf('2026-02-20'));
    });

    it('counts a report received during Tết from the first working day after it', () => {
      expect(calendar.addWorkingDays(vn('2026-02-17T03:00'), 1)).toEqual(endOf('2026-02-23'));
      expect(calendar.addWorkingDays(vn('2026-02-21T03:00'), 2)).toEqual(endOf('2026-02-24'));
    });

    it('skips 1–2 January 2026 and counts the make-up Saturday 10 January', () => {
      expect(calendar.addWorkingDays(vn('2025-12-31T09:00'), 1)).toEqual(endOf('2026-01-05'));
      expect(calendar.addWorkingDays(vn('2026-01-08T14:00'), 2)).toEqual(endOf('2026-01-10'));
      expect(calendar.addWorkingDays(vn('2026-01-09T14:00'), 1)).toEqual(endOf('2026-01-10'));
      expect(calendar.addWorkingDays(vn('2026-01-09T14:00'), 2)).toEqual(endOf('2026-01-12'));
      // Received on the make-up Saturday itself: that day is the day of receipt and does not count.
      expect(calendar.addWorkingDays(vn('2026-01-10T09:00'), 1)).toEqual(endOf('2026-01-12'));
    });

    it('skips Vietnam Culture Day, 24 November 2026', () => {
      expect(calendar.addWorkingDays(vn('2026-11-23T10:00'), 1)).toEqual(endOf('2026-11-25'));
      expect(calendar.addWorkingDays(vn('2026-11-20T10:00'), 2)).toEqual(endOf('2026-11-25'));
      expect(calendar.addWorkingDays(vn('2026-11-19T10:00'), 5)).toEqual(endOf('2026-11-27'));
    });

    it('skips the National Day break and counts the make-up Saturday 22 August 2026', () => {
      expect(calendar.addWorkingDays(vn('2026-08-21T10:00'), 1)).toEqual(endOf('2026-08-22'));
      expect(calendar.addWorkingDays(vn('2026-08-28T10:00'), 1)).toEqual(endOf('2026-09-03'));
      expect(calendar.addWorkingDays(vn('2026-08-28T10:00'), 5)).toEqual(endOf('2026-09-09'));
    });

    it('crosses the year end 2026 → 2027 and skips New Year’s Day 2027', () => {
      expect(calendar.addWorkingDays(vn('2026-12-30T15:00'), 1)).toEqual(endOf('2026-12-31'));
      expect(calendar.addWorkingDays(vn('2026-12-30T15:00'), 2)).toEqual(endOf('2027-01-04'));
      expect(calendar.addWorkingDays(vn('2026-12-30T15:00'), 5)).toEqual(endOf('2027-01-07'));
      // 2026-12-31T18:00Z is already 1 January 2027 in Vietnam: a holiday, so the count starts on Monday 4 January.
      expect(calendar.addWorkingDays(new Date('2026-12-31T18:00:00Z'), 1)).toEqual(endOf('2027-01-04'));
    });

    it('uses the inferred 2027 days: Tết (4–10 February), 3 May, 3 September', () => {
      expect(calendar.addWorkingDays(vn('2027-02-03T10:00'), 2)).toEqual(endOf('2027-02-12'));
      expect(calendar.addWorkingDays(vn('2027-02-03T10:00'), 5)).toEqual(endOf('2027-02-17'));
      expect(calendar.addWorkingDays(vn('2027-04-29T10:00'), 1)).toEqual(endOf('2027-05-04'));
      expect(calendar.addWorkingDays(vn('2027-09-01T10:00'), 1)).toEqual(endOf('2027-09-06'));
    });

    it('answers differently with only the confirmed days: the inferred ones are data, not code', () => {
      const confirmedOnly = new WorkingDayCalendar(VN_HOLIDAYS_2026_2027.filter((e) => e.confirmed));
      expect(confirmedOnly.addWorkingDays(vn('2027-02-03T10:00'), 2)).toEqual(endOf('2027-02-05'));
      expect(confirmedOnly.addWorkingDays(vn('2027-09-01T10:00'), 1)).toEqual(endOf('2027-09-03'));
    });

    it('with n = 0, ends with the day of the event if it is a working day, else with the next one', () => {
      expect(calendar.addWorkingDays(vn('2026-03-06T10:00'), 0)).toEqual(endOf('2026-03-06'));
      expect(calendar.addWorkingDays(vn('2026-03-07T10:00'), 0)).toEqual(endOf('2026-03-09'));
    });

    it.each([-1, 1.5, Number.NaN, 10_000])('refuses a count of %s', (n) => {
      expect(() => calendar.addWorkingDays(vn('2026-03-06T10:00'), n)).toThrow(RangeError);
    });

    it('refuses an invalid date', () => {
      expect(() => calendar.addWorkingDays(new Date('nonsense'), 1)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts the working days after the first day up to and including the last', () => {
      expect(calendar.workingDaysBetween(vn('2026-02-13T10:00'), vn('2026-02-27T08:00'))).toBe(5);
      expect(calendar.workingDaysBetween(vn('2026-02-13T10:00'), vn('2026-02-22T08:00'))).toBe(0);
      expect(calendar.workingDaysBetween(vn('2026-02-13T10:00'), vn('2026-02-23T08:00'))).toBe(1);
      expect(calendar.workingDaysBetween(vn('2026-12-30T10:00'), vn('2027-01-07T10:00'))).toBe(5);
      expect(calendar.workingDaysBetween(vn('2026-01-09T10:00'), vn('2026-01-12T10:00'))).toBe(2);
    });

    it('is 0 on the same day and negative backwards', () => {
      expect(calendar.workingDaysBetween(vn('2026-03-06T08:00'), vn('2026-03-06T20:00'))).toBe(0);
      expect(calendar.workingDaysBetween(vn('2026-02-27T08:00'), vn('2026-02-13T10:00'))).toBe(-5);
    });

    it('is the inverse of addWorkingDays, and every due time is the end of a working day (property)', () => {
      const start = Date.parse('2025-12-01T00:00:00Z');
      const end = Date.parse('2027-12-31T00:00:00Z');
      fc.assert(
        fc.property(fc.integer({ min: start, max: end }), fc.integer({ min: 1, max: 40 }), (t, n) => {
          const from = new Date(t);
          const due = calendar.addWorkingDays(from, n);
          expect(calendar.workingDaysBetween(from, due)).toBe(n);
          expect(calendar.isWorkingDay(due)).toBe(true);
          expect(due).toEqual(endOfLocalDay(localDateOf(due)));
          expect(calendar.addWorkingDays(from, n + 1) > due).toBe(true);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('shiftWorkingDays: the same local time n working days away', () => {
    it('moves back over a weekend and over Tết', () => {
      expect(calendar.shiftWorkingDays(endOf('2026-03-09'), -1)).toEqual(endOf('2026-03-06'));
      expect(calendar.shiftWorkingDays(vn('2026-02-24T08:00'), -1)).toEqual(vn('2026-02-23T08:00'));
      expect(calendar.shiftWorkingDays(vn('2026-02-24T08:00'), -2)).toEqual(vn('2026-02-13T08:00'));
    });

    it('moves forward from a weekend day to the next working day', () => {
      expect(calendar.shiftWorkingDays(vn('2026-03-08T14:00'), 1)).toEqual(vn('2026-03-09T14:00'));
      expect(calendar.shiftWorkingDays(vn('2026-01-09T14:00'), 1)).toEqual(vn('2026-01-10T14:00'));
    });

    it('is the identity for 0', () => {
      expect(calendar.shiftWorkingDays(vn('2026-03-08T14:00'), 0)).toEqual(vn('2026-03-08T14:00'));
    });
  });

  describe('addCalendarDays: the end of the n-th day, moved to a working day', () => {
    it('ends on the n-th day when it is a working day', () => {
      expect(calendar.addCalendarDays(vn('2026-03-02T10:00'), 30)).toEqual(endOf('2026-04-01'));
    });

    it('moves an end on a weekend or holiday to the end of the next working day', () => {
      // 90 days after Monday 2 March 2026 is Sunday 31 May.
      expect(calendar.addCalendarDays(vn('2026-03-02T10:00'), 90)).toEqual(endOf('2026-06-01'));
      // 30 days after 25 October 2026 is Tuesday 24 November, Vietnam Culture Day.
      expect(calendar.addCalendarDays(vn('2026-10-25T10:00'), 30)).toEqual(endOf('2026-11-25'));
    });
  });

  describe('building a calendar', () => {
    it('refuses an invalid day, an unknown kind and a day listed twice', () => {
      expect(() => new WorkingDayCalendar([{ date: '2026-02-30', kind: 'holiday' }])).toThrow(RangeError);
      expect(() => new WorkingDayCalendar([{ date: '2026-02-16', kind: 'party' as never }])).toThrow(RangeError);
      expect(
        () =>
          new WorkingDayCalendar([
            { date: '2026-02-16', kind: 'holiday' },
            { date: '2026-02-16', kind: 'compensatory' },
          ]),
      ).toThrow(/twice/);
    });

    it('lists its entries in date order', () => {
      const c = new WorkingDayCalendar([
        { date: '2026-11-24', kind: 'holiday' },
        { date: '2026-01-10', kind: 'makeup_workday' },
      ]);
      expect(c.entries).toEqual([
        { date: '2026-01-10', kind: 'makeup_workday' },
        { date: '2026-11-24', kind: 'holiday' },
      ]);
    });
  });

  describe('calendarEntryProblems', () => {
    it('accepts every day of the seeded data', () => {
      for (const entry of VN_HOLIDAYS_2026_2027) expect(calendarEntryProblems(entry)).toEqual([]);
    });

    it.each([
      [{ date: '2026-02-14', kind: 'holiday' }, 'date', /weekday/],
      [{ date: '2026-02-15', kind: 'compensatory' }, 'date', /weekday/],
      [{ date: '2026-02-13', kind: 'makeup_workday' }, 'date', /Saturday/],
      [{ date: '2026-02-15', kind: 'makeup_workday' }, 'date', /Saturday/],
      [{ date: '2026-02-31', kind: 'holiday' }, 'date', /YYYY-MM-DD/],
      [{ date: '2026-02-16', kind: 'festival' }, 'kind', /one of/],
    ])('refuses %j (%s)', (entry, field, message) => {
      const problems = calendarEntryProblems(entry);
      expect(problems).toEqual([expect.objectContaining({ field, message: expect.stringMatching(message) })]);
    });
  });
});

describe('addHours', () => {
  it('counts elapsed clock time, nights and holidays included', () => {
    expect(addHours(vn('2026-02-16T20:00'), 12)).toEqual(vn('2026-02-17T08:00'));
    expect(addHours(vn('2026-03-06T10:00'), 0.5)).toEqual(vn('2026-03-06T10:30'));
  });

  it('refuses an invalid start or count', () => {
    expect(() => addHours(new Date('nonsense'), 1)).toThrow(RangeError);
    expect(() => addHours(vn('2026-03-06T10:00'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
