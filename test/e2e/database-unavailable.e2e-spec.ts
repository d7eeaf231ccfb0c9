import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { PASSWORD, signedIn, SignedIn } from '../support/factories';

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the database busy or gone', () => {
  let api: TestApi;
  let supervisor: SignedIn;
  /** Outside the app's pool: watches and disturbs the app's one connection. */
  let observer: Client;

  beforeAll(async () => {
    // The database is cloned from the migrated template; migrating at start-up would need a second connection (the advisory lock holds one).
    api = await startApi({ DB_POOL_SIZE: '1', DB_POOL_ACQUIRE_TIMEOUT_MS: '500', DB_MIGRATIONS_RUN: 'false' });
    supervisor = await signedIn(api, Role.Supervisor);
    observer = new Client({ connectionString: api.databaseUrl });
    await observer.connect();
  });
  afterAll(async () => {
    await observer.end();
    await api.close();
  });
  afterEach(() => jest.restoreAllMocks());

  /** The app's backend (its pool holds one) running `query`, once it runs it. */
  const appBackend = (condition: string) =>
    waitFor(async () => {
      const { rows } = await observer.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${condition}`,
      );
      return rows[0]?.pid;
    }, condition);

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After when no pool connection frees up in time, and logs why', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    // The app's only connection, busy for longer than the acquire timeout.
    const held = api.db.transaction((m) => m.query(`SELECT pg_sleep(3)`));
    await appBackend(`query LIKE '%pg_sleep(3)%'`);

    const res = await api.http.get('/api/v1/cases').set(supervisor.auth);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), details: [] },
      requestId: res.headers['x-request-id'],
    });
    const [logged] = warn.mock.calls.find(([, msg]) => msg === 'database unavailable') ?? [];
    expect(logged).toEqual(expect.objectContaining({ err: expect.objectContaining({ type: 'Error', message: 'timeout exceeded when trying to connect' }) }));

    // Not a wrong password either.
    const login = await api.http.post('/api/v1/auth/login').send({ username: supervisor.user.username, password: PASSWORD });
    expect([login.status, login.body.error?.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);

    await held;
    await api.http.get('/api/v1/cases').set(supervisor.auth).expect(200);
  });

  it('answers 503 when the connection is lost during the request, and serves the next one', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    // The request's query waits on this lock, so its backend can be terminated mid-request.
    await observer.query('BEGIN');
    await observer.query('LOCK TABLE "case" IN ACCESS EXCLUSIVE MODE');
    let res;
    try {
      const pending = api.http
        .get('/api/v1/cases')
        .set(supervisor.auth)
        .then((r) => r);
      await observer.query('SELECT pg_terminate_backend($1)', [await appBackend(`wait_event_type = 'Lock'`)]);
      res = await pending;
    } finally {
      await observer.query('ROLLBACK');
    }
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    // The server's own words (57P01, terminated by an administrator), without the query or its parameters.
    const [logged] = warn.mock.calls.find(([, msg]) => msg === 'database unavailable') ?? [];
    expect(logged).toEqual(
      expect.objectContaining({ err: expect.objectContaining({ type: 'QueryFailedError', message: 'database error 57P01', code: '57P01' }) }),
    );

    await api.http.get('/api/v1/cases').set(supervisor.auth).expect(200);
  });
});
