import { endOfLocalDay, isLocalDate, startOfLocalDay } from '@haven/domain';
import { AppException } from '@haven/platform';

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** Reports are bounded so that one request cannot scan a province's whole history many times over. */
export const MAX_PERIOD_DAYS = 3700;
const DAY_MS = 86_400_000;

/**
 * The period of a report from its query: a date is a whole day in Vietnam time (so `to` as a date
 * is inclusive), a date-time is an instant (`to` exclusive). Defaults to the year up to `now`.
 */
export function periodOf(query: { from?: string; to?: string }, now: Date): Period {
  const to = query.to === undefined ? now : isLocalDate(query.to) ? new Date(endOfLocalDay(query.to).getTime() + 1) : new Date(query.to);
  const from = query.from === undefined ? new Date(to.getTime() - 365 * DAY_MS) : isLocalDate(query.from) ? startOfLocalDay(query.from) : new Date(query.from);
  if (from.getTime() >= to.getTime()) {
    throw AppException.validation([{ field: 'from', message: 'from must be before to' }]);
  }
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
    throw AppException.validation([{ field: 'to', message: `the period may be at most ${MAX_PERIOD_DAYS} days` }]);
  }
  return { from, to };
}
