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
});
