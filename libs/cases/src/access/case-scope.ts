import type { ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import type { Actor } from '@haven/auth';
import { Role } from '@haven/domain';

/**
 * Which cases an actor may see, as one SQL condition on the case table. Every
 * list, count, search and single read goes through it, so pagination and
 * totals never count a case the caller cannot open.
 *
 * - caseworker: cases assigned to them or created by them, in their communes;
 * - supervisor: every case of their communes;
 * - manager: every case of their province;
 * - intake officer: cases they created, until the case is assigned, in their communes;
 * - admin, partner: none here (partners reach cases through referrals only).
 *
 * Commune staff see only cases of the communes they work in *now* (the actor is reloaded per
 * request): a caseworker moved out of a commune loses its cases at once, and their open ones
 * there are listed for its supervisors to reassign (commune-removal.handler.ts). The child
 * registry (child-scope.ts), deadlines and reports scope commune staff by the same communes.
 */
export function caseScopeCondition(actor: Actor, alias: string): { sql: string; params: ObjectLiteral } {
  const params = { scopeActor: actor.id, scopeProvince: actor.provinceCode, scopeCommunes: actor.communeCodes };
  // Commune staff without communes see nothing (IN () is not valid SQL either).
  const inCommunes = actor.communeCodes.length ? `(${alias}.province_code = :scopeProvince AND ${alias}.commune_code IN (:...scopeCommunes))` : 'FALSE';
  switch (actor.role) {
    case Role.Manager:
      return { sql: `${alias}.province_code = :scopeProvince`, params };
    case Role.Supervisor:
      return { sql: inCommunes, params };
    case Role.Caseworker:
      return { sql: `(${inCommunes} AND (${alias}.assignee_id = :scopeActor OR ${alias}.created_by = :scopeActor))`, params };
    case Role.IntakeOfficer:
      return { sql: `(${inCommunes} AND ${alias}.created_by = :scopeActor AND ${alias}.assignee_id IS NULL)`, params };
    default:
      return { sql: 'FALSE', params };
  }
}

export function applyCaseScope<Q extends WhereExpressionBuilder>(qb: Q, actor: Actor, alias: string): Q {
  const { sql, params } = caseScopeCondition(actor, alias);
  (qb as unknown as SelectQueryBuilder<ObjectLiteral>).andWhere(sql, params);
  return qb;
}
