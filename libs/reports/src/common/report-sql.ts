import type { Actor } from '@haven/auth';
import { Role } from '@haven/domain';

/** One statement and its parameters, ready for `pg` or `DataSource.query`. */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

/**
 * Whose numbers a report may count: a manager's province (`communeCodes` null), a supervisor's
 * communes. The same rule as the case lists' scope for these roles; every report statement puts
 * it in its WHERE clause, so no count ever includes a case the caller could not open.
 */
export interface ReportScope {
  provinceCode: string;
  communeCodes: string[] | null;
}

export function reportScopeOf(actor: Actor): ReportScope {
  if (actor.role === Role.Manager) return { provinceCode: actor.provinceCode, communeCodes: null };
  if (actor.role === Role.Supervisor) return { provinceCode: actor.provinceCode, communeCodes: [...actor.communeCodes] };
  // The routes admit managers and supervisors only; anyone else would see nothing.
  return { provinceCode: actor.provinceCode, communeCodes: [] };
}

/** Collects positional parameters while a statement's conditions are written. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** `$n` for a new parameter. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The scope condition on a table that carries `province_code` and `commune_code`. */
export function scopeCondition(scope: ReportScope, alias: string, p: SqlParams): string {
  const province = `${alias}.province_code = ${p.add(scope.provinceCode)}`;
  if (scope.communeCodes === null) return province;
  return `${province} AND ${alias}.commune_code = ANY(${p.add(scope.communeCodes)}::varchar[])`;
}

/** The business time zone's calendar month of an instant, as `YYYY-MM`. */
export const monthOf = (column: string): string => `to_char(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`;
