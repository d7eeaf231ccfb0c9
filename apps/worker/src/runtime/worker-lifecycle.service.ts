import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JobScheduler } from './job-scheduler.service';
import { QueueDepthSampler } from './queue-depth.sampler';
import { QueueWorkers } from './queue-workers.service';

/**
 * Job schedulers live in Redis: a flushed Redis would lose them (the reconcilers among them) until
 * the next boot, so the worker upserts them again this often (idempotent).
 */
export const SCHEDULER_RESYNC_MS = 120_000;

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
  private readonly logger = new Logger(WorkerLifecycle.name);
  private resync: NodeJS.Timeout | undefined;

  constructor(
    private readonly scheduler: JobScheduler,
    private readonly workers: QueueWorkers,
    private readonly sampler: QueueDepthSampler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduler.sync();
    this.workers.start();
    await this.sampler.start();
    this.resync = setInterval(() => {
      this.scheduler.sync().catch((err: unknown) => this.logger.warn({ err }, 'job schedulers not synced'));
    }, SCHEDULER_RESYNC_MS);
    this.resync.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.resync);
    await this.sampler.stop();
    await this.workers.close();
  }
}
