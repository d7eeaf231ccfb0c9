import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobContext, JobHandler, JobName, JobPayload, JobResult } from '@haven/platform';
import { DeliveryReconciler, DeliveryService } from '@haven/notifications';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_LOOKBACK_HOURS = 24 * 30;

/** Delivery of notifications (e-mail, webhooks) and the reconciler that keeps it from losing any. */
@Injectable()
export class NotificationJobs {
  constructor(
    private readonly delivery: DeliveryService,
    private readonly reconciler: DeliveryReconciler,
  ) {}

  /**
   * Reloads the notification and sends what is still pending on each channel. Throws while a
   * channel fails with tries left (BullMQ retries with backoff); returns once each channel is
   * sent or dead-lettered. See DeliveryService for why the dead-letter mark is set here.
   */
  @JobHandler(JobName.DeliverNotification)
  async deliverNotification(payload: JobPayload<JobName.DeliverNotification>, context: JobContext): Promise<JobResult> {
    if (typeof payload?.notificationId !== 'string' || !UUID.test(payload.notificationId)) {
      throw new UnrecoverableError('notificationId must be a UUID');
    }
    return this.delivery.deliver(payload.notificationId, context.attempt);
  }

  /** Every minute: enqueues notifications whose delivery job is missing. Idempotent. */
  @JobHandler(JobName.ReconcileDeliveries)
  async reconcileDeliveries(payload: JobPayload<JobName.ReconcileDeliveries>): Promise<JobResult> {
    const hours = payload?.lookbackHours;
    if (!Number.isInteger(hours) || hours < 1 || hours > MAX_LOOKBACK_HOURS) {
      throw new UnrecoverableError(`lookbackHours must be an integer from 1 to ${MAX_LOOKBACK_HOURS}`);
    }
    return { ...(await this.reconciler.reconcile(hours)) };
  }
}
