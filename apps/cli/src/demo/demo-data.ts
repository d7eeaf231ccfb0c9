import { Role } from '@haven/domain';

/**
 * The demo's fixed facts. Everything here is made up or public (place codes):
 * no real person's data.
 */

/** Used when DEMO_PASSWORD is unset; documented in the README. It satisfies the password policy. */
export const DEMO_PASSWORD_DEFAULT = 'Haven-demo-2026';

/** Huế, the seed's province. */
export const DEMO_PROVINCE = '46';

/** Two real Huế communes (codes of migrations/data/vn-communes-2025.csv): Phường Phú Xuân and Phường Kim Long. */
export const DEMO_COMMUNES = ['19753', '19774'];

export const DEMO_ORGANISATION = {
  name: 'Trung tâm Trợ giúp pháp lý Huế (demo)',
  type: 'legal_aid',
  serviceTypes: ['legal_aid'],
} as const;

export interface DemoUserSpec {
  username: string;
  role: Role;
  fullName: string;
}

/** One user per role. Commune staff get DEMO_COMMUNES; the partner belongs to DEMO_ORGANISATION. */
export const DEMO_USERS: readonly DemoUserSpec[] = [
  { username: 'demo-admin', role: Role.Admin, fullName: 'Demo Quản trị viên' },
  { username: 'demo-manager', role: Role.Manager, fullName: 'Demo Cán bộ tỉnh' },
  { username: 'demo-supervisor', role: Role.Supervisor, fullName: 'Demo Chủ tịch UBND xã' },
  { username: 'demo-caseworker', role: Role.Caseworker, fullName: 'Demo Cán bộ bảo vệ trẻ em xã' },
  { username: 'demo-intake', role: Role.IntakeOfficer, fullName: 'Demo Tổng đài viên 111' },
  { username: 'demo-partner', role: Role.Partner, fullName: 'Demo Trợ giúp viên pháp lý' },
];

/** Where the demo password comes from, for messages that must never show the password itself. */
export function demoPasswordSource(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEMO_PASSWORD ? 'the value of DEMO_PASSWORD' : `the default ${DEMO_PASSWORD_DEFAULT} (DEMO_PASSWORD is unset)`;
}

export class DemoPasswordRequiredError extends Error {
  constructor() {
    super('DEMO_PASSWORD must be set to seed demo users when NODE_ENV=production: the documented default is public');
    this.name = 'DemoPasswordRequiredError';
  }
}

/** The demo users' password. A production deployment gets no default: a well-known password there would be an open door. */
export function demoPassword(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DEMO_PASSWORD) return env.DEMO_PASSWORD;
  if (env.NODE_ENV === 'production') throw new DemoPasswordRequiredError();
  return DEMO_PASSWORD_DEFAULT;
}
