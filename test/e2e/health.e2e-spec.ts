import { startApi, TestApi } from '../support/app';

describe('operations endpoints', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('reports ready when PostgreSQL and Redis answer and no shutdown has begun', async () => {
    const res = await api.http.get('/api/v1/health/ready').expect(200);
    expect(res.body.details).toEqual({
      database: expect.objectContaining({ status: 'up' }),
      redis: expect.objectContaining({ status: 'up' }),
      shutdown: expect.objectContaining({ status: 'up' }),
    });
  });

  it('is live without authentication', async () => {
    await api.http.get('/api/v1/health/live').expect(200);
  });

  it('echoes a valid caller request id and replaces an unsafe one', async () => {
    const given = await api.http.get('/api/v1/health/live').set('X-Request-Id', 'abc-12345-xyz').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-12345-xyz');
    const unsafe = await api.http.get('/api/v1/health/live').set('X-Request-Id', 'bad id <script>').expect(200);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics with per-route latency', async () => {
    await api.http.get('/api/v1/health/live');
    const res = await api.http.get('/api/v1/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health\/live",status="200"\} \d+/);
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await api.http.get('/api/v1/nope').expect(404);
    expect(res.body).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: expect.any(String), details: [] }, requestId: res.headers['x-request-id'] });
  });
});
