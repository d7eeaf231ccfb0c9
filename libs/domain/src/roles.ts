export enum Role {
  Admin = 'admin',
  Manager = 'manager',
  Supervisor = 'supervisor',
  Caseworker = 'caseworker',
  IntakeOfficer = 'intake_officer',
  Partner = 'partner',
}

export const ROLES = Object.values(Role);

/** Roles that work on cases (everyone but admins and partners). */
export const STAFF_ROLES: Role[] = [Role.Manager, Role.Supervisor, Role.Caseworker, Role.IntakeOfficer];

/** Roles whose scope is a set of communes rather than the whole province. */
export const COMMUNE_ROLES: Role[] = [Role.Supervisor, Role.Caseworker, Role.IntakeOfficer];

/**
 * Roles whose users read children's data: staff read cases, partners the minimum-necessary view
 * of their referrals. Granting one of them is what managers are told about (issue 10).
 */
export const CASE_READING_ROLES: Role[] = [...STAFF_ROLES, Role.Partner];
