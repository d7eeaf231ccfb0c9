import type { INestApplicationContext, Provider } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Job, Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { bullConnectionFromUrl, JobQueue, QueueName } from '@haven/platform';
import { configureWorker } from '../../apps/worker/src/bootstrap/configure-worker';
import { QueueWorkers } from '../../apps/worker/src/runtime/queue-workers.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { testQueuePrefix } from './app';
import { createTestDatabase } from './databases';

export interface TestWorker {
  app: INestApplicationContext;
  db: DataSource;
  databaseUrl: string;
  queuePrefix: string;
  jobs: JobQueue;
  workers(): Worker[];
  close(): Promise<void>;
}

export interface StartWorkerOptions {
  /** Run on this database (the caller creates and drops it) instead of a fresh clone of the template. */
  databaseUrl?: string;
  /** Extra providers next to WorkerModule, e.g. to prove that a bad set of handlers stops the boot. */
  providers?: Provider[];
}

/**
 * The real worker (same module as main.ts, same logger) on a fresh database
 * cloned from the migrated template, with its own Redis key prefix. Like
 * startApi it configures through process.env: apps started at the same time
 * must be given the same DATABASE_URL and QUEUE_PREFIX.
 */
export async function startWorker(env: Record<string, string> = {}, options: StartWorkerOptions = {}): Promise<TestWorker> {
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: database.url, QUEUE_PREFIX: testQueuePrefix(), DB_POOL_SIZE: '5' }, env);
  const queuePrefix = process.env.QUEUE_PREFIX!;
  let app: INestApplicationContext | undefined;
  try {
    app = configureWorker(await Test.createTestingModule({ imports: [WorkerModule], providers: options.providers ?? [] }).compile());
    await app.init();
  } catch (err) {
    // Release what the partial start acquired (pools, Redis connections) before reporting.
    await app?.close().catch(() => undefined);
    await database.drop();
    throw err;
  }
  const started = app;
  return {
    app: started,
    db: started.get(DataSource),
    databaseUrl: database.url,
    queuePrefix,
    jobs: started.get(JobQueue),
    workers: () => started.get(QueueWorkers).all(),
    close: async () => {
      await started.close();
      await database.drop();
    },
  };
}

/** A Queue of its own on a worker's prefix, e.g. to look at jobs after the worker has closed. */
export function openQueue(prefix: string, name: QueueName): Queue {
  return new Queue(name, { connection: bullConnectionFromUrl(process.env.REDIS_URL!), prefix });
}

/** Polls until the job has completed or failed for good (not while it waits for a retry). */
export async function waitForJob(queue: Queue, id: string, timeoutMs = 10_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // State first, then the job: read the other way round, the job could be loaded just before it finished.
    const state = await queue.getJobState(id);
    const job = state === 'completed' || state === 'failed' ? await Job.fromId(queue, id) : undefined;
    if (job) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish within ${timeoutMs} ms (state: ${state})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls until the job is being processed. */
export async function waitForActive(queue: Queue, id: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await queue.getJobState(id)) !== 'active') {
    if (Date.now() > deadline) throw new Error(`job ${id} did not start within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
