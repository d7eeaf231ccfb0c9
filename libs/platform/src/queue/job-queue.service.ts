import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayload, QueueName } from './queue.constants';

/**
 * Adds jobs by name with a payload typed for that name, to the queue the name
 * belongs to; nobody has to remember which queue carries which job.
 */
@Injectable()
export class JobQueue {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  all(): Queue[] {
    return Object.values(QueueName).map((name) => this.queue(name));
  }

  add<N extends JobName>(name: N, payload: JobPayload<N>, options?: JobsOptions): Promise<Job<JobPayload<N>>> {
    return this.queue(JOB_QUEUE[name]).add(name, payload, options);
  }
}
