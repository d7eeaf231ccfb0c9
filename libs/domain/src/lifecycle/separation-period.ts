import { addLocalDays, localDateOf, startOfLocalDay } from '../deadlines/local-time';
import { Requirement } from './decision.types';
import { LifecyclePolicy } from './lifecycle.policy';

export interface SeparationPeriod {
  startAt: Date;
  endAt: Date;
  extendedByAuthority: boolean;
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/**
 * The latest end a separation starting at `startAt` may have without an authority's extension:
 * 24:00 (Asia/Ho_Chi_Minh) on the last of `maxSeparationDays` calendar days counted from the day
 * after the decision, as the Civil Code counts a period in days (arts. 147(2)–(3), 148(1); §2a of
 * the law review). A Mẫu 07 decision taken at 20:00 on 1 March may run "until 16 March". There is
 * no roll-forward past a weekend or holiday (art. 148(5)): this is the ceiling of a coercive
 * measure, not a time left to act.
 */
export function latestSeparationEnd(startAt: Date, policy: LifecyclePolicy): Date {
  return startOfLocalDay(addLocalDays(localDateOf(startAt), policy.maxSeparationDays + 1));
}

/** What is wrong with a planned separation period; empty when it is acceptable. */
export function separationPeriodProblems(period: SeparationPeriod, policy: LifecyclePolicy): Requirement[] {
  if (!isValidDate(period.startAt) || !isValidDate(period.endAt) || period.endAt <= period.startAt) {
    return ['separation_period'];
  }
  if (!period.extendedByAuthority && period.endAt > latestSeparationEnd(period.startAt, policy)) {
    return ['separation_within_limit'];
  }
  return [];
}
