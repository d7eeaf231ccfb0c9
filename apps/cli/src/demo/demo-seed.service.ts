import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CreateUserDto, passwordProblems, SignInFailuresService, UpdateUserDto, UsersService, verifyPassword } from '@haven/auth';
import { COMMUNE_ROLES, Role } from '@haven/domain';
import { Clock } from '@haven/platform';
import { DemoCaseSeeder, DemoCasesReport } from './demo-case.seeder';
import { DEMO_ORGANISATION, DEMO_PROVINCE, DEMO_USERS, DemoUserSpec } from './demo-data';
import { DemoOrganisationRow, DemoOrganisationSeeder } from './demo-organisation.seeder';
import { DemoReferralSeeder, DemoReferralsReport } from './demo-referral.seeder';

/** Held for the whole seed, so two seeds started at once never race (the second finds everything done). */
export const DEMO_SEED_LOCK_KEY = 46_2025_112;

export type DemoUserOutcome = 'created' | 'unchanged' | 'password reset' | 'communes added' | 'password reset, communes added';

export interface DemoUserRow {
  username: string;
  role: Role;
  /** Province, communes or organisation: place codes and demo organisations' names only, never personal data. */
  scope: string;
  outcome: DemoUserOutcome;
}

export interface DemoSeedReport {
  organisations: DemoOrganisationRow[];
  users: DemoUserRow[];
  cases: DemoCasesReport;
  referrals: DemoReferralsReport;
}

export class WeakDemoPasswordError extends Error {
  constructor(problems: string[]) {
    super(`DEMO_PASSWORD does not satisfy the password policy: ${[...new Set(problems)].join('; ')}`);
    this.name = 'WeakDemoPasswordError';
  }
}

/** Throws, without echoing the password, unless it satisfies the policy for every demo user. */
export function assertDemoPassword(password: string): void {
  const problems = DEMO_USERS.flatMap((u) => passwordProblems(password, { username: u.username, fullName: u.fullName }).map((p) => p.message));
  if (problems.length) throw new WeakDemoPasswordError(problems);
}

/**
 * The demo data for Huế (province 46). Idempotent: every step looks for what
 * it would create and leaves what exists. First the partner organisations
 * (DemoOrganisationSeeder, through OrganisationsService); then the users,
 * written through UsersService, so the password policy, argon2 hashing and the
 * place checks are the same as for users an administrator creates (a partner
 * joins its demo organisation).
 *
 * Then the demo cases (DemoCaseSeeder), walked through the case services by
 * the demo users, and the referrals from them (DemoReferralSeeder), sent and
 * answered through the referral services. Later capabilities add their own
 * steps to run(), each idempotent and each adding its rows to the report.
 */
@Injectable()
export class DemoSeedService {
  constructor(
    private readonly users: UsersService,
    private readonly dataSource: DataSource,
    private readonly organisations: DemoOrganisationSeeder,
    private readonly cases: DemoCaseSeeder,
    private readonly referrals: DemoReferralSeeder,
    private readonly failures: SignInFailuresService,
    private readonly clock: Clock,
  ) {}

  async run(options: { password: string }): Promise<DemoSeedReport> {
    assertDemoPassword(options.password);

    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [DEMO_SEED_LOCK_KEY]);
      try {
        // One instant for the whole demo: the cases' and referrals' times are laid out back from it.
        const now = this.clock.now();
        const organisations = await this.organisations.seed();
        const users: DemoUserRow[] = [];
        for (const spec of DEMO_USERS) users.push(await this.seedUser(spec, organisations, options.password));
        const legalAid = organisations.find((o) => o.key === DEMO_ORGANISATION.key)!;
        const cases = await this.cases.seed(legalAid.id, now);
        const referrals = await this.referrals.seed(cases.caseIds, organisations, now);
        return { organisations, users, cases: cases.report, referrals };
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [DEMO_SEED_LOCK_KEY]);
      }
    } finally {
      await lock.release();
    }
  }

  private async seedUser(spec: DemoUserSpec, organisations: readonly DemoOrganisationRow[], password: string): Promise<DemoUserRow> {
    const communeCodes = COMMUNE_ROLES.includes(spec.role) ? [...spec.communeCodes] : [];
    const organisationId = spec.organisation ? organisations.find((o) => o.key === spec.organisation)?.id : undefined;
    if (spec.role === Role.Partner && !organisationId) throw new Error(`demo user ${spec.username}: unknown demo organisation ${spec.organisation}`);
    const existing = (await this.dataSource.query(
      `SELECT u.id, u.role, u.province_code, u.organisation_id, u.active, u.must_change_password, u.password_hash,
              EXISTS (SELECT 1 FROM sign_in_failure f WHERE f.key = 'u:' || lower(u.username) OR f.key LIKE 'ua:' || lower(u.username) || '|%') AS failed
         FROM app_user u WHERE lower(u.username) = lower($1)`,
      [spec.username],
    )) as {
      id: string;
      role: Role;
      province_code: string;
      organisation_id: string | null;
      active: boolean;
      must_change_password: boolean;
      failed: boolean;
      password_hash: string;
    }[];
    const row = existing[0];

    if (!row) {
      const dto = Object.assign(new CreateUserDto(), {
        username: spec.username,
        fullName: spec.fullName,
        role: spec.role,
        provinceCode: DEMO_PROVINCE,
        communeCodes,
        organisationId,
        password,
      });
      // The operator's act, with a password the README publishes: not a temporary one.
      const created = await this.users.provision({ ...dto, provinceCode: DEMO_PROVINCE }, { temporaryPassword: false });
      return { username: spec.username, role: created.role, scope: describeScope(created, organisations), outcome: 'created' };
    }

    // An existing user is left as it is, except that the demo password must work
    // (the README promises it): a changed password, a lockout or a disabled account is undone;
    // and the demo cases need their communes: missing ones are added (others are kept), as for
    // users seeded before the demo had four communes.
    const usable = row.active && !row.must_change_password && !row.failed && (await verifyPassword(row.password_hash, password));
    // Failed sign-ins (a lockout, or one on its way) are forgotten with the reset below.
    if (row.failed) await this.failures.clear(spec.username);
    const current = (
      (await this.dataSource.query(`SELECT commune_code FROM user_commune WHERE user_id = $1 ORDER BY commune_code`, [row.id])) as { commune_code: string }[]
    ).map((c) => c.commune_code);
    const missing = COMMUNE_ROLES.includes(row.role) ? communeCodes.filter((c) => !current.includes(c)) : [];
    const communesAfter = [...current, ...missing].sort();
    if (!usable || missing.length) {
      await this.users.operatorUpdate(
        row.id,
        Object.assign(new UpdateUserDto(), { ...(!usable && { password, active: true }), ...(missing.length > 0 && { communeCodes: communesAfter }) }),
        { temporaryPassword: false },
      );
    }
    const scope = describeScope({ provinceCode: row.province_code, communeCodes: communesAfter, organisationId: row.organisation_id }, organisations);
    const outcomes = [...(usable ? [] : ['password reset']), ...(missing.length ? ['communes added'] : [])];
    return { username: spec.username, role: row.role, scope, outcome: (outcomes.join(', ') || 'unchanged') as DemoUserOutcome };
  }
}

function describeScope(
  user: { provinceCode: string; communeCodes: string[]; organisationId: string | null },
  organisations: readonly DemoOrganisationRow[],
): string {
  const parts = [`province ${user.provinceCode}`];
  if (user.communeCodes.length) parts.push(`communes ${user.communeCodes.join(', ')}`);
  if (user.organisationId) parts.push(organisations.find((o) => o.id === user.organisationId)?.name ?? `organisation ${user.organisationId}`);
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
