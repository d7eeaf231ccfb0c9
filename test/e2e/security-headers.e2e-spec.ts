import { startApi, TestApi } from '../support/app';

/** A Content-Security-Policy header as directive → sources. */
function csp(header: string | undefined): Record<string, string[]> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('security headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ HSTS_ENABLED: '' });
  });
  afterAll(() => api.close());

  it('forbid inline scripts, plugins, framing and foreign forms on API responses', async () => {
    for (const res of [await api.http.get('/api/v1/health/live').expect(200), await api.http.get('/api/v1/nope').expect(404)]) {
      const policy = csp(res.headers['content-security-policy']);
      expect(policy).toEqual(
        expect.objectContaining({
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'object-src': ["'none'"],
          'frame-ancestors': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
        }),
      );
      expect(Object.values(policy).flat()).not.toContain("'unsafe-inline'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('let /docs render: inline styles only there, every script a same-origin file that loads', async () => {
    const page = await api.http.get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const policy = csp(page.headers['content-security-policy']);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    // No inline <script>: the page would not run under script-src 'self'.
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1];
      expect(src).toMatch(/^\.\//);
      const asset = await api.http.get(new URL(src!, 'http://x/docs').pathname).expect(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    }
  });
});

describe('HSTS_ENABLED=true', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ HSTS_ENABLED: 'true' });
  });
  afterAll(() => api.close());

  it('sends Strict-Transport-Security for a year', async () => {
    const res = await api.http.get('/api/v1/health/live').expect(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});
