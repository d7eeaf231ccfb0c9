import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../holidays/calendar.service';
import { DeadlinePolicyService } from '../policy/deadline-policy.service';
import { DeadlineRules } from './deadline-steps';

/** How long the worker reuses a province's policy and the calendar: an admin's change reaches the steps within this. */
export const RULES_CACHE_MS = 5_000;

/**
 * The policy of a province and the working-day calendar, together. Commands read them fresh in
 * their own transaction; the step service and the reconciler, which compute thousands of
 * timelines a minute, reuse them for a few seconds.
 */
@Injectable()
export class DeadlineRulesService {
  private readonly cache = new Map<string, { rules: Promise<DeadlineRules>; until: number }>();

  constructor(
    private readonly policies: DeadlinePolicyService,
    private readonly calendars: CalendarService,
  ) {}

  /** Fresh, read in the caller's transaction if given. */
  async load(provinceCode: string, m?: EntityManager): Promise<DeadlineRules> {
    // One after the other: a transaction's connection runs one query at a time anyway.
    const policy = await this.policies.effective(provinceCode, m);
    return { policy, calendar: await this.calendars.calendar(m) };
  }

  /** At most RULES_CACHE_MS old. On a miss it reads through `m`, the caller's transaction, if given. */
  cached(provinceCode: string, m?: EntityManager, now = Date.now()): Promise<DeadlineRules> {
    const hit = this.cache.get(provinceCode);
    if (hit && hit.until > now) return hit.rules;
    const rules = this.load(provinceCode, m);
    this.cache.set(provinceCode, { rules, until: now + RULES_CACHE_MS });
    // A failed read is not cached.
    rules.catch(() => this.cache.delete(provinceCode));
    return rules;
  }
}
