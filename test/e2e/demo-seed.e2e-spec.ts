import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CONCERN_TYPES, REFERRAL_STATUSES, Role, SERVICE_TYPES, STAGES } from '@haven/domain';
import { CliModule } from '../../apps/cli/src/cli.module';
import { DEMO_CASES } from '../../apps/cli/src/demo/demo-cases';
import { DEMO_COMMUNES, DEMO_ORGANISATION, DEMO_ORGANISATIONS, DEMO_PASSWORD_DEFAULT, DEMO_USERS } from '../../apps/cli/src/demo/demo-data';
import { DEMO_REFERRALS } from '../../apps/cli/src/demo/demo-referrals';
import { DemoSeedService, WeakDemoPasswordError } from '../../apps/cli/src/demo/demo-seed.service';
import { startApi, TestApi } from '../support/app';
import { login } from '../support/factories';

// argon2 hashes and verifies dozens of passwords, and 36 cases and 16 referrals are walked through
// the services: slow on a small machine.
jest.setTimeout(180_000);

const ROOT = join(__dirname, '../..');

/** The personal names the demo invents: none may ever appear in what the seed prints or logs. */
const PERSONAL_NAMES = [
  ...DEMO_CASES.flatMap((c) => ('sameChildAs' in c.child ? [] : [c.child.fullName, ...c.child.caregivers.map((g) => g.name)])),
  ...DEMO_CASES.flatMap((c) => (c.reporter?.name ? [c.reporter.name] : [])),
];
const CHILD_NAMES = DEMO_CASES.flatMap((c) => ('sameChildAs' in c.child ? [] : [c.child.fullName]));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('demo seed (npm run seed:demo)', () => {
  let api: TestApi;
  let cli: INestApplicationContext;
  let seed: DemoSeedService;
  beforeAll(async () => {
    api = await startApi();
    // The CLI's own module (startApi pointed DATABASE_URL at this test's database).
    cli = await NestFactory.createApplicationContext(CliModule, { logger: false });
    seed = cli.get(DemoSeedService);
  });
  afterAll(async () => {
    await cli?.close();
    await api?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await api.db.query(sql, params))[0].n);
  const demoCases = `SELECT count(*) AS n FROM "case"`;
  const referralsByStatus = async () =>
    Object.fromEntries(
      ((await api.db.query(`SELECT status, count(*)::int AS n FROM referral GROUP BY status`)) as { status: string; n: number }[]).map((r) => [r.status, r.n]),
    );

  it('seed:demo (the command) creates the organisations, the demo users, the cases and the referrals, and prints counts but never a name', async () => {
    // The real entry point, TypeScript transpiled on the fly, on this test's database.
    const run = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/cli/src/main.ts', 'seed:demo'],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: api.databaseUrl, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), DEMO_PASSWORD: '' },
        timeout: 170_000,
        maxBuffer: 10 * 1024 * 1024,
      },
    );
    for (const u of DEMO_USERS) expect(run.stdout).toMatch(new RegExp(`^ +${u.username} +${u.role} .* created$`, 'm'));
    expect(run.stdout).toContain(`Demo partner organisations in Huế (${DEMO_ORGANISATIONS.length}; ${DEMO_ORGANISATIONS.length} created by this run)`);
    for (const o of DEMO_ORGANISATIONS)
      expect(run.stdout).toMatch(new RegExp(`^ +${o.serviceTypes.join(', ')} +${escape(o.name)} +${o.partner.username} +created$`, 'm'));
    expect(run.stdout).toContain(`Demo cases by stage (${DEMO_CASES.length} created by this run, 0 already there)`);
    for (const stage of STAGES) expect(run.stdout).toMatch(new RegExp(`^ +${stage} +[1-9]\\d*$`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^ +total +${DEMO_CASES.length}$`, 'm'));
    expect(run.stdout).toContain(`Demo referrals by status (${DEMO_REFERRALS.length} created by this run, 0 already there)`);
    for (const status of REFERRAL_STATUSES) expect(run.stdout).toMatch(new RegExp(`^ +${status} +[1-9]\\d*$`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^ +total +${DEMO_REFERRALS.length}$`, 'm'));
    // Child data must never be printed or logged (nor anyone else's name).
    expect(CHILD_NAMES.length).toBeGreaterThanOrEqual(30);
    const output = `${run.stdout}\n${run.stderr}`;
    for (const name of PERSONAL_NAMES) expect(output).not.toContain(name);
  });

  it('made demo users who can sign in, with their scopes', async () => {
    expect(await count(`SELECT count(*) AS n FROM organisation WHERE name = '${DEMO_ORGANISATION.name}'`)).toBe(1);
    const organisationIds = new Map(
      ((await api.db.query(`SELECT id, name FROM organisation`)) as { id: string; name: string }[]).map((o) => [o.name, o.id] as const),
    );
    for (const u of DEMO_USERS) {
      const { user } = await login(api, u.username, DEMO_PASSWORD_DEFAULT);
      expect(user.role).toBe(u.role);
      expect(user.provinceCode).toBe('46');
      expect(user.communeCodes).toEqual([...u.communeCodes].sort());
      // A partner belongs to its demo organisation.
      const organisation = DEMO_ORGANISATIONS.find((o) => o.key === u.organisation);
      expect([u.username, user.organisationId]).toEqual([u.username, organisation ? organisationIds.get(organisation.name) : null]);
    }
    const { user: caseworker } = await login(api, 'demo-caseworker', DEMO_PASSWORD_DEFAULT);
    expect(caseworker.communeCodes).toEqual(['19753', '19774']);
  });

  it('loads a few dozen cases in every stage, over every concern type', async () => {
    const total = await count(demoCases);
    expect(total).toBeGreaterThanOrEqual(30);
    expect(total).toBe(DEMO_CASES.length);
    const stages = (await api.db.query(`SELECT stage, count(*)::int AS n FROM "case" GROUP BY stage`)) as { stage: string; n: number }[];
    expect(stages.map((s) => s.stage).sort()).toEqual([...STAGES].sort());
    const concerns = (await api.db.query(`SELECT DISTINCT unnest(concern_types) AS t FROM "case"`)) as { t: string }[];
    expect(concerns.map((c) => c.t).sort()).toEqual([...CONCERN_TYPES].sort());
    // Received over the last six months or so, in the order of their case numbers.
    const received = (await api.db.query(`SELECT received_at FROM "case" ORDER BY case_number`)) as { received_at: Date }[];
    const times = received.map((r) => r.received_at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Date.now() - times[0]).toBeGreaterThan(150 * 86_400_000);
    expect(Date.now() - times[0]).toBeLessThan(200 * 86_400_000);
    // Children with more than one case.
    expect(await count(`SELECT count(*) AS n FROM (SELECT child_id FROM "case" GROUP BY child_id HAVING count(*) > 1) x`)).toBeGreaterThanOrEqual(3);
  });

  it('made every case through the services: timelines start with case.opened by the opener, the access log has the writes', async () => {
    const firsts = (await api.db.query(
      `SELECT c.id, c.created_by, c.version,
              (SELECT e.type FROM case_event e WHERE e.case_id = c.id ORDER BY e.id LIMIT 1) AS first_type,
              (SELECT e.actor_id FROM case_event e WHERE e.case_id = c.id ORDER BY e.id LIMIT 1) AS first_actor,
              (SELECT count(*)::int FROM case_access_log l WHERE l.case_id = c.id AND l.action = 'write') AS writes
         FROM "case" c`,
    )) as { id: string; created_by: string; version: number; first_type: string; first_actor: string; writes: number }[];
    for (const c of firsts) {
      expect(c.first_type).toBe('case.opened');
      expect(c.first_actor).toBe(c.created_by);
      // One write for the intake, one per command (each bumps the version), more for notes and consents.
      expect(c.writes).toBeGreaterThanOrEqual(c.version);
    }
    const events = async (type: string) => count(`SELECT count(*) AS n FROM case_event WHERE type = $1`, [type]);
    for (const type of ['plan.rejected', 'case.reopened', 'closure.rejected', 'separation.started', 'separation.ended', 'emergency_measures.recorded'])
      expect(await events(type)).toBeGreaterThan(0);
  });

  it('has the records a newcomer should find: plans, safety, notes, consents, closures and a reopened case', async () => {
    // A plan rejected then approved, and one amended to version 2 (the first superseded).
    expect(
      await count(
        `SELECT count(*) AS n FROM plan a JOIN plan b ON b.case_id = a.case_id AND b.version_no = 2 AND b.status = 'approved' WHERE a.version_no = 1 AND a.status = 'rejected'`,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM plan a JOIN plan b ON b.case_id = a.case_id AND b.version_no = 2 AND b.status = 'approved' WHERE a.version_no = 1 AND a.status = 'superseded'`,
      ),
    ).toBe(1);
    // An emergency measure and a separation under way on a high-risk open case.
    expect(
      await count(
        `SELECT count(*) AS n FROM "case" c WHERE c.risk_level = 'high' AND c.stage <> 'closed'
            AND EXISTS (SELECT 1 FROM emergency_measure m WHERE m.case_id = c.id)
            AND EXISTS (SELECT 1 FROM separation s WHERE s.case_id = c.id AND s.ended_at IS NULL)`,
      ),
    ).toBe(1);
    const visibilities = (await api.db.query(`SELECT DISTINCT visibility FROM case_note ORDER BY 1`)) as { visibility: string }[];
    expect(visibilities.map((v) => v.visibility)).toEqual(['internal', 'shared']);
    expect(await count(`SELECT count(*) AS n FROM consent WHERE 'sharing' = ANY(scopes) AND withdrawn_at IS NULL`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM consent WHERE NOT ('sharing' = ANY(scopes))`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM consent WHERE withdrawn_at IS NOT NULL`)).toBeGreaterThan(0);
    const reasons = (await api.db.query(`SELECT DISTINCT closure_reason AS r FROM "case" WHERE stage = 'closed'`)) as { r: string }[];
    expect(reasons.map((r) => r.r)).toEqual(expect.arrayContaining(['resolved', 'unfounded', 'transferred', 'duplicate']));
    expect(await count(`SELECT count(*) AS n FROM "case" WHERE reopen_count > 0 AND stage <> 'closed'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM "case" WHERE stage = 'review' AND closure_request_reason = 'resolved'`)).toBe(1);
  });

  it('shows each demo user the cases of their scope', async () => {
    const total = async (username: string) => {
      const { auth } = await login(api, username, DEMO_PASSWORD_DEFAULT);
      const res = await api.http.get('/api/v1/cases').set(auth);
      expect(res.status).toBe(200);
      return (res.body as { total: number }).total;
    };
    expect(await total('demo-supervisor')).toBe(DEMO_CASES.length);
    expect(await total('demo-manager')).toBe(DEMO_CASES.length);
    const [one, two] = [await total('demo-caseworker'), await total('demo-caseworker2')];
    expect(one).toBeGreaterThan(10);
    expect(two).toBeGreaterThan(10);
    // The unassigned reports wait for the supervisor; the intake officer still sees those they opened.
    expect(one + two).toBe(DEMO_CASES.length - (await count(`SELECT count(*) AS n FROM "case" WHERE assignee_id IS NULL`)));
    expect(await total('demo-intake')).toBeGreaterThan(0);
  });

  it('has an active Huế organisation with exactly one partner user for every service type, found by staff in every demo ward', async () => {
    const organisations = (await api.db.query(
      `SELECT o.id, o.name, o.service_types, o.province_code, o.active, o.contact_email, o.contact_phone,
              (SELECT count(*)::int FROM app_user u WHERE u.organisation_id = o.id AND u.role = 'partner') AS partners
         FROM organisation o WHERE o.name = ANY($1)`,
      [DEMO_ORGANISATIONS.map((o) => o.name)],
    )) as { id: string; name: string; service_types: string[]; province_code: string; active: boolean; contact_email: string; partners: number }[];
    expect(organisations).toHaveLength(DEMO_ORGANISATIONS.length);
    for (const o of organisations)
      expect(o).toMatchObject({ province_code: '46', active: true, partners: 1, contact_email: expect.stringMatching(/@example\.org$/) });
    for (const serviceType of SERVICE_TYPES) expect(organisations.some((o) => o.service_types.includes(serviceType))).toBe(true);

    // What a caseworker finds when referring: every service, in every demo ward.
    const { auth } = await login(api, 'demo-supervisor', DEMO_PASSWORD_DEFAULT);
    for (const serviceType of SERVICE_TYPES) {
      for (const communeCode of DEMO_COMMUNES) {
        const res = await api.http.get('/api/v1/organisations').query({ serviceType, communeCode }).set(auth);
        expect([serviceType, communeCode, res.status, (res.body as { total: number }).total > 0]).toEqual([serviceType, communeCode, 200, true]);
      }
    }
  });

  it('has referrals in every status, sent and answered through the services', async () => {
    const byStatus = await referralsByStatus();
    for (const status of REFERRAL_STATUSES) expect([status, (byStatus[status] ?? 0) > 0]).toEqual([status, true]);
    expect(await count(`SELECT count(*) AS n FROM referral`)).toBe(DEMO_REFERRALS.length);
    // Every step is on the case's timeline, the partner's with the partner user of the receiving organisation as actor.
    expect(await count(`SELECT count(*) AS n FROM case_event WHERE type = 'referral.sent'`)).toBe(DEMO_REFERRALS.length);
    expect(
      await count(
        `SELECT count(*) AS n FROM case_event e JOIN referral r ON r.id = (e.payload->>'referralId')::uuid JOIN app_user u ON u.id = e.actor_id
          WHERE e.type IN ('referral.accepted', 'referral.declined', 'referral.updated', 'referral.completed')
            AND (u.role <> 'partner' OR u.organisation_id <> r.organisation_id)`,
      ),
    ).toBe(0);
    // Updates on every accepted and completed one (completed: an outcome too, a check of the table), shared notes on some.
    expect(
      await count(
        `SELECT count(*) AS n FROM referral r WHERE r.status IN ('accepted', 'completed') AND NOT EXISTS (SELECT 1 FROM referral_update u WHERE u.referral_id = r.id)`,
      ),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM referral WHERE cardinality(shared_note_ids) > 0`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM referral WHERE plan_action_id IS NOT NULL`)).toBeGreaterThan(0);
    // The emergency referral a supervisor sent without consent: its justification is a decision note, the override is on the timeline.
    const overrides = (await api.db.query(
      `SELECT r.urgency, u.role, n.kind, (SELECT count(*)::int FROM case_event e WHERE e.type = 'consent.overridden' AND e.payload->>'referralId' = r.id::text) AS events
         FROM referral r JOIN app_user u ON u.id = r.created_by JOIN case_decision_note n ON n.id = r.override_note_id WHERE r.consent_override`,
    )) as { urgency: string; role: string; kind: string; events: number }[];
    expect(overrides).toEqual([{ urgency: 'emergency', role: Role.Supervisor, kind: 'consent_override', events: 1 }]);
    expect(await count(`SELECT count(*) AS n FROM referral WHERE urgency = 'emergency' AND NOT consent_override`)).toBeGreaterThan(0);
  });

  it('shows a demo partner only its own organisation’s referrals (GET /referrals), and 404 on another’s', async () => {
    const inbox = async (username: string) => {
      const { auth, user } = await login(api, username, DEMO_PASSWORD_DEFAULT);
      const res = await api.http.get('/api/v1/referrals').query({ pageSize: 100 }).set(auth);
      expect(res.status).toBe(200);
      const page = res.body as { total: number; items: { id: string; organisation: { id: string } }[] };
      const own = await count(`SELECT count(*) AS n FROM referral WHERE organisation_id = $1`, [user.organisationId]);
      expect(page.total).toBe(own);
      expect(page.items).toHaveLength(own);
      for (const item of page.items) expect(item.organisation.id).toBe(user.organisationId);
      return { auth, user, page };
    };
    const legalAid = await inbox('demo-partner');
    expect(legalAid.page.total).toBeGreaterThanOrEqual(3);
    expect(legalAid.page.total).toBeLessThan(DEMO_REFERRALS.length);
    const counselling = await inbox('demo-partner-counselling');
    expect(counselling.page.total).toBeGreaterThan(0);
    // Every partner's inbox is its own, even when empty.
    for (const o of DEMO_ORGANISATIONS.slice(2)) await inbox(o.partner.username);

    const other = counselling.page.items[0].id;
    expect((await api.http.get(`/api/v1/referrals/${other}`).set(legalAid.auth)).status).toBe(404);
    expect((await api.http.get(`/api/v1/referrals/${legalAid.page.items[0].id}`).set(legalAid.auth)).status).toBe(200);
  });

  it('is idempotent: a second run changes nothing and adds no organisation, case, consent or referral', async () => {
    const before = async () => ({
      events: await count(`SELECT count(*) AS n FROM case_event`),
      consents: await count(`SELECT count(*) AS n FROM consent`),
      updates: await count(`SELECT count(*) AS n FROM referral_update`),
      organisations: await count(`SELECT count(*) AS n FROM organisation`),
      referrals: await referralsByStatus(),
    });
    const first = await before();
    const report = await seed.run({ password: DEMO_PASSWORD_DEFAULT });
    expect(report.organisations.map((o) => [o.name, o.outcome])).toEqual(DEMO_ORGANISATIONS.map((o) => [o.name, 'unchanged']));
    expect(report.users.every((u) => u.outcome === 'unchanged')).toBe(true);
    const byStage = (await api.db.query(`SELECT stage, count(*)::int AS n FROM "case" GROUP BY stage`)) as { stage: string; n: number }[];
    expect(report.cases).toEqual({ created: 0, existing: DEMO_CASES.length, byStage: Object.fromEntries(byStage.map((s) => [s.stage, s.n])) });
    expect(report.referrals).toEqual({ created: 0, existing: DEMO_REFERRALS.length, skipped: 0, byStatus: first.referrals });
    expect(await count(`SELECT count(*) AS n FROM app_user WHERE username LIKE 'demo-%'`)).toBe(DEMO_USERS.length);
    expect(await count(`SELECT count(*) AS n FROM organisation WHERE name = '${DEMO_ORGANISATION.name}'`)).toBe(1);
    expect(await count(demoCases)).toBe(DEMO_CASES.length);
    expect(await before()).toEqual(first);
  });

  it('runs safely twice at once (the advisory lock serialises them)', async () => {
    await Promise.all([seed.run({ password: DEMO_PASSWORD_DEFAULT }), seed.run({ password: DEMO_PASSWORD_DEFAULT })]);
    expect(await count(`SELECT count(*) AS n FROM app_user WHERE username LIKE 'demo-%'`)).toBe(DEMO_USERS.length);
    expect(await count(demoCases)).toBe(DEMO_CASES.length);
  });

  it('gives a demo organisation back what the demo needs, and leaves out (with a warning) a missing referral its case no longer allows', async () => {
    // As the first demo organisation was written before the organisations service: no contacts.
    await api.db.query(`UPDATE organisation SET contact_email = NULL, contact_phone = NULL WHERE name = $1`, [DEMO_ORGANISATION.name]);
    const shelter = DEMO_ORGANISATIONS.find((o) => o.key === 'shelter')!;
    await api.db.query(`UPDATE organisation SET active = false, service_types = '{other}' WHERE name = $1`, [shelter.name]);
    // R15 looks missing (its reason changed), but the pending referral it would duplicate is still there: the service refuses it.
    const r15 = DEMO_REFERRALS.find((r) => r.key === 'R15')!;
    await api.db.query(`UPDATE referral SET reason = reason || ' (sửa)' WHERE reason = $1`, [r15.reason]);
    try {
      const report = await seed.run({ password: DEMO_PASSWORD_DEFAULT });
      expect(report.organisations.filter((o) => o.outcome !== 'unchanged').map((o) => [o.name, o.outcome])).toEqual([
        [DEMO_ORGANISATION.name, 'updated'],
        [shelter.name, 'updated'],
      ]);
      const rows = (await api.db.query(`SELECT name, contact_email, contact_phone, active, service_types FROM organisation WHERE name = ANY($1)`, [
        [DEMO_ORGANISATION.name, shelter.name],
      ])) as { name: string; contact_email: string; contact_phone: string; active: boolean; service_types: string[] }[];
      expect(rows.find((r) => r.name === DEMO_ORGANISATION.name)).toMatchObject({
        contact_email: DEMO_ORGANISATION.contactEmail,
        contact_phone: DEMO_ORGANISATION.contactPhone,
      });
      // Its other service is kept.
      expect(rows.find((r) => r.name === shelter.name)).toMatchObject({ active: true, service_types: ['other', 'emergency_shelter'] });
      expect(report.referrals).toMatchObject({ created: 0, existing: DEMO_REFERRALS.length - 1, skipped: 1 });
      expect(await count(`SELECT count(*) AS n FROM referral`)).toBe(DEMO_REFERRALS.length);
    } finally {
      await api.db.query(`UPDATE referral SET reason = $1 WHERE reason = $2`, [r15.reason, `${r15.reason} (sửa)`]);
    }
  });

  it('makes the demo password work again when it was changed or the account locked', async () => {
    await api.db.query(
      `INSERT INTO sign_in_failure (key, failures, window_started_at, locked_until) VALUES ('u:demo-admin', 50, now(), now() + interval '1 hour')`,
    );
    const report = await seed.run({ password: 'Another-demo-pass-1' });
    expect(report.users.every((u) => u.outcome === 'password reset')).toBe(true);
    await login(api, 'demo-admin', 'Another-demo-pass-1');
  });

  it('gives back the communes the demo needs to a demo user who lost some, keeping the others', async () => {
    await api.db.query(`DELETE FROM user_commune WHERE commune_code = '19789' AND user_id = (SELECT id FROM app_user WHERE username = 'demo-supervisor')`);
    const report = await seed.run({ password: 'Another-demo-pass-1' });
    expect(report.users.find((u) => u.username === 'demo-supervisor')?.outcome).toBe('communes added');
    expect(report.users.filter((u) => u.username !== 'demo-supervisor').every((u) => u.outcome === 'unchanged')).toBe(true);
    const { user } = await login(api, 'demo-supervisor', 'Another-demo-pass-1');
    expect(user.communeCodes).toEqual(['19753', '19774', '19777', '19789']);
  });

  it('refuses a DEMO_PASSWORD that breaks the policy, without echoing it', async () => {
    const err = await seed.run({ password: 'short' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeakDemoPasswordError);
    expect((err as Error).message).not.toContain('short');
  });
});
