import { Role } from '../roles';

/**
 * Who may see what, as a value: the one place an actor's visibility rules are written. Services
 * turn an actor into a `Scope` with the functions below; `scopeSql` (libs/platform/src/sql) renders
 * it as one SQL condition for any table that carries the columns, and `scopeAdmits` answers it for
 * one row already in memory. Every function denies by default: a role it does not name sees nothing.
 */
export type Scope =
  /** Nothing at all (renders `FALSE`). */
  | { kind: 'none' }
  /** Every row of one province. */
  | { kind: 'province'; province: string }
  /**
   * The rows of these communes (none when the list is empty), inside the province when one is
   * given; `province: null` is the child registry's rule for commune staff (the communes alone).
   */
  | { kind: 'communes'; province: string | null; communes: readonly string[] }
  /**
   * The rows of these communes of the province that the user is assigned to or created;
   * `unassignedOnly`: those they created and nobody is assigned to yet.
   */
  | { kind: 'own'; province: string; communes: readonly string[]; userId: string; unassignedOnly: boolean }
  /** The rows addressed to one organisation. */
  | { kind: 'organisation'; organisationId: string };

/** What the scope rules read of an actor (`Actor` in libs/auth has these and more). */
export interface ScopeActor {
  id: string;
  role: Role;
  provinceCode: string;
  communeCodes: readonly string[];
  organisationId: string | null;
}

/** One row's place, for `scopeAdmits` (the columns `scopeSql` reads). */
export interface ScopedRow {
  provinceCode?: string | null;
  communeCode?: string | null;
  assigneeId?: string | null;
  createdBy?: string | null;
  organisationId?: string | null;
}

export const NO_SCOPE: Scope = { kind: 'none' };

const inCommunes = (actor: ScopeActor): Scope => ({ kind: 'communes', province: actor.provinceCode, communes: [...actor.communeCodes] });
const own = (actor: ScopeActor, unassignedOnly: boolean): Scope => ({
  kind: 'own',
  province: actor.provinceCode,
  communes: [...actor.communeCodes],
  userId: actor.id,
  unassignedOnly,
});

/**
 * Which cases an actor may see. Every case list, count, search and single read goes through it,
 * so pagination and totals never count a case the caller cannot open.
 *
 * - manager: every case of their province;
 * - supervisor: every case of their communes;
 * - caseworker: cases assigned to them or created by them, in their communes;
 * - intake officer: cases they created, until the case is assigned, in their communes;
 * - admin, partner and any role added later: none (partners reach cases through referrals only).
 *
 * Commune staff see only cases of the communes they work in *now* (the actor is reloaded per
 * request): a caseworker moved out of a commune loses its cases at once, and their open ones
 * there are listed for its supervisors to reassign (commune-removal.handler.ts).
 */
export function caseScopeOf(actor: ScopeActor): Scope {
  switch (actor.role) {
    case Role.Manager:
      return { kind: 'province', province: actor.provinceCode };
    case Role.Supervisor:
      return inCommunes(actor);
    case Role.Caseworker:
      return own(actor, false);
    case Role.IntakeOfficer:
      return own(actor, true);
    default:
      return NO_SCOPE;
  }
}

/**
 * Which registered children an actor may see. Every child list, search, count, duplicate check
 * and single read goes through it, so an id outside the scope reads exactly like an absent one.
 *
 * - manager: every child of their province;
 * - supervisor, caseworker, intake officer: the children of their communes (none without communes);
 * - admin, partner and any role added later: none.
 */
export function childScopeOf(actor: ScopeActor): Scope {
  switch (actor.role) {
    case Role.Manager:
      return { kind: 'province', province: actor.provinceCode };
    case Role.Supervisor:
    case Role.Caseworker:
    case Role.IntakeOfficer:
      return { kind: 'communes', province: null, communes: [...actor.communeCodes] };
    default:
      return NO_SCOPE;
  }
}

/** A partner user's own organisation (none without one, and for every other role). */
export function partnerScopeOf(actor: ScopeActor): Scope {
  return actor.role === Role.Partner && actor.organisationId ? { kind: 'organisation', organisationId: actor.organisationId } : NO_SCOPE;
}

/**
 * Which referrals an actor may see: a partner those addressed to its organisation, whatever the
 * case; staff those of the cases in their case scope; anyone else none.
 */
export function referralScopeOf(actor: ScopeActor): Scope {
  return actor.role === Role.Partner ? partnerScopeOf(actor) : caseScopeOf(actor);
}

/**
 * Whose deadlines the deadline list shows: a manager's province, a supervisor's communes (the
 * case scope of these roles, on the deadline's own province and commune, copied from the case);
 * anyone else none.
 */
export function deadlineScopeOf(actor: ScopeActor): Scope {
  return actor.role === Role.Manager || actor.role === Role.Supervisor ? caseScopeOf(actor) : NO_SCOPE;
}

/**
 * Whose numbers a report may count: a manager's province, a supervisor's communes (the case scope
 * of these roles); anyone else none. Every report statement puts it in its WHERE clause, so no
 * count ever includes a case the caller could not open.
 */
export function reportScopeOf(actor: ScopeActor): Scope {
  return actor.role === Role.Manager || actor.role === Role.Supervisor ? caseScopeOf(actor) : NO_SCOPE;
}

/**
 * The province an administrator (or a manager, where the route admits one) reads and manages
 * the users, organisations, admin audit and deliveries of; anyone else none.
 */
export function homeProvinceScopeOf(actor: ScopeActor): Scope {
  return actor.role === Role.Admin || actor.role === Role.Manager ? { kind: 'province', province: actor.provinceCode } : NO_SCOPE;
}

/** Whether one row is in the scope: the same rule as `scopeSql`, for a row already in memory. */
export function scopeAdmits(scope: Scope, row: ScopedRow): boolean {
  switch (scope.kind) {
    case 'none':
      return false;
    case 'province':
      return row.provinceCode === scope.province;
    case 'communes':
      return (scope.province === null || row.provinceCode === scope.province) && row.communeCode != null && scope.communes.includes(row.communeCode);
    case 'own': {
      const placed = row.provinceCode === scope.province && row.communeCode != null && scope.communes.includes(row.communeCode);
      if (!placed) return false;
      return scope.unassignedOnly
        ? row.createdBy === scope.userId && row.assigneeId == null
        : row.assigneeId === scope.userId || row.createdBy === scope.userId;
    }
    case 'organisation':
      return row.organisationId === scope.organisationId;
  }
}
