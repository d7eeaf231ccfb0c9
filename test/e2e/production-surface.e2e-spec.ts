import { startApi, TestApi } from '../support/app';

/*
 * In production the API docs are off unless DOCS_ENABLED, and /metrics wants
 * METRICS_TOKEN (404 without one configured); elsewhere both stay open by default.
 */

const TOKEN = 'm3tr1cs-T0ken-for-tests-0123456789abcdef';
const PRODUCTION = { NODE_ENV: 'production', DOCS_ENABLED: '', METRICS_TOKEN: '' };

describe('production, defaults', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(PRODUCTION);
  });
  afterAll(() => api.close());

  it('serves neither /docs nor /docs-json', async () => {
    await api.http.get('/docs').expect(404);
    await api.http.get('/docs-json').expect(404);
    await api.http.get('/docs/swagger-ui-init.js').expect(404);
  });

  it('answers /metrics 404 when no METRICS_TOKEN is configured, token or not', async () => {
    const res = await api.http.get('/api/v1/metrics').expect(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(res.text).not.toContain('http_request_duration_seconds');
    await api.http.get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
  });
});

describe('production with DOCS_ENABLED=true and METRICS_TOKEN', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ ...PRODUCTION, DOCS_ENABLED: 'true', METRICS_TOKEN: TOKEN });
  });
  afterAll(() => api.close());

  it('serves the docs', async () => {
    await api.http.get('/docs').expect(200);
    const doc = await api.http.get('/docs-json').expect(200);
    expect(doc.body.paths['/api/v1/metrics'].get.security).toEqual([{ metricsToken: [] }]);
  });

  it('answers /metrics only with the right bearer token', async () => {
    const missing = await api.http.get('/api/v1/metrics').expect(401);
    expect(missing.body.error.code).toBe('UNAUTHENTICATED');
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(missing.text).not.toContain('http_request_duration_seconds');
    for (const wrong of [`Bearer ${TOKEN.slice(0, -1)}x`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, 10)}`, TOKEN, `Basic ${TOKEN}`]) {
      await api.http.get('/api/v1/metrics').set('Authorization', wrong).expect(401);
    }
    const right = await api.http.get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(right.text).toContain('http_request_duration_seconds');
  });
});

describe('outside production', () => {
  let api: TestApi;
  afterEach(() => api.close());

  it('keeps /metrics open without METRICS_TOKEN, and serves the docs', async () => {
    api = await startApi({ NODE_ENV: 'test', DOCS_ENABLED: '', METRICS_TOKEN: '' });
    await api.http.get('/api/v1/metrics').expect(200);
    await api.http.get('/docs-json').expect(200);
  });

  it('requires the token once METRICS_TOKEN is set, and turns the docs off with DOCS_ENABLED=false', async () => {
    api = await startApi({ NODE_ENV: 'test', DOCS_ENABLED: 'false', METRICS_TOKEN: TOKEN });
    await api.http.get('/api/v1/metrics').expect(401);
    await api.http.get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    await api.http.get('/docs-json').expect(404);
  });
});
