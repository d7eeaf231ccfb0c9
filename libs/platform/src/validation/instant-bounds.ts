import { isISO8601, ValidateBy, ValidationOptions } from 'class-validator';

/*
 * Bounds for every time a client sends. A time is never used unbounded: deadlines are computed from
 * them (a report "received" in 2030 put a 12-hour deadline in 2030; one from 1900 was overdue at
 * once and escalated), and a year past 9999 overflows PostgreSQL and ISO strings (a 500).
 * The windows move with the clock (Date.now(), so that tests can fix it with fake timers).
 */

const YEAR_MS = 365.25 * 86_400_000;

/**
 * Clock skew tolerated by "not in the future": a phone a minute or two ahead of the server
 * must not make a visit recorded "just now" invalid.
 */
export const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * How far back an event about a child may lie: the child is under 18 when the case opens (Law on
 * Children art. 1), so nothing about them happened more than 18 years before that; 2 more years
 * for a case still running, or recorded late, after the child's 18th birthday. Where the child's
 * date of birth is known the services also refuse anything before it.
 */
export const EVENT_HISTORY_YEARS = 18 + 2;

/**
 * How far ahead a planned time (an action's due date, the end of a separation) may lie: nothing is
 * planned for a child beyond their 18th birthday, which is at most 18 years away.
 */
export const PLANNING_HORIZON_YEARS = 18;

/**
 * The earliest time a filter (a report period, a list's date range) may name: the registry's floor
 * for dates of birth (see isCalendarDate). A filter changes nothing, so it is only kept within
 * what the database and the ISO format can hold.
 */
export const FILTER_FLOOR = '1900-01-01T00:00:00Z';

interface InstantWindow {
  earliest: (now: number) => number;
  latest: (now: number) => number;
  /** After "$property must be …"; says the rule, never the value. */
  rule: string;
}

const yearsBefore = (now: number, years: number): number => now - years * YEAR_MS;
const yearsAfter = (now: number, years: number): number => now + years * YEAR_MS;

/** What happened: not in the future (beyond the skew), not more than EVENT_HISTORY_YEARS ago. */
export const PAST_EVENT: InstantWindow = {
  earliest: (now) => yearsBefore(now, EVENT_HISTORY_YEARS),
  latest: (now) => now + FUTURE_SKEW_MS,
  rule: `not in the future and not more than ${EVENT_HISTORY_YEARS} years ago`,
};

/** What is planned: from EVENT_HISTORY_YEARS ago (it may have started already) to PLANNING_HORIZON_YEARS ahead. */
export const PLANNED: InstantWindow = {
  earliest: (now) => yearsBefore(now, EVENT_HISTORY_YEARS),
  latest: (now) => yearsAfter(now, PLANNING_HORIZON_YEARS),
  rule: `not more than ${EVENT_HISTORY_YEARS} years ago and not more than ${PLANNING_HORIZON_YEARS} years ahead`,
};

/** A filter's bound: from FILTER_FLOOR to PLANNING_HORIZON_YEARS ahead. */
export const FILTER: InstantWindow = {
  earliest: () => Date.parse(FILTER_FLOOR),
  latest: (now) => yearsAfter(now, PLANNING_HORIZON_YEARS),
  rule: `from ${FILTER_FLOOR.slice(0, 4)} to ${PLANNING_HORIZON_YEARS} years ahead`,
};

/** Whether an ISO-8601 string (a date or a date-time) lies within the window at `now`. */
export function withinWindow(value: string, window: InstantWindow, now = Date.now()): boolean {
  const at = Date.parse(value);
  return !Number.isNaN(at) && at >= window.earliest(now) && at <= window.latest(now);
}

/**
 * An ISO-8601 time within `window`. A value that is not ISO-8601 passes here (IsISO8601 reports it,
 * once); one ISO-8601 accepts but JavaScript cannot place in time fails here, so that no unparsable
 * time reaches a service.
 */
export const InstantWithin = (window: InstantWindow, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'instantWithin',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isISO8601(value, { strict: true }) || withinWindow(value, window),
        defaultMessage: () => `$property must be ${window.rule}`,
      },
    },
    options,
  );

/** Something that happened (received, occurred, taken, given, withdrawn, ended): see PAST_EVENT. */
export const IsPastInstant = (options?: ValidationOptions) => InstantWithin(PAST_EVENT, options);

/** Something planned, possibly already started (an action, a separation): see PLANNED. */
export const IsPlannedInstant = (options?: ValidationOptions) => InstantWithin(PLANNED, options);

/** A bound of a filter or a report period: see FILTER. */
export const IsFilterInstant = (options?: ValidationOptions) => InstantWithin(FILTER, options);

/** The rules as the API documentation states them (in the DTOs' descriptions). */
export const PAST_INSTANT_RULE = `Not in the future (${FUTURE_SKEW_MS / 60_000} minutes of clock skew tolerated) and not more than ${EVENT_HISTORY_YEARS} years ago.`;
export const PLANNED_INSTANT_RULE = `Not more than ${EVENT_HISTORY_YEARS} years ago and not more than ${PLANNING_HORIZON_YEARS} years ahead.`;
export const FILTER_INSTANT_RULE = `From ${FILTER_FLOOR.slice(0, 4)} to ${PLANNING_HORIZON_YEARS} years ahead.`;
