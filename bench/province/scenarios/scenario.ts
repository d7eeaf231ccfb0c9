import type { ScenarioName } from '../options';
import type { HttpPlan, SqlWork } from '../runners';
import type { Target } from '../stats';
import type { BenchContext } from './context';

/** One measured workload: the same work over HTTP (the API) and as raw SQL through a pg Pool (the baseline). */
export interface Scenario {
  name: ScenarioName;
  description: string;
  target: Target;
  /** Notes printed with the figures: what the two sides do differently. */
  caveat?: string;
  /**
   * At most this many concurrent clients (default: --connections). The reports use 4: a province
   * has a handful of managers and supervisors reading reports at once, not tens.
   */
  connections?: number;
  prepare(ctx: BenchContext): { http: HttpPlan; sql: SqlWork };
}
