import { Requirement } from './decision.types';
import { LifecyclePolicy } from './lifecycle.policy';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SeparationPeriod {
  startAt: Date;
  endAt: Date;
  extendedByAuthority: boolean;
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** The latest end a separation starting at `startAt` may have without an authority's extension. */
export function latestSeparationEnd(startAt: Date, policy: LifecyclePolicy): Date {
  return new Date(startAt.getTime() + policy.maxSeparationDays * DAY_MS);
}

/**
 * What is wrong with a planned separation period; empty when it is acceptable. The limit counts
 * elapsed time from the start (15 × 24 h by default), not calendar dates, so that a separation
 * decided in the evening keeps its full last day.
 */
export function separationPeriodProblems(period: SeparationPeriod, policy: LifecyclePolicy): Requirement[] {
  if (!isValidDate(period.startAt) || !isValidDate(period.endAt) || period.endAt <= period.startAt) {
    return ['separation_period'];
  }
  if (!period.extendedByAuthority && period.endAt > latestSeparationEnd(period.startAt, policy)) {
    return ['separation_within_limit'];
  }
  return [];
}
