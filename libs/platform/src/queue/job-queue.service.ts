import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/config.module';
import { safeError } from '../errors/safe-error';
import { JOB_OPTIONS, JOB_QUEUE, JobName, JobPayload, QueueName } from './queue.constants';

/** How long a caller waits for Redis before giving up on enqueueing (the reconcilers catch up). */
export const ENQUEUE_TIMEOUT_MS = 2_000;
/** How many jobs go to Redis in one addBulk call. */
const BULK = 1_000;

/** A job to put on its queue once the transaction that decided it has committed; the payload type follows from the name. */
export type AfterCommitJob = {
  [N in JobName]: {
    name: N;
    data: JobPayload<N>;
    /** Deterministic, built by the job's owner: adding it again while the job exists is a no-op. */
    id: string;
    /** From now; a negative delay runs it at once. */
    delayMs?: number;
  };
}[JobName];

/**
 * Adds jobs by name with a payload typed for that name, to the queue the name
 * belongs to; nobody has to remember which queue carries which job.
 */
@Injectable()
export class JobQueue {
  private readonly logger = new Logger(JobQueue.name);

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  all(): Queue[] {
    return Object.values(QueueName).map((name) => this.queue(name));
  }

  add<N extends JobName>(name: N, payload: JobPayload<N>, options?: JobsOptions): Promise<Job<JobPayload<N>>> {
    return this.queue(JOB_QUEUE[name]).add(name, payload, options);
  }

  /** The options a job of this name is added with (JOB_OPTIONS), under its deterministic id. */
  optionsFor(name: JobName, id: string, delayMs?: number): JobsOptions {
    return { ...JOB_OPTIONS[name](this.config), jobId: id, ...(delayMs === undefined ? {} : { delay: Math.max(0, delayMs) }) };
  }

  /**
   * Puts jobs on their queues after the transaction that decided them has committed. The
   * database is the source of truth: this never throws and waits at most `timeoutMs`; what does
   * not reach Redis is logged (a count, no ids) and the reconcilers enqueue it within a minute of
   * Redis coming back. Resolves to how many jobs were handed to Redis (0 when it did not answer).
   */
  async enqueueAfterCommit(jobs: readonly AfterCommitJob[], { timeoutMs = ENQUEUE_TIMEOUT_MS } = {}): Promise<number> {
    if (jobs.length === 0) return 0;
    const byQueue = new Map<QueueName, { name: JobName; data: AfterCommitJob['data']; opts: JobsOptions }[]>();
    for (const job of jobs) {
      const queueName = JOB_QUEUE[job.name];
      const list = byQueue.get(queueName) ?? [];
      list.push({ name: job.name, data: job.data, opts: this.optionsFor(job.name, job.id, job.delayMs) });
      byQueue.set(queueName, list);
    }
    const adding = (async () => {
      for (const [queueName, list] of byQueue) {
        const queue = this.queue(queueName);
        for (let i = 0; i < list.length; i += BULK) await queue.addBulk(list.slice(i, i + BULK));
      }
    })();
    // With Redis away, BullMQ holds the commands until it reconnects; they still run then (same
    // ids, no harm; a delay counts from this call, not from then). Never an unhandled rejection.
    adding.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis within ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
    });
    try {
      await Promise.race([adding, timeout]);
      return jobs.length;
    } catch (err) {
      // Counts by name and the error's kind: no ids are needed to act on it, and no personal data.
      const names = Object.fromEntries([...new Set(jobs.map((j) => j.name))].map((n) => [n, jobs.filter((j) => j.name === n).length]));
      this.logger.warn({ jobs: names, err: safeError(err) }, 'jobs not enqueued after the commit; the reconcilers will enqueue them');
      return 0;
    } finally {
      clearTimeout(timer);
    }
  }
}
