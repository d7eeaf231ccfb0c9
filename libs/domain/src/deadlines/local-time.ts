/**
 * Vietnam's civil time, without time-zone data.
 *
 * Asia/Ho_Chi_Minh is UTC+7 all year: Vietnam has observed no daylight saving time since its
 * last offset change in 1975, so a fixed offset is exact for every date Haven handles. This is
 * the one place to change should that ever stop being true.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * MINUTE_MS;

/** A calendar day in Vietnam, written `YYYY-MM-DD`. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (so `2026-02-30` is refused). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function assertInstant(value: Date, what = 'instant'): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`${what} is not a valid date`);
}

export function assertLocalDate(value: LocalDate, what = 'date'): void {
  if (!isLocalDate(value)) throw new RangeError(`${what} must be a calendar day written YYYY-MM-DD, not ${String(value)}`);
}

/** Midnight UTC of the day, used only to do calendar arithmetic on the day itself. */
const utcMidnight = (day: LocalDate): number => Date.parse(`${day}T00:00:00Z`);

/** The day in Vietnam on which an instant falls. */
export function localDateOf(instant: Date): LocalDate {
  assertInstant(instant);
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00:00.000 in Vietnam on that day. */
export function startOfLocalDay(day: LocalDate): Date {
  assertLocalDate(day);
  return new Date(utcMidnight(day) - OFFSET_MS);
}

/** 23:59:59.999 in Vietnam on that day: the last instant of the day, when a day-counted deadline ends. */
export function endOfLocalDay(day: LocalDate): Date {
  return new Date(startOfLocalDay(day).getTime() + DAY_MS - 1);
}

/** The day `n` calendar days after (or before, when negative) the given one. */
export function addLocalDays(day: LocalDate, n: number): LocalDate {
  assertLocalDate(day);
  return new Date(utcMidnight(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of the day: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export function isoWeekday(day: LocalDate): number {
  assertLocalDate(day);
  return new Date(utcMidnight(day)).getUTCDay() || 7;
}

/** Milliseconds since local midnight of the instant's day. */
export function localTimeOfDay(instant: Date): number {
  return instant.getTime() - startOfLocalDay(localDateOf(instant)).getTime();
}

/** The instant at `timeOfDay` ms after local midnight of the day. */
export function atLocalTime(day: LocalDate, timeOfDay: number): Date {
  return new Date(startOfLocalDay(day).getTime() + timeOfDay);
}
