/**
 * The numbers of the law the lifecycle enforces, as data: domain.md asks that a number from
 * the law be a configurable default, never a literal in the rules.
 */
export interface LifecyclePolicy {
  /** Temporary separation lasts at most this many days unless a competent authority extends it. */
  maxSeparationDays: number;
}

/** Decree 56/2017/NĐ-CP: temporary separation of at most 15 days. */
export const DEFAULT_LIFECYCLE_POLICY: Readonly<LifecyclePolicy> = Object.freeze({ maxSeparationDays: 15 });
