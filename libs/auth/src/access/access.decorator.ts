import { applyDecorators, SetMetadata } from '@nestjs/common';
import { CaseCommandKind, COMMAND_ROLES, Role } from '@haven/domain';

export const ACCESS_KEY = 'haven:access';

export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: Role[] };

/** Anyone, signed in or not (login, refresh, health, docs). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Any signed-in user, whatever the role. */
export const Authenticated = () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessRule);

/** Signed-in users with one of these roles; everyone else gets 403. */
export const Roles = (...roles: Role[]) => {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role');
  return SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies AccessRule);
};

export const COMMAND_KIND_KEY = 'haven:command-kind';

/**
 * A route that issues a lifecycle command: it lets through exactly the roles the domain allows for
 * that command (`COMMAND_ROLES`), the same rule as `@Roles(...COMMAND_ROLES[kind])`, and records the
 * kind so the route audit lists it. Finer rules (the worker of record, approver ≠ author) stay in the domain.
 */
export const CommandRoute = (kind: CaseCommandKind) => applyDecorators(Roles(...COMMAND_ROLES[kind]), SetMetadata(COMMAND_KIND_KEY, kind));

export const BEFORE_PASSWORD_CHANGE_KEY = 'haven:before-password-change';

/**
 * The few routes a user whose password an administrator set may call before choosing their own:
 * their profile, the password change and logout. Every other route answers 403 PASSWORD_CHANGE_REQUIRED.
 */
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);
