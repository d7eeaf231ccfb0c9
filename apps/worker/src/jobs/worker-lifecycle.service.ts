import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JobScheduler } from './job-scheduler.service';
import { QueueDepthSampler } from './queue-depth.sampler';
import { QueueWorkers } from './queue-workers.service';

/**
 * Orders start-up and shutdown; Nest runs one module's hooks in parallel,
 * and these steps must not be.
 *
 * Start (after every module has initialised, so the handler registry has
 * already refused a bad set of handlers): schedulers, then workers, then the
 * depth gauge. Stop (onModuleDestroy runs before any onApplicationShutdown,
 * where TypeORM closes its pool and BullMQ its queues): gauge, then workers,
 * which let in-flight jobs finish while the database is still open.
 */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly workers: QueueWorkers,
    private readonly sampler: QueueDepthSampler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduler.sync();
    this.workers.start();
    await this.sampler.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sampler.stop();
    await this.workers.close();
  }
}
