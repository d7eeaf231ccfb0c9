import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, CreateUserDto, passwordProblems, UpdateUserDto, UsersService, verifyPassword } from '@haven/auth';
import { COMMUNE_ROLES, Role } from '@haven/domain';
import { DEMO_COMMUNES, DEMO_ORGANISATION, DEMO_PROVINCE, DEMO_USERS, DemoUserSpec } from './demo-data';

/** Held for the whole seed, so two seeds started at once never race (the second finds everything done). */
export const DEMO_SEED_LOCK_KEY = 46_2025_112;

/** The seed acts as the system, not as a signed-in person. */
const SYSTEM: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  role: Role.Admin,
  provinceCode: DEMO_PROVINCE,
  communeCodes: [],
  organisationId: null,
};

export type DemoUserOutcome = 'created' | 'unchanged' | 'password reset';

export interface DemoUserRow {
  username: string;
  role: Role;
  /** Province, communes or organisation: place codes and the demo organisation only, never personal data. */
  scope: string;
  outcome: DemoUserOutcome;
}

export interface DemoSeedReport {
  organisation: { id: string; created: boolean };
  users: DemoUserRow[];
}

export class WeakDemoPasswordError extends Error {
  constructor(problems: string[]) {
    super(`DEMO_PASSWORD does not satisfy the password policy: ${[...new Set(problems)].join('; ')}`);
    this.name = 'WeakDemoPasswordError';
  }
}

/** Throws, without echoing the password, unless it satisfies the policy for every demo user. */
export function assertDemoPassword(password: string): void {
  const problems = DEMO_USERS.flatMap((u) => passwordProblems(password, u.username).map((p) => p.message));
  if (problems.length) throw new WeakDemoPasswordError(problems);
}

/**
 * The demo data for Huế (province 46). Idempotent: every step looks for what
 * it would create and leaves what exists. Users are written through
 * UsersService, so the password policy, argon2 hashing and the place checks
 * are the same as for users an administrator creates.
 *
 * Later capabilities add their own steps to run() (demo cases, referrals, ...),
 * each idempotent and each adding its rows to the report.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
  ) {}

  async run(options: { password: string }): Promise<DemoSeedReport> {
    assertDemoPassword(options.password);

    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [DEMO_SEED_LOCK_KEY]);
      try {
        const organisation = await this.seedOrganisation();
        const users: DemoUserRow[] = [];
        for (const spec of DEMO_USERS) users.push(await this.seedUser(spec, organisation.id, options.password));
        return { organisation, users };
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [DEMO_SEED_LOCK_KEY]);
      }
    } finally {
      await lock.release();
    }
  }

  /**
   * The partner's organisation. Written with SQL because no library owns the
   * organisation table yet; move this to the organisations service when one does.
   */
  private async seedOrganisation(): Promise<{ id: string; created: boolean }> {
    const found = (await this.dataSource.query(`SELECT id FROM organisation WHERE name = $1 ORDER BY created_at LIMIT 1`, [DEMO_ORGANISATION.name])) as {
      id: string;
    }[];
    if (found[0]) return { id: found[0].id, created: false };
    const inserted = (await this.dataSource.query(`INSERT INTO organisation (name, type, service_types, province_code) VALUES ($1, $2, $3, $4) RETURNING id`, [
      DEMO_ORGANISATION.name,
      DEMO_ORGANISATION.type,
      DEMO_ORGANISATION.serviceTypes,
      DEMO_PROVINCE,
    ])) as { id: string }[];
    this.logger.log('created the demo partner organisation');
    return { id: inserted[0].id, created: true };
  }

  private async seedUser(spec: DemoUserSpec, organisationId: string, password: string): Promise<DemoUserRow> {
    const communeCodes = COMMUNE_ROLES.includes(spec.role) ? DEMO_COMMUNES : [];
    const existing = (await this.dataSource.query(
      `SELECT id, role, province_code, organisation_id, active, locked_until > now() AS locked, password_hash FROM app_user WHERE lower(username) = lower($1)`,
      [spec.username],
    )) as { id: string; role: Role; province_code: string; organisation_id: string | null; active: boolean; locked: boolean | null; password_hash: string }[];
    const row = existing[0];

    if (!row) {
      const dto = Object.assign(new CreateUserDto(), {
        username: spec.username,
        fullName: spec.fullName,
        role: spec.role,
        provinceCode: DEMO_PROVINCE,
        communeCodes,
        organisationId: spec.role === Role.Partner ? organisationId : undefined,
        password,
      });
      const created = await this.users.create(SYSTEM, dto);
      return { username: spec.username, role: created.role, scope: describeScope(created, organisationId), outcome: 'created' };
    }

    // An existing user is left as it is, except that the demo password must work
    // (the README promises it): a changed password, a lockout or a disabled account is undone.
    const usable = row.active && !row.locked && (await verifyPassword(row.password_hash, password));
    if (!usable) await this.users.update(SYSTEM, row.id, Object.assign(new UpdateUserDto(), { password, active: true }));
    const communes = (await this.dataSource.query(`SELECT commune_code FROM user_commune WHERE user_id = $1 ORDER BY commune_code`, [row.id])) as {
      commune_code: string;
    }[];
    const scope = describeScope(
      { provinceCode: row.province_code, communeCodes: communes.map((c) => c.commune_code), organisationId: row.organisation_id },
      organisationId,
    );
    return { username: spec.username, role: row.role, scope, outcome: usable ? 'unchanged' : 'password reset' };
  }
}

function describeScope(user: { provinceCode: string; communeCodes: string[]; organisationId: string | null }, demoOrganisationId: string): string {
  const parts = [`province ${user.provinceCode}`];
  if (user.communeCodes.length) parts.push(`communes ${user.communeCodes.join(', ')}`);
  if (user.organisationId) parts.push(user.organisationId === demoOrganisationId ? DEMO_ORGANISATION.name : `organisation ${user.organisationId}`);
  return parts.join(', ');
}

/** The demo users as a plain-text table: username, role, scope and what the seed did. */
export function formatDemoUsers(rows: DemoUserRow[]): string {
  const header = ['username', 'role', 'scope', 'seed'];
  const body = rows.map((r) => [r.username, r.role, r.scope, r.outcome]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}
