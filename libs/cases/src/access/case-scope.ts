import type { ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import { caseScopeOf, ScopeActor } from '@haven/domain';
import { NamedParams, scopeSql } from '@haven/platform';

/**
 * Which cases an actor may see (the rule: `caseScopeOf` in libs/domain/src/access/scope.ts), as
 * one SQL condition on the case table. Every list, count, search and single read goes through it,
 * so pagination and totals never count a case the caller cannot open.
 */
export function caseScopeCondition(actor: ScopeActor, alias: string): { sql: string; params: ObjectLiteral } {
  const p = new NamedParams('caseScope');
  const sql = scopeSql(
    caseScopeOf(actor),
    { province: `${alias}.province_code`, commune: `${alias}.commune_code`, assignee: `${alias}.assignee_id`, creator: `${alias}.created_by` },
    p,
  );
  return { sql, params: p.values };
}

export function applyCaseScope<Q extends WhereExpressionBuilder>(qb: Q, actor: ScopeActor, alias: string): Q {
  const { sql, params } = caseScopeCondition(actor, alias);
  (qb as unknown as SelectQueryBuilder<ObjectLiteral>).andWhere(sql, params);
  return qb;
}
