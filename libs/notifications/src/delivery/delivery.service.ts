import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@haven/platform';
import { DeliveryChannels, deliveryChannels } from './delivery-channels';
import { DeliveryChannel, DeliveryStatus } from './delivery.entity';
import { DeliveryError, describeDeliveryError } from './delivery-error';
import { EmailSender } from './email.sender';
import { WebhookSender } from './webhook.sender';

interface LoadedNotification {
  id: string;
  recipient_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, string | number>;
  created_at: Date;
  /** The recipient's address, if they have one and are active. */
  email: string | null;
}

interface Target {
  channel: DeliveryChannel;
  target: string;
}

/** Flat counts for the job's return value (no ids, no addresses). */
export type DeliveryOutcome = { sent: number; dead: number; alreadyDone: number } | { skipped: string };

/** Some channel failed and has tries left: the job throws this so that BullMQ retries it. */
export class DeliveryRetryError extends Error {
  constructor(failures: string[]) {
    super(`delivery failed, will retry: ${failures.join(', ')}`);
    this.name = 'DeliveryRetryError';
  }
}

/**
 * Delivers one notification over every configured channel (worker side).
 *
 * Idempotent per (notification, channel, target): a delivery row is created once and a channel
 * whose row is 'sent' or 'dead' is skipped, so a retried or duplicated job only sends what is
 * still pending. A failure adds one to the row's attempts and keeps its code in last_error; the
 * job then throws and BullMQ retries with exponential backoff.
 *
 * The dead-letter mark is set here, not in the worker's 'failed' event: on the job's last try
 * (attempt >= DELIVERY_ATTEMPTS), or once the row has used up DELIVERY_ATTEMPTS tries (it counts
 * across re-enqueued jobs too), or on a permanent refusal, the row becomes 'dead' in the same
 * UPDATE that records the failure and the job returns normally. A 'failed' listener would run
 * after the job had already failed, in whichever process happened to run it, and a crash in
 * between would lose the mark; here the mark and the failure are one write. If even that write
 * fails (database down), the job fails and the reconciler re-enqueues it later.
 *
 * Sending and recording "sent" cannot be atomic: if the process dies between the two, the next
 * try sends again. Receivers therefore get at least once, with a stable X-Haven-Delivery id to
 * drop repeats.
 */
@Injectable()
export class DeliveryService implements OnModuleInit {
  private readonly logger = new Logger(DeliveryService.name);
  readonly channels: DeliveryChannels;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly email: EmailSender,
    private readonly webhook: WebhookSender,
  ) {
    this.channels = deliveryChannels(config);
  }

  onModuleInit(): void {
    if (this.config.WEBHOOK_URL && !this.channels.webhook) this.logger.warn('WEBHOOK_URL is set but WEBHOOK_SECRET is not: no webhooks are sent');
  }

  async deliver(notificationId: string, attempt: number): Promise<DeliveryOutcome> {
    const fields = { notificationId, attempt };
    const n = await this.load(notificationId);
    if (!n) {
      this.logger.warn(fields, 'delivery skipped: the notification does not exist');
      return { skipped: 'notification not found' };
    }
    const targets = this.targetsOf(n);
    if (targets.length === 0) return { skipped: 'no channel for this notification' };

    const maxAttempts = this.config.DELIVERY_ATTEMPTS;
    const lastTry = attempt >= maxAttempts;
    const outcome = { sent: 0, dead: 0, alreadyDone: 0 };
    const failures: string[] = [];
    for (const t of targets) {
      const row = await this.rowFor(n.id, t);
      if (row.status !== 'pending') {
        outcome.alreadyDone++;
        continue;
      }
      try {
        await this.send(n, t, row.id);
        await this.dataSource.query(`UPDATE delivery SET status = 'sent', attempts = attempts + 1, sent_at = now() WHERE id = $1 AND status = 'pending'`, [
          row.id,
        ]);
        outcome.sent++;
      } catch (err) {
        const { code, permanent } = describeDeliveryError(err);
        // TypeORM answers an UPDATE with [rows, rowCount].
        const [[updated]]: [{ status: DeliveryStatus; attempts: number }[], number] = await this.dataSource.query(
          `UPDATE delivery SET attempts = attempts + 1, last_error = $2,
             status = CASE WHEN $3 OR attempts + 1 >= $4 THEN 'dead' ELSE status END,
             dead_at = CASE WHEN $3 OR attempts + 1 >= $4 THEN now() ELSE dead_at END
           WHERE id = $1 AND status = 'pending'
           RETURNING status, attempts`,
          [row.id, code, lastTry || permanent, maxAttempts],
        );
        if (updated?.status === 'dead') {
          this.logger.error({ ...fields, deliveryId: row.id, channel: t.channel, attempts: updated.attempts, error: code }, 'delivery dead-lettered');
          outcome.dead++;
        } else {
          failures.push(`${t.channel} (${code})`);
        }
      }
    }
    if (failures.length > 0) throw new DeliveryRetryError(failures);
    return outcome;
  }

  private async load(id: string): Promise<LoadedNotification | undefined> {
    const rows: LoadedNotification[] = await this.dataSource.query(
      `SELECT n.id, n.recipient_id, n.kind, n.title, n.body, n.link, n.data, n.created_at,
              CASE WHEN u.active THEN nullif(btrim(u.email), '') END AS email
       FROM notification n JOIN app_user u ON u.id = n.recipient_id
       WHERE n.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Keep in step with the reconciler's query (DeliveryReconciler): the same channels, the same targets. */
  private targetsOf(n: LoadedNotification): Target[] {
    const targets: Target[] = [];
    if (this.channels.email && n.email) targets.push({ channel: 'email', target: n.email });
    if (this.channels.webhook) targets.push({ channel: 'webhook', target: this.channels.webhook.url });
    return targets;
  }

  /** The delivery row of this target, created on the first try. */
  private async rowFor(notificationId: string, t: Target): Promise<{ id: string; status: DeliveryStatus }> {
    const rows: { id: string; status: DeliveryStatus }[] = await this.dataSource.query(
      `WITH created AS (
         INSERT INTO delivery (notification_id, channel, target) VALUES ($1, $2, $3)
         ON CONFLICT (notification_id, channel, target) DO NOTHING
         RETURNING id, status
       )
       SELECT id, status FROM created
       UNION ALL
       SELECT id, status FROM delivery WHERE notification_id = $1 AND channel = $2 AND target = $3
       LIMIT 1`,
      [notificationId, t.channel, t.target],
    );
    return rows[0];
  }

  private async send(n: LoadedNotification, t: Target, deliveryId: string): Promise<void> {
    if (t.channel === 'email') {
      if (!this.channels.email) throw new DeliveryError('email not configured');
      return this.email.send(this.channels.email, deliveryId, { to: t.target, subject: n.title, text: n.body });
    }
    if (!this.channels.webhook) throw new DeliveryError('webhook not configured');
    return this.webhook.send(this.channels.webhook, deliveryId, {
      id: n.id,
      kind: n.kind,
      caseNumber: typeof n.data.caseNumber === 'string' ? n.data.caseNumber : null,
      recipientId: n.recipient_id,
      link: n.link,
      createdAt: new Date(n.created_at).toISOString(),
      data: n.data,
    });
  }
}
