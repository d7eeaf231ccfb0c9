import { Injectable, Logger } from '@nestjs/common';
import type { JobState } from 'bullmq';
import { JobQueue, MetricsService, QueueName } from '@haven/platform';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const satisfies readonly JobState[];

/** Often enough for an alert on a growing backlog, rare enough to cost Redis nothing. */
export const QUEUE_DEPTH_INTERVAL_MS = 15_000;

/**
 * Copies each queue's job counts into the `queue_jobs` gauge. Every worker
 * replica reports the same numbers (they are the queue's, not the process's);
 * aggregate with max, not sum.
 */
@Injectable()
export class QueueDepthSampler {
  private readonly logger = new Logger(QueueDepthSampler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failing = false;

  constructor(
    private readonly jobs: JobQueue,
    private readonly metrics: MetricsService,
  ) {}

  async start(intervalMs = QUEUE_DEPTH_INTERVAL_MS): Promise<void> {
    await this.sample();
    this.timer = setInterval(() => void this.sample(), intervalMs);
    // Never the reason the process stays alive.
    this.timer.unref();
  }

  /** Stops the timer and waits for a sample in flight, so none runs on a closed queue. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  sample(): Promise<void> {
    // One at a time: if Redis is slow, samples skip rather than pile up.
    this.running ??= this.collect().finally(() => (this.running = undefined));
    return this.running;
  }

  private async collect(): Promise<void> {
    try {
      for (const name of Object.values(QueueName)) {
        const counts = await this.jobs.queue(name).getJobCounts(...STATES);
        for (const state of STATES) this.metrics.queueDepth.set({ queue: name, state }, counts[state] ?? 0);
      }
      if (this.failing) this.logger.log('queue depth sampling recovered');
      this.failing = false;
    } catch (err) {
      // Log the first failure of a streak only: an outage would otherwise log every 15 s.
      if (!this.failing) this.logger.warn({ err }, 'queue depth sampling failed');
      this.failing = true;
    }
  }
}
