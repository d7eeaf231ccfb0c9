import { Redis } from 'ioredis';
import { admin, RUN_ENV, TEMPLATE_ENV } from './databases';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (template) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
  // Test apps prefix every Redis key with haven-test-<run>-*; remove what this run left.
  const run = process.env[RUN_ENV];
  if (!run) return;
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `haven-test-${run}-*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
