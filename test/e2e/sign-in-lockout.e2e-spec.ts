import { randomBytes } from 'node:crypto';
import { Role } from '@haven/domain';
import type { Response } from 'supertest';
import { startApi, TestApi } from '../support/app';
import { newUser, PASSWORD } from '../support/factories';

/*
 * Issue 10, item 5. Before: trustProxy was on, so rotating X-Forwarded-For values gave every
 * guess a fresh address; a lockout was per account, so anyone could lock anyone out; a locked
 * account answered 429 (only real usernames lock), and an unknown username answered in ~7 ms
 * against ~180 ms for a wrong password. Now failures are counted per (username, address), with a
 * higher ceiling per username, for unknown usernames alike, and every refusal costs the same.
 */

const WRONG = 'Wrong-password-1';
let octet = 0;
/** A client address of its own (TEST-NET-3), as named by the trusted proxy. */
const address = () => `203.0.113.${++octet}`;
const unknownName = () => `nobody-${randomBytes(4).toString('hex')}`;

/** The answer without what differs by request. */
const answer = (res: Response) => {
  const { requestId: _requestId, ...body } = res.body as { requestId?: string };
  return { status: res.status, body: JSON.stringify(body), retryAfter: res.headers['retry-after'] };
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

describe('sign-in lockout behind a trusted proxy (issue 10, item 5)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ TRUSTED_PROXIES: '127.0.0.1', AUTH_LOCKOUT_THRESHOLD: '3', AUTH_USERNAME_CEILING: '8' });
  });
  afterAll(() => api.close());

  const signIn = (username: string, password: string, from: string) =>
    api.http.post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });
  async function fail(username: string, from: string, times: number): Promise<void> {
    for (let i = 0; i < times; i++) await signIn(username, WRONG, from).expect(401);
  }

  it('locks a guesser out from its own address only: the owner elsewhere still signs in, and the lock looks like any wrong password', async () => {
    const user = await newUser(api, Role.Caseworker);
    const guesser = address();
    await fail(user.username, guesser, 3);
    const locked = await signIn(user.username, PASSWORD, guesser);
    const unknown = await signIn(unknownName(), WRONG, address());
    expect(answer(locked)).toEqual(answer(unknown));
    expect(answer(locked)).toEqual(expect.objectContaining({ status: 401, retryAfter: undefined }));
    expect(locked.body.error.code).toBe('INVALID_CREDENTIALS');
    // An outsider cannot lock a user out from everywhere.
    await signIn(user.username, PASSWORD, address()).expect(200);
  });

  it('stops guessing spread over many addresses with the per-username ceiling, lifted when its time has passed', async () => {
    const user = await newUser(api, Role.Caseworker);
    // Seven failures from seven addresses, each far below the per-address threshold: no lock yet.
    for (let i = 0; i < 7; i++) await fail(user.username, address(), 1);
    await signIn(user.username, PASSWORD, address()).expect(200);
    // The eighth reaches the ceiling: now even the right password from a fresh address is refused.
    await fail(user.username, address(), 1);
    const refused = await signIn(user.username, PASSWORD, address()).expect(401);
    expect(refused.body.error.code).toBe('INVALID_CREDENTIALS');
    const name = user.username.toLowerCase();
    await api.db.query(
      `UPDATE sign_in_failure SET locked_until = now() - interval '1 s', window_started_at = now() - interval '2 hours' WHERE key = $1 OR key LIKE $2`,
      [`u:${name}`, `ua:${name}|%`],
    );
    await signIn(user.username, PASSWORD, address()).expect(200);
  });

  it('counts and locks unknown usernames exactly like real ones, so a lockout tells nothing about which exist', async () => {
    const user = await newUser(api, Role.Caseworker);
    const made = unknownName();
    const from = address();
    await fail(user.username, from, 3);
    await fail(made, from, 3);
    const real = await signIn(user.username, PASSWORD, from);
    const madeUp = await signIn(made, PASSWORD, from);
    expect(answer(madeUp)).toEqual(answer(real));
    expect(real.status).toBe(401);
    // Both pairs are locked in the same way.
    const rows: { key: string; failures: number; locked: boolean }[] = await api.db.query(
      `SELECT key, failures, locked_until > now() AS locked FROM sign_in_failure WHERE key IN ($1, $2) ORDER BY key = $1 DESC`,
      [`ua:${user.username.toLowerCase()}|${from}`, `ua:${made.toLowerCase()}|${from}`],
    );
    expect(rows.map(({ failures, locked }) => ({ failures, locked }))).toEqual([
      { failures: 4, locked: true },
      { failures: 4, locked: true },
    ]);
  });

  it('takes as long to refuse an unknown username or a locked one as a wrong password', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => newUser(api, Role.Caseworker)));
    const lockedUser = await newUser(api, Role.Caseworker);
    const lockedFrom = address();
    await fail(lockedUser.username, lockedFrom, 3);
    // One untimed request first, so nothing below pays for a cold path.
    await signIn(unknownName(), WRONG, address()).expect(401);
    const unknown: number[] = [];
    const wrong: number[] = [];
    const locked: number[] = [];
    const timed = async (into: number[], username: string, password: string, from: string) => {
      const start = process.hrtime.bigint();
      await signIn(username, password, from).expect(401);
      into.push(Number(process.hrtime.bigint() - start) / 1e6);
    };
    for (const user of users) {
      await timed(unknown, unknownName(), WRONG, address());
      await timed(wrong, user.username, WRONG, address());
      await timed(locked, lockedUser.username, PASSWORD, lockedFrom);
    }
    const [u, w, l] = [median(unknown), median(wrong), median(locked)];
    // Medians in milliseconds; a failure shows them (received) against half the wrong-password median.
    expect(u).toBeGreaterThanOrEqual(0.5 * w);
    expect(l).toBeGreaterThanOrEqual(0.5 * w);
  });
});

describe('sign-in lockout without a trusted proxy (issue 10, item 5)', () => {
  let api: TestApi;
  beforeAll(async () => {
    // Explicitly the defaults again: startApi leaves the previous app's variables in process.env.
    api = await startApi({ TRUSTED_PROXIES: '', AUTH_LOCKOUT_THRESHOLD: '3', AUTH_USERNAME_CEILING: '50' });
  });
  afterAll(() => api.close());

  it('ignores rotating X-Forwarded-For values: they do not spread the per-address count', async () => {
    const user = await newUser(api, Role.Caseworker);
    for (let i = 0; i < 3; i++) {
      await api.http.post('/api/v1/auth/login').set('X-Forwarded-For', address()).send({ username: user.username, password: WRONG }).expect(401);
    }
    const res = await api.http.post('/api/v1/auth/login').set('X-Forwarded-For', address()).send({ username: user.username, password: PASSWORD }).expect(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  });
});
