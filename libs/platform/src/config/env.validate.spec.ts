import { InvalidEnvironmentError, validateEnv } from './env.validate';

function problemsOf(env: Record<string, string>): string[] {
  try {
    validateEnv(env);
  } catch (e) {
    if (e instanceof InvalidEnvironmentError) return e.problems;
    throw e;
  }
  return [];
}

describe('validateEnv', () => {
  it('gives working local defaults in development', () => {
    const env = validateEnv({});
    expect(env).toEqual(
      expect.objectContaining({
        NODE_ENV: 'development',
        PORT: 3000,
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/haven',
        REDIS_URL: 'redis://127.0.0.1:6379/0',
        JWT_ACCESS_TTL: 900,
      }),
    );
  });

  it('converts numbers and booleans', () => {
    const env = validateEnv({ PORT: '8080', DB_MIGRATIONS_RUN: 'false', JWT_ACCESS_TTL: '600' });
    expect(env.PORT).toBe(8080);
    expect(env.DB_MIGRATIONS_RUN).toBe(false);
    expect(env.JWT_ACCESS_TTL).toBe(600);
  });

  it('waits 10 s for a pool connection unless told otherwise, within 100 ms and 10 minutes', () => {
    expect(validateEnv({}).DB_POOL_ACQUIRE_TIMEOUT_MS).toBe(10_000);
    expect(validateEnv({ DB_POOL_ACQUIRE_TIMEOUT_MS: '500' }).DB_POOL_ACQUIRE_TIMEOUT_MS).toBe(500);
    for (const bad of ['0', '99', '600001', 'soon', '1.5']) {
      expect(problemsOf({ DB_POOL_ACQUIRE_TIMEOUT_MS: bad }).map((p) => p.split(':')[0])).toEqual(['DB_POOL_ACQUIRE_TIMEOUT_MS']);
    }
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'nope', LOG_LEVEL: 'loud', JWT_ACCESS_TTL: '5' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'JWT_ACCESS_TTL', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
  });

  it('refuses production without a secret, with the development default, or with a weak one', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['JWT_ACCESS_SECRET: required in production']);
    expect(problemsOf({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'dev-only-access-secret-change-me-0123456789' })[0]).toMatch(/development default/);
    expect(problemsOf({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'a'.repeat(40) })[0]).toMatch(/too weak/);
    expect(problemsOf({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'short' }).join()).toMatch(/at least 32/);
    expect(problemsOf({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'q7Gx2LmP9vR4tY8wZ1bN6cK3jH5fD0sA-e' })).toEqual([]);
  });

  describe('the access-token signing key outside production (issue 10, item 3)', () => {
    it('is a random key of this process when none is set, not a key published in the source', () => {
      const key = validateEnv({}).JWT_ACCESS_SECRET;
      expect(key.length).toBeGreaterThanOrEqual(32);
      expect(key).not.toBe('dev-only-access-secret-change-me-0123456789');
      expect(new Set(key).size).toBeGreaterThanOrEqual(10);
      // One key per process: every validateEnv call (the module, the adapter, the CLI) signs and verifies alike.
      expect(validateEnv({}).JWT_ACCESS_SECRET).toBe(key);
      expect(validateEnv({ NODE_ENV: 'test', PORT: '8080' }).JWT_ACCESS_SECRET).toBe(key);
      // A configured key is used as given.
      expect(validateEnv({ JWT_ACCESS_SECRET: 'q7Gx2LmP9vR4tY8wZ1bN6cK3jH5fD0sA-e' }).JWT_ACCESS_SECRET).toBe('q7Gx2LmP9vR4tY8wZ1bN6cK3jH5fD0sA-e');
    });

    it('differs from one process to the next, so a token of one development server is nothing to another', async () => {
      const here = validateEnv({}).JWT_ACCESS_SECRET;
      let there: string | undefined;
      await jest.isolateModulesAsync(async () => {
        const fresh = await import('./env.validate');
        there = fresh.validateEnv({}).JWT_ACCESS_SECRET;
      });
      expect(there).toEqual(expect.any(String));
      expect(there).not.toBe(here);
    });

    it('is still required in production', () => {
      expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['JWT_ACCESS_SECRET: required in production']);
    });
  });

  describe('HTTP surface', () => {
    it('trusts no proxy by default and accepts IPs and CIDRs, listing the bad entries', () => {
      expect(validateEnv({}).TRUSTED_PROXIES).toEqual([]);
      expect(validateEnv({ TRUSTED_PROXIES: ' 10.0.0.1, 10.1.0.0/16,::1, fd00::/8 ' }).TRUSTED_PROXIES).toEqual(['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8']);
      const problems = problemsOf({ TRUSTED_PROXIES: '10.0.0.1, proxy.local, 10.0.0.0/33, ::1/129, 1.2.3.4/8/1' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^TRUSTED_PROXIES: .*not: proxy\.local, 10\.0\.0\.0\/33, ::1\/129, 1\.2\.3\.4\/8\/1$/);
    });

    it('serves the docs and skips the drain outside production, and not in production, unless told', () => {
      expect(validateEnv({})).toEqual(expect.objectContaining({ DOCS_ENABLED: true, SHUTDOWN_DRAIN_MS: 0, HSTS_ENABLED: false }));
      const production = { NODE_ENV: 'production', JWT_ACCESS_SECRET: 'q7Gx2LmP9vR4tY8wZ1bN6cK3jH5fD0sA-e' };
      expect(validateEnv(production)).toEqual(expect.objectContaining({ DOCS_ENABLED: false, SHUTDOWN_DRAIN_MS: 5000 }));
      expect(validateEnv({ ...production, DOCS_ENABLED: 'true', SHUTDOWN_DRAIN_MS: '0' })).toEqual(
        expect.objectContaining({ DOCS_ENABLED: true, SHUTDOWN_DRAIN_MS: 0 }),
      );
      expect(validateEnv({ DOCS_ENABLED: 'false' }).DOCS_ENABLED).toBe(false);
    });

    it('wants a metrics token of at least 32 characters, varied in production', () => {
      expect(problemsOf({ METRICS_TOKEN: 'short' }).join()).toMatch(/^METRICS_TOKEN: .*at least 32/);
      expect(validateEnv({ METRICS_TOKEN: 'x'.repeat(32) }).METRICS_TOKEN).toBe('x'.repeat(32));
      const production = { NODE_ENV: 'production', JWT_ACCESS_SECRET: 'q7Gx2LmP9vR4tY8wZ1bN6cK3jH5fD0sA-e' };
      expect(problemsOf({ ...production, METRICS_TOKEN: 'x'.repeat(32) })).toEqual(['METRICS_TOKEN: too weak (at least 32 characters, varied)']);
    });

    it('has timeouts and a connection cap by default, bounded, with headers due before the whole request', () => {
      expect(validateEnv({})).toEqual(
        expect.objectContaining({
          HTTP_CONNECTION_TIMEOUT_MS: 60_000,
          HTTP_REQUEST_TIMEOUT_MS: 30_000,
          HTTP_HEADERS_TIMEOUT_MS: 10_000,
          HTTP_KEEP_ALIVE_TIMEOUT_MS: 5_000,
          HTTP_MAX_CONNECTIONS: 1000,
        }),
      );
      for (const key of [
        'HTTP_CONNECTION_TIMEOUT_MS',
        'HTTP_REQUEST_TIMEOUT_MS',
        'HTTP_HEADERS_TIMEOUT_MS',
        'HTTP_KEEP_ALIVE_TIMEOUT_MS',
        'HTTP_MAX_CONNECTIONS',
        'SHUTDOWN_DRAIN_MS',
      ]) {
        expect(problemsOf({ [key]: 'soon' }).map((p) => p.split(':')[0])).toEqual([key]);
        expect(problemsOf({ [key]: '-1' }).map((p) => p.split(':')[0])).toEqual([key]);
      }
      expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '15000' })).toEqual([
        'HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS',
      ]);
    });
  });
});
