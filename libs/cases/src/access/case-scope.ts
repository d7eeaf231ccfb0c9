import type { ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import type { Actor } from '@haven/auth';
import { Role } from '@haven/domain';

/**
 * Which cases an actor may see, as one SQL condition on the case table. Every
 * list, count, search and single read goes through it, so pagination and
 * totals never count a case the caller cannot open.
 *
 * - caseworker: cases assigned to them or created by them;
 * - supervisor: every case of their communes;
 * - manager: every case of their province;
 * - intake officer: cases they created, until the case is assigned;
 * - admin, partner: none here (partners reach cases through referrals only).
 */
export function caseScopeCondition(actor: Actor, alias: string): { sql: string; params: ObjectLiteral } {
  const params = { scopeActor: actor.id, scopeProvince: actor.provinceCode, scopeCommunes: actor.communeCodes };
  switch (actor.role) {
    case Role.Manager:
      return { sql: `${alias}.province_code = :scopeProvince`, params };
    case Role.Supervisor:
      return actor.communeCodes.length
        ? { sql: `(${alias}.province_code = :scopeProvince AND ${alias}.commune_code IN (:...scopeCommunes))`, params }
        : { sql: 'FALSE', params };
    case Role.Caseworker:
      return { sql: `(${alias}.assignee_id = :scopeActor OR ${alias}.created_by = :scopeActor)`, params };
    case Role.IntakeOfficer:
      return { sql: `(${alias}.created_by = :scopeActor AND ${alias}.assignee_id IS NULL)`, params };
    default:
      return { sql: 'FALSE', params };
  }
}

export function applyCaseScope<Q extends WhereExpressionBuilder>(qb: Q, actor: Actor, alias: string): Q {
  const { sql, params } = caseScopeCondition(actor, alias);
  (qb as unknown as SelectQueryBuilder<ObjectLiteral>).andWhere(sql, params);
  return qb;
}
