import { RouteAudit } from '@haven/auth';
import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { newUser, signedIn } from '../support/factories';

describe('deny by default', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('every registered route declares who may call it', () => {
    const routes = api.app.get(RouteAudit).routes();
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const undeclared = routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
    // Public routes are exactly the ones that must be reachable without a token.
    const publicRoutes = routes
      .filter((r) => r.rule?.kind === 'public')
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(publicRoutes).toEqual(['GET health/live', 'GET health/ready', 'GET metrics', 'POST auth/login', 'POST auth/refresh']);
  });

  it('a caller without the role gets 403 FORBIDDEN', async () => {
    const caseworker = await signedIn(api, Role.Caseworker);
    const res = await api.http.get('/api/v1/users').set(caseworker.auth).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    await api.http.post('/api/v1/users').set(caseworker.auth).send({}).expect(403);
  });

  it('signed-in routes need a token (401 before any validation)', async () => {
    const res = await api.http.post('/api/v1/users').send({ bogus: 1 }).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('user management', () => {
  let api: TestApi;
  let adminAuth: { Authorization: string };
  const valid = () => ({
    username: `lan-${Math.random().toString(36).slice(2, 8)}`,
    fullName: 'Nguyễn Thị Lan',
    role: 'caseworker',
    provinceCode: '46',
    communeCodes: ['19753', '19774'],
    password: 'Good-password-2026',
  });

  beforeAll(async () => {
    api = await startApi();
    adminAuth = (await signedIn(api, Role.Admin)).auth;
  });
  afterAll(() => api.close());

  it('unknown fields and wrong types get 400 VALIDATION_FAILED listing each field', async () => {
    const res = await api.http
      .post('/api/v1/users')
      .set(adminAuth)
      .send({ ...valid(), role: 'wizard', provinceCode: 46, communeCodes: 'x', isSuperuser: true })
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = new Set(res.body.error.details.map((d: { field: string }) => d.field));
    expect([...fields].sort()).toEqual(['communeCodes', 'isSuperuser', 'provinceCode', 'role']);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('a body that is not JSON gets 400 INVALID_JSON, not 500', async () => {
    const res = await api.http.post('/api/v1/users').set(adminAuth).set('Content-Type', 'application/json').send('{"username":').expect(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  it('a malformed id gets 400 and an unknown one 404', async () => {
    expect((await api.http.patch('/api/v1/users/not-a-uuid').set(adminAuth).send({}).expect(400)).body.error.details[0].field).toBe('id');
    await api.http.patch('/api/v1/users/4b7c1c1e-0000-4000-8000-000000000000').set(adminAuth).send({ fullName: 'X' }).expect(404);
  });

  it('creates a user, refuses the same username twice, and applies the password policy', async () => {
    const body = valid();
    const created = await api.http.post('/api/v1/users').set(adminAuth).send(body).expect(201);
    expect(created.body).toEqual(expect.objectContaining({ username: body.username, role: 'caseworker', communeCodes: ['19753', '19774'], active: true }));
    expect(created.body).not.toHaveProperty('password');
    expect(created.body).not.toHaveProperty('passwordHash');
    const dup = await api.http
      .post('/api/v1/users')
      .set(adminAuth)
      .send({ ...body, username: body.username.toUpperCase() })
      .expect(409);
    expect(dup.body.error.code).toBe('USERNAME_TAKEN');
    const weak = await api.http
      .post('/api/v1/users')
      .set(adminAuth)
      .send({ ...valid(), password: 'short' })
      .expect(400);
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
  });

  it('refuses places that do not exist or do not match, and roles without their scope', async () => {
    const place = await api.http
      .post('/api/v1/users')
      .set(adminAuth)
      .send({ ...valid(), communeCodes: ['00004', '99999'] })
      .expect(400);
    expect(place.body.error.code).toBe('UNKNOWN_PLACE');
    expect(place.body.error.details).toHaveLength(2);
    const noCommune = await api.http
      .post('/api/v1/users')
      .set(adminAuth)
      .send({ ...valid(), communeCodes: [] })
      .expect(400);
    expect(noCommune.body.error.details[0].field).toBe('communeCodes');
    const partnerWithoutOrg = await api.http
      .post('/api/v1/users')
      .set(adminAuth)
      .send({ ...valid(), role: 'partner', communeCodes: [] })
      .expect(400);
    expect(partnerWithoutOrg.body.error.details[0].field).toBe('organisationId');
    const unknownOrg = await api.http
      .post('/api/v1/users')
      .set(adminAuth)
      .send({ ...valid(), role: 'partner', communeCodes: [], organisationId: '4b7c1c1e-0000-4000-8000-000000000000' })
      .expect(400);
    expect(unknownOrg.body.error.details[0].field).toBe('organisationId');
  });

  it('managers and admins list only the users of their own province', async () => {
    const manager = await signedIn(api, Role.Manager);
    await newUser(api, Role.Caseworker, { provinceCode: '01', communeCodes: ['00004'] });
    const mine = await api.http.get('/api/v1/users?pageSize=100').set(manager.auth).expect(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((u: { provinceCode: string }) => u.provinceCode === '46')).toBe(true);
    const other = await api.http.get('/api/v1/users?provinceCode=01').set(manager.auth).expect(200);
    expect(other.body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    const all = await api.http.get('/api/v1/users?pageSize=100').set(adminAuth).expect(200);
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(all.body.items.every((u: { provinceCode: string }) => u.provinceCode === '46')).toBe(true);
    expect(all.body.total).toBe(all.body.items.length);
    expect((await api.http.get('/api/v1/users?provinceCode=01').set(adminAuth).expect(200)).body.total).toBe(0);
    await api.http.get('/api/v1/users?pageSize=101').set(adminAuth).expect(400);
  });

  it('disabling a user ends their sessions', async () => {
    const body = valid();
    const created = await api.http.post('/api/v1/users').set(adminAuth).send(body).expect(201);
    const session = await api.http.post('/api/v1/auth/login').send({ username: body.username, password: body.password }).expect(200);
    await api.http.patch(`/api/v1/users/${created.body.id}`).set(adminAuth).send({ active: false }).expect(200);
    await api.http.post('/api/v1/auth/refresh').send({ refreshToken: session.body.refreshToken }).expect(401);
    await api.http.get('/api/v1/me').set('Authorization', `Bearer ${session.body.accessToken}`).expect(401);
  });

  it('refuses to clear a required field (null) with 400, not a database error', async () => {
    const created = await api.http.post('/api/v1/users').set(adminAuth).send(valid()).expect(201);
    const res = await api.http.patch(`/api/v1/users/${created.body.id}`).set(adminAuth).send({ fullName: null, role: null }).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['fullName', 'role']);
  });

  it('changes communes and role of a user', async () => {
    const created = await api.http.post('/api/v1/users').set(adminAuth).send(valid()).expect(201);
    const changed = await api.http
      .patch(`/api/v1/users/${created.body.id}`)
      .set(adminAuth)
      .send({ role: 'supervisor', communeCodes: ['19777'] })
      .expect(200);
    expect(changed.body).toEqual(expect.objectContaining({ role: 'supervisor', communeCodes: ['19777'] }));
    const toManager = await api.http.patch(`/api/v1/users/${created.body.id}`).set(adminAuth).send({ role: 'manager', communeCodes: [] }).expect(200);
    expect(toManager.body.communeCodes).toEqual([]);
  });
});

describe('reference places', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('lists the 34 provinces and the 40 communes of Huế', async () => {
    const { auth } = await signedIn(api, Role.Caseworker);
    const provinces = await api.http.get('/api/v1/provinces').set(auth).expect(200);
    expect(provinces.body).toHaveLength(34);
    expect(provinces.body).toContainEqual({ code: '46', name: 'Thành phố Huế' });
    const communes = await api.http.get('/api/v1/provinces/46/communes').set(auth).expect(200);
    expect(communes.body).toHaveLength(40);
    await api.http.get('/api/v1/provinces/99/communes').set(auth).expect(404);
    await api.http.get('/api/v1/provinces/abc/communes').set(auth).expect(400);
  });
});
