import type { Scope } from '@haven/domain';
import type { Params } from './sql-params';

/** The columns of one table (or join) that a scope reads; a scope kind needs only its own. */
export interface ScopeColumns {
  province?: string;
  commune?: string;
  assignee?: string;
  creator?: string;
  organisation?: string;
}

function column(columns: ScopeColumns, name: keyof ScopeColumns, scope: Scope): string {
  const found = columns[name];
  if (!found) throw new Error(`scopeSql: a '${scope.kind}' scope needs the ${name} column`);
  return found;
}

/**
 * The one SQL rendering of an actor's `Scope` (libs/domain/src/access/scope.ts), as a condition
 * to AND into a WHERE clause. Values go through `p`, so the same text serves raw SQL (`SqlParams`)
 * and TypeORM query builders (`NamedParams`); a list of communes is one array parameter,
 * `= ANY(…::varchar[])`. An empty list of communes admits nothing (`FALSE`), as does `none`.
 */
export function scopeSql(scope: Scope, columns: ScopeColumns, p: Params): string {
  switch (scope.kind) {
    case 'none':
      return 'FALSE';
    case 'province':
      return `${column(columns, 'province', scope)} = ${p.add(scope.province)}`;
    case 'communes': {
      if (scope.communes.length === 0) return 'FALSE';
      const province = scope.province === null ? null : `${column(columns, 'province', scope)} = ${p.add(scope.province)}`;
      const inCommunes = `${column(columns, 'commune', scope)} = ANY(${p.add([...scope.communes])}::varchar[])`;
      return province === null ? inCommunes : `(${province} AND ${inCommunes})`;
    }
    case 'own': {
      if (scope.communes.length === 0) return 'FALSE';
      const province = column(columns, 'province', scope);
      const commune = column(columns, 'commune', scope);
      const assignee = column(columns, 'assignee', scope);
      const creator = column(columns, 'creator', scope);
      const placed = `${province} = ${p.add(scope.province)} AND ${commune} = ANY(${p.add([...scope.communes])}::varchar[])`;
      const user = p.add(scope.userId);
      return scope.unassignedOnly
        ? `(${placed} AND ${creator} = ${user} AND ${assignee} IS NULL)`
        : `(${placed} AND (${assignee} = ${user} OR ${creator} = ${user}))`;
    }
    case 'organisation':
      return `${column(columns, 'organisation', scope)} = ${p.add(scope.organisationId)}`;
  }
}
