import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { childScopeOf, ScopeActor } from '@haven/domain';
import { NamedParams, scopeSql } from '@haven/platform';

/**
 * Which registered children an actor may see (the rule: `childScopeOf` in
 * libs/domain/src/access/scope.ts), as one SQL condition on the child table. Every list, search,
 * count, duplicate check and single read goes through it, so totals never count a child the
 * caller cannot open and an id outside the scope reads exactly like an absent one (404).
 */
export function childScopeCondition(actor: ScopeActor, alias: string): { sql: string; params: ObjectLiteral } {
  const p = new NamedParams('childScope');
  const sql = scopeSql(childScopeOf(actor), { province: `${alias}.province_code`, commune: `${alias}.commune_code` }, p);
  return { sql, params: p.values };
}

export function applyChildScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: ScopeActor, alias: string): SelectQueryBuilder<T> {
  const { sql, params } = childScopeCondition(actor, alias);
  return qb.andWhere(sql, params);
}
