import { Injectable, Type } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, WorkerOptions } from 'bullmq';
import { JobResult, QueueName } from '@haven/platform';
import { JobDispatcher } from './job-dispatcher.service';

/**
 * How many jobs of a queue one worker process runs at once. A Record, so a new
 * QueueName does not compile until someone decides its concurrency.
 */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  [QueueName.Housekeeping]: 1,
  // Network-bound (SMTP, webhooks): many at once, each waiting on a remote server.
  [QueueName.Delivery]: 10,
  // Short, and batched into shared transactions (DeadlineJobs): the jobs in flight make the batches.
  [QueueName.Deadlines]: 50,
};

/**
 * Worker options besides concurrency. Deadline steps take milliseconds, so a short lock finds the
 * jobs of a worker that died (SIGKILL, lost host) within seconds instead of a minute: BullMQ
 * renews a live job's lock every half lockDuration, and moves a job whose lock lapsed back to
 * waiting at the next stalled check.
 */
export const QUEUE_WORKER_OPTIONS: Partial<Record<QueueName, Pick<WorkerOptions, 'lockDuration' | 'stalledInterval'>>> = {
  [QueueName.Deadlines]: { lockDuration: 10_000, stalledInterval: 5_000 },
};

const pascal = (s: string) => s.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase());

/**
 * One generic processor class per queue: @Processor binds a class to a queue,
 * so each queue needs its own class, and all of them hand the job to the
 * dispatcher. Workers start paused (`autorun: false`): QueueWorkers starts
 * them once the whole app, handler registry included, has initialised.
 */
export function createQueueProcessor(queue: QueueName): Type<WorkerHost> {
  @Injectable()
  @Processor(queue, { autorun: false, concurrency: QUEUE_CONCURRENCY[queue], ...QUEUE_WORKER_OPTIONS[queue] })
  class QueueProcessor extends WorkerHost {
    constructor(private readonly dispatcher: JobDispatcher) {
      super();
    }

    override process(job: Job<unknown, JobResult, string>): Promise<JobResult> {
      return this.dispatcher.dispatch(queue, job);
    }
  }
  // A readable name in Nest's logs and errors instead of N copies of "QueueProcessor".
  Object.defineProperty(QueueProcessor, 'name', { value: `${pascal(queue)}QueueProcessor` });
  return QueueProcessor;
}

export const QUEUE_PROCESSORS: Record<QueueName, Type<WorkerHost>> = Object.fromEntries(
  Object.values(QueueName).map((queue) => [queue, createQueueProcessor(queue)]),
) as Record<QueueName, Type<WorkerHost>>;
