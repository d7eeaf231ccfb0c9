import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { WorkerHost } from '@nestjs/bullmq';
import type { Worker } from 'bullmq';
import { QueueName } from '@haven/platform';
import { QUEUE_PROCESSORS } from './queue-processor.factory';

/** The BullMQ workers of the queue processors: started after boot, closed before the database. */
@Injectable()
export class QueueWorkers {
  private readonly logger = new Logger(QueueWorkers.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  /** The workers created so far (none yet if the app failed before BullMQ registered them). */
  all(): Worker[] {
    return Object.values(QueueName)
      .map((queue) => this.moduleRef.get<WorkerHost>(QUEUE_PROCESSORS[queue], { strict: false }))
      .flatMap((host) => {
        try {
          return [host.worker];
        } catch {
          return []; // the getter throws until BullMQ has created the worker
        }
      });
  }

  start(): void {
    for (const worker of this.all()) {
      const fields = { queue: worker.name };
      worker.on('error', (err) => this.logger.error({ ...fields, err }, 'worker error'));
      // A stalled job ran in a process that died or blocked its event loop past the lock; BullMQ retries it.
      worker.on('stalled', (jobId) => this.logger.warn({ ...fields, correlationId: jobId }, 'job stalled'));
      worker.run().catch((err: unknown) => this.logger.error({ ...fields, err }, 'worker stopped'));
    }
    this.logger.log({ queues: Object.values(QueueName) }, 'workers started');
  }

  /** Graceful: each worker stops taking jobs and waits for the ones it is running. */
  async close(): Promise<void> {
    await Promise.all(this.all().map((worker) => worker.close()));
    this.logger.log('workers closed');
  }
}
