import { SetMetadata } from '@nestjs/common';
import { Role } from '@haven/domain';

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
