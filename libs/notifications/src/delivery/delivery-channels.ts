import type { EnvironmentVariables } from '@haven/platform';

export interface DeliveryChannels {
  /** E-mail over SMTP, to recipients who have an address. */
  email: { url: string; from: string } | null;
  /** Signed webhooks to one URL. */
  webhook: { url: string; secret: string } | null;
}

/**
 * Which channels this deployment delivers over: e-mail when SMTP_URL is set, webhooks when
 * WEBHOOK_URL and WEBHOOK_SECRET are (production refuses a URL without a secret; elsewhere an
 * unsigned webhook is never sent). The worker's sender and the reconciler read the same answer,
 * so what one expects the other delivers.
 */
export function deliveryChannels(config: Pick<EnvironmentVariables, 'SMTP_URL' | 'SMTP_FROM' | 'WEBHOOK_URL' | 'WEBHOOK_SECRET'>): DeliveryChannels {
  return {
    email: config.SMTP_URL ? { url: config.SMTP_URL, from: config.SMTP_FROM } : null,
    webhook: config.WEBHOOK_URL && config.WEBHOOK_SECRET ? { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET } : null,
  };
}
