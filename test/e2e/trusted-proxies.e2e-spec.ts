import { startApi, TestApi } from '../support/app';

/*
 * The auth routes are rate-limited per client address. That address may come from
 * X-Forwarded-For only when the direct peer is a listed proxy; otherwise a client
 * rotating the header would get a fresh allowance with every request.
 */

const LIMIT = 3;

async function loginStatuses(api: TestApi, forwardedFor: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < LIMIT + 2; i++) {
    const res = await api.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', forwardedFor(i))
      .send({ username: `nobody-${i}`, password: 'Whatever-123' });
    statuses.push(res.status);
  }
  return statuses;
}

describe('X-Forwarded-For from an untrusted peer (TRUSTED_PROXIES empty)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUSTED_PROXIES: '' });
  });
  afterAll(() => api.close());

  it('is ignored: rotating it does not escape the per-address limit', async () => {
    const statuses = await loginStatuses(api, (i) => `203.0.113.${i + 1}`);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('X-Forwarded-For from a trusted proxy (TRUSTED_PROXIES=127.0.0.1)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUSTED_PROXIES: '127.0.0.1' });
  });
  afterAll(() => api.close());

  it('names the client: distinct forwarded addresses are counted separately', async () => {
    const statuses = await loginStatuses(api, (i) => `198.51.100.${i + 1}`);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
  });

  it('still limits one forwarded address', async () => {
    const statuses = await loginStatuses(api, () => '198.51.100.200');
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('only believes the hops the proxy appended: a client-supplied left part is not the address', async () => {
    // The proxy (127.0.0.1) appends the real client, 192.0.2.7, to whatever the client sent; the rightmost untrusted hop counts.
    const statuses = await loginStatuses(api, (i) => `10.9.9.${i + 1}, 192.0.2.7`);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
