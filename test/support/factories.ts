import { randomBytes } from 'node:crypto';
import { CreateUserDto, UserResponseDto, UsersService } from '@haven/auth';
import { Role } from '@haven/domain';
import type { TestApi } from './app';

/** Huế (province 46) and two of its communes: the places most tests use. */
export const HUE = '46';
export const PHU_XUAN = '19753';
export const KIM_LONG = '19774';
export const PASSWORD = 'Correct-horse-42';

const COMMUNE_ROLES = [Role.Supervisor, Role.Caseworker, Role.IntakeOfficer];

export async function newUser(api: TestApi, role: Role, overrides: Partial<CreateUserDto> = {}): Promise<UserResponseDto & { password: string }> {
  const dto: CreateUserDto & { provinceCode: string } = Object.assign(new CreateUserDto(), {
    username: `${role.replace('_', '-')}-${randomBytes(4).toString('hex')}`,
    fullName: `Test ${role}`,
    role,
    provinceCode: HUE,
    communeCodes: COMMUNE_ROLES.includes(role) ? [PHU_XUAN] : [],
    password: PASSWORD,
    ...overrides,
  });
  // Made as the operator would (any province, a password of the test's choosing that need not be changed).
  const user = await api.app.get(UsersService).provision(dto, { temporaryPassword: false });
  return { ...user, password: dto.password };
}

export interface SignedIn {
  user: UserResponseDto;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export async function login(api: TestApi, username: string, password = PASSWORD): Promise<SignedIn> {
  const res = await api.http.post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    user: res.body.user,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

export async function signedIn(api: TestApi, role: Role, overrides: Partial<CreateUserDto> = {}): Promise<SignedIn> {
  const user = await newUser(api, role, overrides);
  return login(api, user.username, user.password);
}
