import { assertInstant, DAY_MS } from './local-time';
import { WorkingDayCalendar } from './working-days';

/**
 * A length of time in a deadline policy. Seconds exist so that tests can run a whole
 * reminder → escalation ladder in a few seconds ("a policy configured in seconds").
 */
export const DURATION_UNITS = ['seconds', 'minutes', 'hours', 'days', 'working_days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface Duration {
  readonly value: number;
  readonly unit: DurationUnit;
}

export const seconds = (value: number): Duration => ({ value, unit: 'seconds' });
export const minutes = (value: number): Duration => ({ value, unit: 'minutes' });
export const hours = (value: number): Duration => ({ value, unit: 'hours' });
export const days = (value: number): Duration => ({ value, unit: 'days' });
export const workingDays = (value: number): Duration => ({ value, unit: 'working_days' });

const UNIT_MS: Record<Exclude<DurationUnit, 'working_days'>, number> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: DAY_MS,
};

/**
 * The nominal length in milliseconds, a working day counting as 24 hours. Used to compare and
 * bound durations when validating a policy; a real working-day period is at least this long.
 */
export function nominalMs(d: Duration): number {
  return d.value * (d.unit === 'working_days' ? DAY_MS : UNIT_MS[d.unit]);
}

export function formatDuration(d: Duration): string {
  const unit = d.unit === 'working_days' ? 'working day' : d.unit.slice(0, -1);
  return `${d.value} ${unit}${d.value === 1 ? '' : 's'}`;
}

/**
 * The end of a period of `d` that starts with an event at `from`: how a deadline's due time
 * follows from the event that opens it.
 * - seconds, minutes, hours: elapsed clock time (12 hours is 12 hours, at night or on Tết);
 * - working_days: the end (23:59:59.999 local) of the n-th working day after the day of `from`;
 * - days: the end of the n-th calendar day after the day of `from`, moved to the end of the next
 *   working day when that day is a weekend or holiday (Civil Code 2015 arts. 144–148; art. 148(5)).
 */
export function periodEnd(from: Date, d: Duration, calendar: WorkingDayCalendar): Date {
  assertInstant(from, 'from');
  switch (d.unit) {
    case 'working_days':
      return calendar.addWorkingDays(from, d.value);
    case 'days':
      return calendar.addCalendarDays(from, d.value);
    default:
      return new Date(from.getTime() + d.value * UNIT_MS[d.unit]);
  }
}

/**
 * An instant moved by `d` (forwards, or backwards with direction -1), keeping the time of day:
 * how a reminder offset (before the due time) or an escalation grace (after it) applies.
 * - seconds, minutes, hours, days: elapsed time (a day is 24 hours; Vietnam has no DST);
 * - working_days: the same local time on the n-th working day after (before) the instant's day.
 */
export function shiftBy(at: Date, d: Duration, direction: 1 | -1, calendar: WorkingDayCalendar): Date {
  assertInstant(at, 'at');
  if (d.unit === 'working_days') return calendar.shiftWorkingDays(at, direction * d.value);
  return new Date(at.getTime() + direction * d.value * UNIT_MS[d.unit]);
}
