import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, JobName, JobQueue, QueueName } from '@haven/platform';
import { DeliveryChannels, deliveryChannels } from './delivery-channels';
import { deliveryJobId } from './delivery-scheduler.service';

/** Notifications looked at per run; a bigger backlog takes a few runs (one a minute). */
export const RECONCILE_BATCH = 1000;

export interface ReconcileOutcome {
  /** Notifications with a configured channel that is neither sent nor dead. */
  undelivered: number;
  /** Of those, how many had no job and got one. */
  enqueued: number;
  /** Of those, how many had a finished job (failed before recording why, or ran before the channel existed) and got a fresh one. */
  requeued: number;
}

/**
 * Finds notifications that should be delivered but are not, and have no job to do it — Redis was
 * down when their transaction committed, the queue was flushed, or a job failed before it could
 * record the failure — and enqueues them again. Runs every minute (JobName.ReconcileDeliveries,
 * a job scheduler the worker upserts at boot). Harmless when there is nothing to do, and when it
 * races the after-commit enqueue: job ids are deterministic, and delivery rows make a second job
 * send nothing twice.
 *
 * A notification whose job finished while a channel is still neither sent nor dead gets a fresh
 * job too: the job failed without recording why (e.g. the database was down on its last try), or
 * the channel was configured (or the recipient got an e-mail address) after it ran — so a newly
 * connected channel also receives the notices of the lookback window. This cannot loop: the
 * delivery job and this query pick channels and targets the same way, so once the job has run,
 * each of them is sent or dead.
 */
@Injectable()
export class DeliveryReconciler {
  private readonly logger = new Logger(DeliveryReconciler.name);
  private readonly channels: DeliveryChannels;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    config: AppConfig,
  ) {
    this.channels = deliveryChannels(config);
  }

  /** Looks at notifications created within the last `lookbackHours`. */
  async reconcile(lookbackHours: number): Promise<ReconcileOutcome> {
    const outcome: ReconcileOutcome = { undelivered: 0, enqueued: 0, requeued: 0 };
    const { email, webhook } = this.channels;
    if (!email && !webhook) return outcome;
    // Keep in step with DeliveryService.targetsOf: the same channels, the same targets.
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT n.id FROM notification n JOIN app_user u ON u.id = n.recipient_id
       WHERE n.created_at > now() - make_interval(hours => $1)
         AND (
           ($2 AND u.active AND nullif(btrim(u.email), '') IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM delivery d
             WHERE d.notification_id = n.id AND d.channel = 'email' AND d.target = btrim(u.email) AND d.status IN ('sent', 'dead')))
           OR ($3 AND NOT EXISTS (
             SELECT 1 FROM delivery d
             WHERE d.notification_id = n.id AND d.channel = 'webhook' AND d.target = $4 AND d.status IN ('sent', 'dead')))
         )
       ORDER BY n.created_at
       LIMIT $5`,
      [lookbackHours, email !== null, webhook !== null, webhook?.url ?? '', RECONCILE_BATCH],
    );
    outcome.undelivered = rows.length;
    const queue = this.jobs.queue(QueueName.Delivery);
    for (const { id } of rows) {
      const jobId = deliveryJobId(id);
      const state = await queue.getJobState(jobId);
      if (state === 'completed' || state === 'failed') {
        // A job with this id would be ignored while the finished one exists.
        await queue.remove(jobId);
        outcome.requeued++;
      } else if (state === 'unknown') {
        outcome.enqueued++;
      } else {
        continue; // waiting, delayed, active: on its way
      }
      await this.jobs.add(JobName.DeliverNotification, { notificationId: id }, this.jobs.optionsFor(JobName.DeliverNotification, jobId));
    }
    if (outcome.enqueued + outcome.requeued > 0) this.logger.warn({ ...outcome }, 'enqueued notifications that had no delivery job');
    return outcome;
  }
}
