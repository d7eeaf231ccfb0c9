import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '@haven/auth';
import { Role } from '@haven/domain';

/**
 * Which registered children an actor may see, as one SQL condition on the child table. Every
 * list, search, count, duplicate check and single read goes through it, so totals never count a
 * child the caller cannot open and an id outside the scope reads exactly like an absent one (404).
 *
 * - manager: every child of their province;
 * - supervisor, caseworker, intake officer: the children of their communes (none without communes);
 * - admin, partner and any role added later: none (deny by default).
 */
export function childScopeCondition(actor: Actor, alias: string): { sql: string; params: ObjectLiteral } {
  switch (actor.role) {
    case Role.Manager:
      return { sql: `${alias}.province_code = :childScopeProvince`, params: { childScopeProvince: actor.provinceCode } };
    case Role.Supervisor:
    case Role.Caseworker:
    case Role.IntakeOfficer:
      return actor.communeCodes.length > 0
        ? { sql: `${alias}.commune_code IN (:...childScopeCommunes)`, params: { childScopeCommunes: actor.communeCodes } }
        : { sql: 'FALSE', params: {} };
    default:
      return { sql: 'FALSE', params: {} };
  }
}

export function applyChildScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: Actor, alias: string): SelectQueryBuilder<T> {
  const { sql, params } = childScopeCondition(actor, alias);
  return qb.andWhere(sql, params);
}
