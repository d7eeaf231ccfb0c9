import { randomBytes } from 'node:crypto';

// Every test process starts from these; a test changes what it needs on its own app.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
// A fresh signing key per test process, as outside production (no key in the source works anywhere).
process.env.JWT_ACCESS_SECRET = randomBytes(32).toString('hex');
process.env.AUTH_RATE_LIMIT_PER_MINUTE = '100000';
process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
