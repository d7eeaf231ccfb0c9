import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { AppConfig, JobName, JobQueue } from '@haven/platform';
import { deliveryChannels } from './delivery-channels';

/** How long a caller waits for Redis before giving up on enqueueing (the reconciler catches up). */
export const ENQUEUE_TIMEOUT_MS = 2_000;

/**
 * BullMQ refuses custom job ids with a single ':' (they would look like its own repeat-job ids),
 * hence the dash. One job id per notification: enqueueing twice — the caller and the reconciler,
 * or a retried request — adds one job.
 */
export const deliveryJobId = (notificationId: string): string => `deliver-${notificationId}`;

/**
 * Puts delivery jobs on the Delivery queue after the notifications' transaction has committed.
 * The database is the source of truth: if Redis is down or slow, enqueue logs a warning and
 * returns anyway — it never throws and waits at most ENQUEUE_TIMEOUT_MS — and the reconciler
 * enqueues what is missing within a minute of Redis coming back.
 */
@Injectable()
export class DeliveryScheduler {
  private readonly logger = new Logger(DeliveryScheduler.name);
  /** Whether notices leave the inbox at all (e-mail, webhooks): decided here once, for every caller. */
  private readonly delivers: boolean;

  constructor(
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {
    const channels = deliveryChannels(config);
    this.delivers = channels.email !== null || channels.webhook !== null;
  }

  /** Retries back off exponentially from DELIVERY_BACKOFF_MS, DELIVERY_ATTEMPTS tries in all. */
  jobOptions(notificationId: string): JobsOptions {
    return {
      jobId: deliveryJobId(notificationId),
      attempts: this.config.DELIVERY_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.DELIVERY_BACKOFF_MS },
    };
  }

  /**
   * Call after commit with the ids NotificationsService.notify returned. Resolves to how many were
   * enqueued: none when this deployment has no delivery channel (the inbox is all there is).
   */
  async enqueue(notificationIds: readonly string[]): Promise<number> {
    if (notificationIds.length === 0 || !this.delivers) return 0;
    const adding = Promise.all(notificationIds.map((id) => this.jobs.add(JobName.DeliverNotification, { notificationId: id }, this.jobOptions(id))));
    // With Redis away, BullMQ holds commands until it reconnects; they still run then (same job ids, no harm).
    adding.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
      timer.unref();
    });
    try {
      await Promise.race([adding, timeout]);
      return notificationIds.length;
    } catch (err) {
      // Counts and the error's kind only: no ids needed to act on it, and no personal data.
      this.logger.warn(
        { notifications: notificationIds.length, err: err instanceof Error ? { type: err.name, message: err.message } : String(err) },
        'delivery jobs not enqueued; the reconciler will enqueue them',
      );
      return 0;
    } finally {
      clearTimeout(timer);
    }
  }
}
