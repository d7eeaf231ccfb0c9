import { UsersService } from '@haven/auth';
import { DEMO_ORGANISATION, DEMO_PASSWORD_DEFAULT, DEMO_USERS } from '../../apps/cli/src/demo/demo-data';
import { DemoSeedService, WeakDemoPasswordError } from '../../apps/cli/src/demo/demo-seed.service';
import { startApi, TestApi } from '../support/app';
import { login } from '../support/factories';

// argon2 hashes and verifies dozens of passwords here: slow on a small machine.
jest.setTimeout(60_000);

describe('demo seed (npm run seed:demo)', () => {
  let api: TestApi;
  let seed: DemoSeedService;
  beforeAll(async () => {
    api = await startApi();
    seed = new DemoSeedService(api.app.get(UsersService), api.db);
  });
  afterAll(() => api.close());

  const count = async (sql: string) => Number((await api.db.query(sql))[0].n);

  it('creates the organisation and one user per role, each able to sign in', async () => {
    const report = await seed.run({ password: DEMO_PASSWORD_DEFAULT });
    expect(report.organisation.created).toBe(true);
    expect(report.users.map((u) => [u.username, u.outcome])).toEqual(DEMO_USERS.map((u) => [u.username, 'created']));
    for (const u of DEMO_USERS) {
      const { user } = await login(api, u.username, DEMO_PASSWORD_DEFAULT);
      expect(user.role).toBe(u.role);
      expect(user.provinceCode).toBe('46');
    }
    const { user: partner } = await login(api, 'demo-partner', DEMO_PASSWORD_DEFAULT);
    expect(partner.organisationId).toBe(report.organisation.id);
    const { user: caseworker } = await login(api, 'demo-caseworker', DEMO_PASSWORD_DEFAULT);
    expect(caseworker.communeCodes).toEqual(['19753', '19774']);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const report = await seed.run({ password: DEMO_PASSWORD_DEFAULT });
    expect(report.organisation.created).toBe(false);
    expect(report.users.every((u) => u.outcome === 'unchanged')).toBe(true);
    expect(await count(`SELECT count(*) AS n FROM app_user WHERE username LIKE 'demo-%'`)).toBe(DEMO_USERS.length);
    expect(await count(`SELECT count(*) AS n FROM organisation WHERE name = '${DEMO_ORGANISATION.name}'`)).toBe(1);
  });

  it('runs safely twice at once (the advisory lock serialises them)', async () => {
    await Promise.all([seed.run({ password: DEMO_PASSWORD_DEFAULT }), seed.run({ password: DEMO_PASSWORD_DEFAULT })]);
    expect(await count(`SELECT count(*) AS n FROM app_user WHERE username LIKE 'demo-%'`)).toBe(DEMO_USERS.length);
  });

  it('makes the demo password work again when it was changed or the account locked', async () => {
    await api.db.query(`UPDATE app_user SET locked_until = now() + interval '1 hour' WHERE username = 'demo-admin'`);
    const report = await seed.run({ password: 'Another-demo-pass-1' });
    expect(report.users.every((u) => u.outcome === 'password reset')).toBe(true);
    await login(api, 'demo-admin', 'Another-demo-pass-1');
  });

  it('refuses a DEMO_PASSWORD that breaks the policy, without echoing it', async () => {
    const err = await seed.run({ password: 'short' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeakDemoPasswordError);
    expect((err as Error).message).not.toContain('short');
  });
});
