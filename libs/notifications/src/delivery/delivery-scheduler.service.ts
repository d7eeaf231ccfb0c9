import { Injectable } from '@nestjs/common';
import { AppConfig, JobName, JobQueue } from '@haven/platform';
import { deliveryChannels } from './delivery-channels';

/**
 * BullMQ refuses custom job ids with a single ':' (they would look like its own repeat-job ids),
 * hence the dash. One job id per notification: enqueueing twice — the caller and the reconciler,
 * or a retried request — adds one job.
 */
export const deliveryJobId = (notificationId: string): string => `deliver-${notificationId}`;

/**
 * Puts delivery jobs on the Delivery queue after the notifications' transaction has committed
 * (JobQueue.enqueueAfterCommit: never throws, waits at most two seconds while Redis is away). The
 * database is the source of truth: the reconciler enqueues what is missing within a minute of
 * Redis coming back.
 */
@Injectable()
export class DeliveryScheduler {
  /** Whether notices leave the inbox at all (e-mail, webhooks): decided here once, for every caller. */
  private readonly delivers: boolean;

  constructor(
    private readonly jobs: JobQueue,
    config: AppConfig,
  ) {
    const channels = deliveryChannels(config);
    this.delivers = channels.email !== null || channels.webhook !== null;
  }

  /**
   * Call after commit with the ids NotificationsService.notify returned. Resolves to how many were
   * enqueued: none when this deployment has no delivery channel (the inbox is all there is).
   */
  async enqueue(notificationIds: readonly string[]): Promise<number> {
    if (!this.delivers) return 0;
    return this.jobs.enqueueAfterCommit(
      notificationIds.map((id) => ({ name: JobName.DeliverNotification, data: { notificationId: id }, id: deliveryJobId(id) })),
    );
  }
}
