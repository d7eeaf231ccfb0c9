import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig, JobName, JobPayload, QueueName, redisOptionsFromUrl } from '@haven/platform';
import { deadlineJobId, ScheduledStep } from './deadline-steps';

/** How long a caller waits for Redis in all before giving up on scheduling (the reconciler catches up). */
export const SCHEDULE_TIMEOUT_MS = 2_000;
/** How long a caller waits for a connection that is not up (yet): at start-up it is; during an outage it never comes. */
const READY_WAIT_MS = 1_000;
/** How many jobs go to Redis in one addBulk call. */
const BULK = 1_000;

/**
 * Step jobs: retried quickly (a step is a few database statements; a failure is the database
 * or Redis blinking), and removed once finished so that the reconciler can add the same id again
 * if the deadline still needs that step (a job lost, flushed, or skipped as early). A failed job
 * is kept ten minutes for investigation; it blocks its id until then.
 */
export const STEP_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 600 },
};

/**
 * Puts deadline steps on the Deadlines queue as delayed jobs with deterministic ids, after the
 * transaction that decided them has committed. The database is the source of truth: this never
 * throws and waits at most SCHEDULE_TIMEOUT_MS. Its producer connection is its own and fails
 * fast (no offline queue, one try per command, short connect timeout), so while Redis is away a
 * request loses about a second, not its answer; the reconciler re-adds every step whose job is
 * missing within a minute of Redis coming back.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineScheduler.name);
  private redis: Redis | undefined;
  private producer: Queue | undefined;

  constructor(private readonly config: AppConfig) {}

  /** The producer queue, connected on first use (an app that never schedules opens no connection). */
  queue(): Queue {
    if (!this.producer) {
      this.redis = new Redis(redisOptionsFromUrl(this.config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 }));
      // Reconnects by itself; a failed schedule is logged where it happens, not on every retry.
      this.redis.on('error', () => undefined);
      this.producer = new Queue(QueueName.Deadlines, { connection: this.redis, prefix: this.config.QUEUE_PREFIX });
      this.producer.on('error', () => undefined);
    }
    return this.producer;
  }

  /** Resolves to how many steps were handed to Redis (0 when it did not answer in time). */
  async schedule(steps: readonly ScheduledStep[], now = Date.now()): Promise<number> {
    if (steps.length === 0) return 0;
    const jobs = steps.map((s) => ({
      name: JobName.DeadlineStep,
      data: { deadlineId: s.deadlineId, step: s.step, dueAtMs: s.dueAtMs } satisfies JobPayload<JobName.DeadlineStep>,
      opts: { ...STEP_JOB_OPTIONS, jobId: deadlineJobId(s), delay: Math.max(0, s.at.getTime() - now) },
    }));
    const queue = this.queue();
    const adding = (async () => {
      await this.ready();
      for (let i = 0; i < jobs.length; i += BULK) await queue.addBulk(jobs.slice(i, i + BULK));
    })();
    // If Redis answers after the timeout the jobs still land (same ids: no harm); never an unhandled rejection.
    adding.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis within ${SCHEDULE_TIMEOUT_MS} ms`)), SCHEDULE_TIMEOUT_MS);
      timer.unref();
    });
    try {
      await Promise.race([adding, timeout]);
      return steps.length;
    } catch (err) {
      // A count and the error (the logger keeps its type and message only): no ids are needed to act on it.
      this.logger.warn({ steps: steps.length, err }, 'deadline steps not scheduled; the reconciler will schedule them');
      return 0;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The steps among `steps` whose job is not in Redis (never added, lost, flushed, or finished
   * without the deadline moving on). One pipelined EXISTS per page: much cheaper than adding jobs
   * that are already there. Rejects if Redis does not answer.
   */
  async missing<T extends ScheduledStep>(steps: readonly T[]): Promise<T[]> {
    if (steps.length === 0) return [];
    const queue = this.queue();
    await this.ready();
    const pipeline = this.redis!.pipeline();
    for (const s of steps) pipeline.exists(queue.toKey(deadlineJobId(s)));
    const replies = (await pipeline.exec()) ?? [];
    return steps.filter((_, i) => {
      const [err, exists] = replies[i] ?? [new Error('no reply'), 0];
      if (err) throw err;
      return exists === 0;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.close().catch(() => undefined);
    this.redis?.disconnect();
  }

  /** Resolves once the connection is up, or rejects after READY_WAIT_MS. */
  private async ready(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer);
        redis.off('ready', onReady);
        if (err) reject(err);
        else resolve();
      };
      const onReady = () => done();
      const timer = setTimeout(() => done(new Error(`Redis is not connected (${redis.status})`)), READY_WAIT_MS);
      redis.once('ready', onReady);
    });
  }
}
