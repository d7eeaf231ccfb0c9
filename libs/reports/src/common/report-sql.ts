import type { Scope } from '@haven/domain';
import { SqlParams, scopeSql } from '@haven/platform';

/** The reports' statements collect their parameters with the platform's `SqlParams`. */
export { SqlParams };

/** One statement and its parameters, ready for `pg` or `DataSource.query`. */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

/**
 * Whose numbers a report counts: the actor's `reportScopeOf` (libs/domain/src/access/scope.ts), a
 * manager's province or a supervisor's communes, put by every report statement into its WHERE
 * clause, so no count ever includes a case the caller could not open. This is its condition on a
 * table that carries `province_code` and `commune_code`.
 */
export function scopeCondition(scope: Scope, alias: string, p: SqlParams): string {
  return scopeSql(scope, { province: `${alias}.province_code`, commune: `${alias}.commune_code` }, p);
}

/** The business time zone's calendar month of an instant, as `YYYY-MM`. */
export const monthOf = (column: string): string => `to_char(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`;
