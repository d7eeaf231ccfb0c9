import { Injectable } from '@nestjs/common';
import { JobName, JobQueue, QueueName, RedisClient } from '@haven/platform';
import { deadlineJobId, ScheduledStep } from './deadline-steps';

/**
 * Puts deadline steps on the Deadlines queue as delayed jobs with deterministic ids, after the
 * transaction that decided them has committed (JobQueue.enqueueAfterCommit: never throws, waits
 * at most two seconds while Redis is away). The database is the source of truth: the reconciler
 * re-adds every step whose job is missing within a minute of Redis coming back.
 */
@Injectable()
export class DeadlineScheduler {
  constructor(
    private readonly jobs: JobQueue,
    private readonly redis: RedisClient,
  ) {}

  /** Resolves to how many steps were handed to Redis (0 when it did not answer in time). */
  schedule(steps: readonly ScheduledStep[], now = Date.now()): Promise<number> {
    return this.jobs.enqueueAfterCommit(
      steps.map((s) => ({
        name: JobName.DeadlineStep,
        data: { deadlineId: s.deadlineId, step: s.step, dueAtMs: s.dueAtMs },
        id: deadlineJobId(s),
        delayMs: s.at.getTime() - now,
      })),
    );
  }

  /**
   * The steps among `steps` whose job is not in Redis (never added, lost, flushed, or finished
   * without the deadline moving on). One pipelined EXISTS per page: much cheaper than adding jobs
   * that are already there. On the general-purpose connection, which fails fast: rejects at once
   * if Redis does not answer, where the queue's own connection would wait for it.
   */
  async missing<T extends ScheduledStep>(steps: readonly T[]): Promise<T[]> {
    if (steps.length === 0) return [];
    const queue = this.jobs.queue(QueueName.Deadlines);
    const pipeline = this.redis.pipeline();
    for (const s of steps) pipeline.exists(queue.toKey(deadlineJobId(s)));
    const replies = (await pipeline.exec()) ?? [];
    return steps.filter((_, i) => {
      const [err, exists] = replies[i] ?? [new Error('no reply'), 0];
      if (err) throw err;
      return exists === 0;
    });
  }
}
