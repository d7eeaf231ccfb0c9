import { createHmac } from 'node:crypto';
import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { login, newUser, PASSWORD } from '../support/factories';

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A JWT signed with the given secret, to forge expired or tampered tokens. */
function jwt(payload: object, secret: string): string {
  const head = b64url({ alg: 'HS256', typ: 'JWT' });
  const body = b64url(payload);
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}

describe('sign-in', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ AUTH_LOCKOUT_THRESHOLD: '3', AUTH_LOCKOUT_SECONDS: '600' });
  });
  afterAll(() => api.close());

  it('signs in with the right password and returns tokens and the profile', async () => {
    const user = await newUser(api, Role.Caseworker);
    const res = await api.http.post('/api/v1/auth/login').send({ username: user.username, password: PASSWORD }).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: expect.stringMatching(/^[0-9a-f-]{36}\.[\w-]{43}$/),
      expiresIn: 900,
      user: expect.objectContaining({ id: user.id, username: user.username, role: 'caseworker', provinceCode: '46', communeCodes: ['19753'] }),
    });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const me = await api.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.id).toBe(user.id);
  });

  it('accepts the username in any case', async () => {
    const user = await newUser(api, Role.Manager);
    await api.http.post('/api/v1/auth/login').send({ username: user.username.toUpperCase(), password: PASSWORD }).expect(200);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const user = await newUser(api, Role.Caseworker);
    const wrong = await api.http.post('/api/v1/auth/login').send({ username: user.username, password: 'Wrong-password-1' }).expect(401);
    const unknown = await api.http.post('/api/v1/auth/login').send({ username: 'nobody-here', password: 'Wrong-password-1' }).expect(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.error).toEqual(wrong.body.error);
  });

  it('refuses a malformed login body with 400 listing the fields', async () => {
    const res = await api.http.post('/api/v1/auth/login').send({ username: 42, extra: true }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'password', 'extra']));
  });

  it('locks a username out after repeated failures, even for the right password, answering as for a wrong password', async () => {
    const user = await newUser(api, Role.Supervisor);
    for (let i = 0; i < 3; i++) await api.http.post('/api/v1/auth/login').send({ username: user.username, password: 'Wrong-password-1' }).expect(401);
    const right = await api.http.post('/api/v1/auth/login').send({ username: user.username, password: PASSWORD }).expect(401);
    const unknown = await api.http.post('/api/v1/auth/login').send({ username: 'nobody-at-all', password: PASSWORD }).expect(401);
    expect(right.body.error).toEqual(unknown.body.error);
    expect(right.headers['retry-after']).toBeUndefined();
    // When the lock has passed, the right password works again and forgets that address's failures.
    await api.db.query(
      `UPDATE sign_in_failure SET locked_until = now() - interval '1 second', window_started_at = now() - interval '1 hour' WHERE key LIKE $1`,
      [`%${user.username}%`],
    );
    await api.http.post('/api/v1/auth/login').send({ username: user.username, password: PASSWORD }).expect(200);
    const rows = await api.db.query(`SELECT key FROM sign_in_failure WHERE key LIKE 'ua:' || $1 || '|%'`, [user.username]);
    expect(rows).toEqual([]);
  });

  it('refuses a disabled user', async () => {
    const user = await newUser(api, Role.Caseworker);
    await api.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [user.id]);
    await api.http.post('/api/v1/auth/login').send({ username: user.username, password: PASSWORD }).expect(401);
  });
});

describe('refresh tokens and bearer tokens', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('rotates: the new pair works, the old refresh token does not', async () => {
    const user = await newUser(api, Role.Caseworker);
    const first = await login(api, user.username);
    const second = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    await api.http.get('/api/v1/me').set('Authorization', `Bearer ${second.body.accessToken}`).expect(200);
    const third = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(200);
    expect(third.body.accessToken).toBeTruthy();
  });

  it('detects re-use of a spent token and revokes the whole chain', async () => {
    const user = await newUser(api, Role.Caseworker);
    const first = await login(api, user.username);
    const second = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    const reuse = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.error.code).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate-looking latest token is dead too: the chain is revoked.
    const latest = await api.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    expect(latest.body.error.code).toBe('INVALID_REFRESH_TOKEN');
    // Another sign-in of the same user is a separate chain and still works.
    const other = await login(api, user.username);
    await api.http.post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
  });

  it('two concurrent uses of one refresh token: one rotation, one re-use', async () => {
    const user = await newUser(api, Role.Caseworker);
    const first = await login(api, user.username);
    const results = await Promise.all([1, 2].map(() => api.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('refuses garbage, forged and expired refresh tokens', async () => {
    await api.http.post('/api/v1/auth/refresh').send({ refreshToken: 'garbage' }).expect(401);
    const user = await newUser(api, Role.Caseworker);
    const { refreshToken } = await login(api, user.username);
    const forged = refreshToken.slice(0, 37) + 'A'.repeat(43);
    expect((await api.http.post('/api/v1/auth/refresh').send({ refreshToken: forged }).expect(401)).body.error.code).toBe('INVALID_REFRESH_TOKEN');
    await api.db.query(`UPDATE refresh_token SET expires_at = now() - interval '1 minute' WHERE id = $1`, [refreshToken.slice(0, 36)]);
    await api.http.post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
  });

  it('logout ends the chain', async () => {
    const user = await newUser(api, Role.Caseworker);
    const session = await login(api, user.username);
    await api.http.post('/api/v1/auth/logout').set(session.auth).send({ refreshToken: session.refreshToken }).expect(204);
    await api.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });

  it('refuses expired, tampered, wrongly signed and missing bearer tokens with 401', async () => {
    const user = await newUser(api, Role.Caseworker);
    const session = await login(api, user.username);
    const secret = process.env.JWT_ACCESS_SECRET!;
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt({ sub: user.id, role: 'caseworker', iat: now - 1000, exp: now - 10 }, secret);
    const wrongKey = jwt({ sub: user.id, role: 'caseworker', iat: now, exp: now + 600 }, 'another-secret-another-secret-another');
    const [h, , s] = session.accessToken.split('.');
    const tampered = `${h}.${b64url({ sub: user.id, role: 'admin', iat: now, exp: now + 600 })}.${s}`;
    const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: user.id, exp: now + 600 })}.`;
    for (const token of [expired, wrongKey, tampered, none, 'not-a-jwt']) {
      const res = await api.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    await api.http.get('/api/v1/me').expect(401);
    // The genuine token still works.
    await api.http.get('/api/v1/me').set(session.auth).expect(200);
  });

  it('stops accepting a valid token once the user is disabled', async () => {
    const user = await newUser(api, Role.Caseworker);
    const session = await login(api, user.username);
    await api.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [user.id]);
    await api.http.get('/api/v1/me').set(session.auth).expect(401);
  });
});

describe('rate limiting of the auth routes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ AUTH_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => api.close());

  it('answers 429 RATE_LIMITED with Retry-After past the limit', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await api.http.post('/api/v1/auth/login').send({ username: `nobody-${i}`, password: 'Whatever-123' });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(last!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
