import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { CreateUserDto, UserResponseDto, UsersService } from '@haven/auth';
import { validateObject } from '@haven/platform';
import { parseOptions, UsageError } from './operator-args';

export const USER_CREATE_USAGE =
  'user:create --username NAME --full-name "FULL NAME" --role ROLE --province CODE [--communes C1,C2] [--organisation UUID] [--email ADDRESS]';

/**
 * A temporary password for a user the operator makes: 20 random characters in four groups, far
 * above the policy, shown once. The user must replace it at the first sign-in.
 */
export function temporaryPassword(): string {
  return (randomBytes(15).toString('base64url').match(/.{5}/g) ?? []).join('-');
}

/** The options of user:create as the body an administrator would send, validated the same way. */
export async function userCreateInput(argv: string[], password: string): Promise<CreateUserDto & { provinceCode: string }> {
  const o = parseOptions(argv, ['username', 'full-name', 'role', 'province', 'communes', 'organisation', 'email'] as const);
  const missing = (['username', 'full-name', 'role', 'province'] as const).filter((k) => !o[k]);
  if (missing.length) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
  const body = {
    username: o.username,
    fullName: o['full-name'],
    role: o.role,
    provinceCode: o.province,
    password,
    ...(o.communes !== undefined && {
      communeCodes: o.communes
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    }),
    ...(o.organisation !== undefined && { organisationId: o.organisation }),
    ...(o.email !== undefined && { email: o.email }),
  };
  return (await validateObject(CreateUserDto, body, '')) as CreateUserDto & { provinceCode: string };
}

/**
 * user:create: the operator makes a user of any province (the way a province's first
 * administrator comes to exist), recorded in the admin audit as the operator's act.
 */
export async function createUserFromCli(app: INestApplicationContext, argv: string[]): Promise<{ user: UserResponseDto; password: string }> {
  const password = temporaryPassword();
  const input = await userCreateInput(argv, password);
  const user = await app.get(UsersService).provision(input, { temporaryPassword: true });
  return { user, password };
}
