import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/config.module';
import { redisOptionsFromUrl } from './redis-connection';

/**
 * The app's general-purpose Redis connection (health checks, rate limits).
 * BullMQ opens its own connections. Requests fail fast while Redis is away
 * instead of queueing forever; callers decide whether that is fatal.
 */
@Injectable()
export class RedisClient extends Redis implements OnApplicationShutdown {
  constructor(@Inject(AppConfig) config: AppConfig) {
    super(redisOptionsFromUrl(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 }));
    this.on('error', () => undefined); // reconnects by itself; health checks report the outage
    void this.connect().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.disconnect();
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
