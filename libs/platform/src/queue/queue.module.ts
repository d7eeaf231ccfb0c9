import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { RedisOptions as BullRedisOptions, DefaultJobOptions } from 'bullmq';
import { AppConfig } from '../config/config.module';
import { JobQueue } from './job-queue.service';
import { QueueName } from './queue.constants';
import { redisOptionsFromUrl } from './redis-connection';

/**
 * Retries back off exponentially (30 s, 1 min, 2 min, 4 min) so a short outage
 * of a dependency costs a few failed attempts, not the job. Finished jobs are
 * trimmed so Redis does not grow without bound; failed ones are kept longer
 * for investigation.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 7 * 86400, count: 1000 },
  removeOnFail: { age: 30 * 86400 },
};

/**
 * BullMQ's connections: blocking commands must wait through a Redis outage
 * rather than fail (maxRetriesPerRequest: null). BullMQ types its options
 * apart from ioredis's, which also allow `retryStrategy: null`; we never set
 * one, so BullMQ's own reconnect strategy applies.
 */
export function bullConnectionFromUrl(url: string): BullRedisOptions {
  const { retryStrategy, ...options } = redisOptionsFromUrl(url, { maxRetriesPerRequest: null });
  return retryStrategy ? { ...options, retryStrategy } : options;
}

const bullRoot = BullModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    connection: bullConnectionFromUrl(config.REDIS_URL),
    prefix: config.QUEUE_PREFIX,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  }),
});

// Every queue of the enum, so adding a QueueName is the only step to register one.
const queues = BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })));

/** The BullMQ connection and one Queue per QueueName, with a typed way to add jobs. */
@Module({
  imports: [bullRoot, queues],
  providers: [JobQueue],
  exports: [queues, JobQueue],
})
export class QueueModule {}
