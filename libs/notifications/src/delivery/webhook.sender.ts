import { Injectable } from '@nestjs/common';
import { DeliveryError } from './delivery-error';
import { signWebhook } from './webhook-signature';

/** The JSON a webhook receiver gets: ids, codes, the case number and a link — nothing about the child. */
export interface WebhookPayload {
  /** The notification's id. */
  id: string;
  kind: string;
  caseNumber: string | null;
  /** Who the notice is for (a Haven user id). */
  recipientId: string;
  link: string | null;
  createdAt: string;
  data: Record<string, string | number>;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

/** POSTs one signed webhook; anything but a 2xx answer within the timeout is a failure. */
@Injectable()
export class WebhookSender {
  async send(webhook: { url: string; secret: string }, deliveryId: string, payload: WebhookPayload): Promise<void> {
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(webhook.url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Haven-Webhooks/1',
        'x-haven-timestamp': String(timestamp),
        'x-haven-signature': signWebhook(webhook.secret, timestamp, body),
        'x-haven-delivery': deliveryId,
      },
      // A redirect is the receiver's misconfiguration; following it would send the event elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    // The answer's body is never read, let alone stored.
    await response.body?.cancel().catch(() => undefined);
    if (response.status < 200 || response.status > 299) throw new DeliveryError(`HTTP ${response.status}`);
  }
}
