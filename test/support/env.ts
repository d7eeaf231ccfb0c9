// Every test process starts from these; a test changes what it needs on its own app.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.JWT_ACCESS_SECRET = 'test-secret-test-secret-test-secret-0123';
process.env.AUTH_RATE_LIMIT_PER_MINUTE = '100000';
process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
