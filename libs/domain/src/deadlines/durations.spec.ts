import { days, formatDuration, hours, minutes, nominalMs, periodEnd, seconds, shiftBy, workingDays } from './durations';
import { VN_HOLIDAYS_2026_2027 } from './testing/vn-holidays.fixture';
import { WorkingDayCalendar } from './working-days';

const vn = (local: string): Date => new Date(`${local}+07:00`);
const endOf = (day: string): Date => vn(`${day}T23:59:59.999`);
const calendar = new WorkingDayCalendar(VN_HOLIDAYS_2026_2027);

describe('durations', () => {
  it('have a nominal length, a working day counting as 24 hours', () => {
    expect([seconds(90), minutes(2), hours(1), days(1), workingDays(1)].map(nominalMs)).toEqual([90_000, 120_000, 3_600_000, 86_400_000, 86_400_000]);
  });

  it('read well in messages', () => {
    expect([seconds(1), minutes(30), hours(12), days(90), workingDays(1), workingDays(5)].map(formatDuration)).toEqual([
      '1 second',
      '30 minutes',
      '12 hours',
      '90 days',
      '1 working day',
      '5 working days',
    ]);
  });

  describe('periodEnd: the due time of a period counted from an event', () => {
    const friday = vn('2026-02-13T22:00');
    it.each([
      ['seconds: elapsed', seconds(30), vn('2026-02-13T22:00:30')],
      ['minutes: elapsed', minutes(90), vn('2026-02-13T23:30')],
      ['hours: elapsed, into Tết', hours(12), vn('2026-02-14T10:00')],
      ['working days: the end of the n-th working day after the day of the event', workingDays(1), endOf('2026-02-23')],
      ['days: the end of the n-th day, moved off Tết to the next working day', days(3), endOf('2026-02-23')],
      ['days: the end of the n-th day when it is a working day', days(12), endOf('2026-02-25')],
    ])('%s', (_, d, expected) => {
      expect(periodEnd(friday, d, calendar)).toEqual(expected);
    });
  });

  describe('shiftBy: an offset or grace applied to a due time, keeping the time of day', () => {
    const due = endOf('2026-02-23');
    it.each([
      ['back 16 hours', hours(16), -1, vn('2026-02-23T07:59:59.999')],
      ['back 2 days (elapsed, into Tết)', days(2), -1, endOf('2026-02-21')],
      ['back 1 working day, over Tết', workingDays(1), -1, endOf('2026-02-13')],
      ['forward 1 working day', workingDays(1), 1, endOf('2026-02-24')],
      ['forward 0 seconds', seconds(0), 1, due],
    ] as const)('%s', (_, d, direction, expected) => {
      expect(shiftBy(due, d, direction, calendar)).toEqual(expected);
    });
  });

  it('refuse an invalid instant', () => {
    expect(() => periodEnd(new Date('x'), hours(1), calendar)).toThrow(RangeError);
    expect(() => shiftBy(new Date('x'), hours(1), 1, calendar)).toThrow(RangeError);
  });
});
