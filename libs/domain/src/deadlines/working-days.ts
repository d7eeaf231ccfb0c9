import {
  addLocalDays,
  assertInstant,
  assertLocalDate,
  atLocalTime,
  endOfLocalDay,
  isLocalDate,
  isoWeekday,
  LocalDate,
  localDateOf,
  localTimeOfDay,
} from './local-time';

/**
 * The working-day calendar of Vietnam's civil service (domain.md, "Working days"): Monday to
 * Friday in Asia/Ho_Chi_Minh, minus the public holidays and the days given in lieu or swapped
 * (`holiday`, `compensatory`), plus the Saturdays worked instead (`makeup_workday`). The list of
 * exceptions is data, maintained by an administrator (the `holiday` table); this module only does
 * the arithmetic.
 *
 * Counting convention (Civil Code 2015 arts. 144–148 (art. 145(1): they apply unless another law provides otherwise), applied by analogy to working days;
 * the Civil Code does not define a working day, so this is an analogy, the usual reading of
 * "within N working days of receipt"):
 * - the day of the event does not count; the count starts on the next working day;
 * - the period ends at the END of its last day: 23:59:59.999 local time;
 * - an event on a weekend or holiday is counted from the first working day after it.
 * So a report received at 16:00 on Friday 6 March 2026 has "5 working days" until the end of
 * Friday 13 March, and one received on Saturday 7 March until the end of Friday 13 March too.
 */
export const CALENDAR_DAY_KINDS = ['holiday', 'compensatory', 'makeup_workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** One exception to the Monday–Friday week. */
export interface CalendarEntry {
  date: LocalDate;
  kind: CalendarDayKind;
}

export type CalendarProblem = {
  field: string;
  message: string;
};

/**
 * Upper bound on a single working-day count or scan (about ten years), so that a bad input
 * fails loudly instead of looping for a long time.
 */
export const MAX_WORKING_DAY_COUNT = 2600;
const MAX_SCAN_DAYS = 4 * MAX_WORKING_DAY_COUNT;

const isWeekend = (day: LocalDate): boolean => isoWeekday(day) >= 6;

/**
 * What is wrong with an exception day; empty when it is acceptable. A make-up working day is a
 * Saturday (a weekday is a working day already); a holiday or a day in lieu is a weekday (a
 * weekend is a day off already; the law moves a holiday that falls on one to a weekday, and that
 * weekday is what the calendar lists).
 */
export function calendarEntryProblems(entry: { date: unknown; kind: unknown }): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isLocalDate(entry.date)) problems.push({ field: 'date', message: 'date must be a calendar day written YYYY-MM-DD' });
  if (!CALENDAR_DAY_KINDS.includes(entry.kind as CalendarDayKind)) {
    problems.push({ field: 'kind', message: `kind must be one of ${CALENDAR_DAY_KINDS.join(', ')}` });
  }
  if (problems.length > 0) return problems;
  const weekday = isoWeekday(entry.date as LocalDate);
  if (entry.kind === 'makeup_workday' && weekday !== 6) {
    problems.push({ field: 'date', message: `a make-up working day must be a Saturday; ${String(entry.date)} is not` });
  }
  if (entry.kind !== 'makeup_workday' && weekday >= 6) {
    problems.push({ field: 'date', message: `a ${String(entry.kind)} must be a weekday (Monday to Friday); ${String(entry.date)} is a weekend day already` });
  }
  return problems;
}

/**
 * An immutable working-day calendar built from the exception days. Days outside the listed
 * years follow the plain Monday–Friday week: see `years` to know which years the data covers.
 */
export class WorkingDayCalendar {
  /** Weekends only: no holidays known. For tests, and for code that must not guess. */
  static readonly WEEKENDS_ONLY = new WorkingDayCalendar([]);

  private readonly exceptions: ReadonlyMap<LocalDate, CalendarDayKind>;

  /** Throws a RangeError on an invalid day or kind, or a day listed twice. */
  constructor(entries: Iterable<CalendarEntry>) {
    const map = new Map<LocalDate, CalendarDayKind>();
    for (const entry of entries) {
      assertLocalDate(entry.date, 'calendar entry date');
      if (!CALENDAR_DAY_KINDS.includes(entry.kind)) throw new RangeError(`calendar entry ${entry.date} has an unknown kind ${String(entry.kind)}`);
      if (map.has(entry.date)) throw new RangeError(`calendar entry ${entry.date} is listed twice`);
      map.set(entry.date, entry.kind);
    }
    this.exceptions = map;
  }

  /** The exception days, in date order. */
  get entries(): CalendarEntry[] {
    return [...this.exceptions.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, kind]) => ({ date, kind }));
  }

  /** The years that have at least one exception day listed (the years the data covers). */
  get years(): number[] {
    return [...new Set([...this.exceptions.keys()].map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  }

  /** The exception listed for the day, if any. */
  kindOf(day: LocalDate): CalendarDayKind | undefined {
    assertLocalDate(day);
    return this.exceptions.get(day);
  }

  /** Whether civil servants work that day. An instant is read as the day it falls on in Vietnam. */
  isWorkingDay(day: Date | LocalDate): boolean {
    const local = typeof day === 'string' ? day : localDateOf(day);
    const kind = this.kindOf(local);
    if (kind === 'makeup_workday') return true;
    if (kind === 'holiday' || kind === 'compensatory') return false;
    return !isWeekend(local);
  }

  /** The first working day strictly after the day. */
  nextWorkingDay(day: LocalDate): LocalDate {
    return this.step(day, 1);
  }

  /** The last working day strictly before the day. */
  previousWorkingDay(day: LocalDate): LocalDate {
    return this.step(day, -1);
  }

  /**
   * The end of a period of `n` working days that starts with an event at `from`: 23:59:59.999
   * local time of the n-th working day after the day of `from` (see the convention above). With
   * n = 0 the period ends with the day of `from` if it is a working day, else with the next one.
   */
  addWorkingDays(from: Date, n: number): Date {
    assertInstant(from, 'from');
    assertCount(n);
    const start = localDateOf(from);
    if (n === 0) return endOfLocalDay(this.isWorkingDay(start) ? start : this.nextWorkingDay(start));
    return endOfLocalDay(this.walk(start, n));
  }

  /**
   * The same local time of day `n` working days later (or earlier, when n is negative), counting
   * from the day of `at` whatever that day is. The shift a reminder offset or an escalation grace
   * in working days applies to a due time: one working day before a due at the end of Monday is
   * the end of the previous Friday (or of the working day before, if that Friday is a holiday).
   */
  shiftWorkingDays(at: Date, n: number): Date {
    assertInstant(at, 'at');
    if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_WORKING_DAY_COUNT)
      throw new RangeError(`a working-day shift must be a whole number up to ${MAX_WORKING_DAY_COUNT}`);
    if (n === 0) return new Date(at.getTime());
    const day = n > 0 ? this.walk(localDateOf(at), n) : this.walkBack(localDateOf(at), -n);
    return atLocalTime(day, localTimeOfDay(at));
  }

  /**
   * The end of a period of `n` calendar days that starts with an event at `from` (Civil Code
   * arts. 144–148): the end of the n-th day after the day of `from`; when that day is not a working
   * day, the end of the next working day (art. 148(5)).
   */
  addCalendarDays(from: Date, n: number): Date {
    assertInstant(from, 'from');
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_SCAN_DAYS) throw new RangeError(`a calendar-day count must be a whole number from 0 to ${MAX_SCAN_DAYS}`);
    const last = addLocalDays(localDateOf(from), n);
    return endOfLocalDay(this.isWorkingDay(last) ? last : this.nextWorkingDay(last));
  }

  /**
   * How many working days lie after the day of `from` up to and including the day of `to`: the
   * inverse of `addWorkingDays` (workingDaysBetween(t, addWorkingDays(t, n)) = n for n ≥ 1).
   * Negative when `to` falls on an earlier day than `from`; 0 on the same day.
   */
  workingDaysBetween(from: Date, to: Date): number {
    assertInstant(from, 'from');
    assertInstant(to, 'to');
    const a = localDateOf(from);
    const b = localDateOf(to);
    if (a === b) return 0;
    if (a > b) return -this.workingDaysBetween(to, from);
    let count = 0;
    let scanned = 0;
    for (let day = addLocalDays(a, 1); day <= b; day = addLocalDays(day, 1)) {
      if (++scanned > MAX_SCAN_DAYS) throw new RangeError(`workingDaysBetween spans more than ${MAX_SCAN_DAYS} days`);
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /** The n-th working day strictly after the day (n ≥ 1). */
  private walk(day: LocalDate, n: number): LocalDate {
    let current = day;
    for (let i = 0; i < n; i++) current = this.step(current, 1);
    return current;
  }

  /** The n-th working day strictly before the day (n ≥ 1). */
  private walkBack(day: LocalDate, n: number): LocalDate {
    let current = day;
    for (let i = 0; i < n; i++) current = this.step(current, -1);
    return current;
  }

  private step(day: LocalDate, direction: 1 | -1): LocalDate {
    assertLocalDate(day);
    let current = addLocalDays(day, direction);
    for (let scanned = 1; !this.isWorkingDay(current); scanned++) {
      if (scanned > MAX_SCAN_DAYS) throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days of ${day}`);
      current = addLocalDays(current, direction);
    }
    return current;
  }
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_WORKING_DAY_COUNT) {
    throw new RangeError(`a working-day count must be a whole number from 0 to ${MAX_WORKING_DAY_COUNT}, not ${n}`);
  }
}

/** Elapsed clock time: `hours` after `from`, nights, weekends and holidays included (the 12-hour emergency rule). */
export function addHours(from: Date, hours: number): Date {
  assertInstant(from, 'from');
  if (!Number.isFinite(hours)) throw new RangeError('hours must be a finite number');
  return new Date(from.getTime() + hours * 3_600_000);
}
