import type { RedisOptions } from 'ioredis';

/** Classic reply shapes (what BullMQ and our code expect), typed as such. */
export type HavenRedisOptions = RedisOptions & { replyMapping?: 'legacy' };

/** ioredis options from a redis:// or rediss:// URL (ioredis takes no URL in an options object). */
export function redisOptionsFromUrl(url: string, extra: HavenRedisOptions = {}): HavenRedisOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    db: Number.isFinite(db) ? db : 0,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    ...extra,
    replyMapping: 'legacy',
  };
}
