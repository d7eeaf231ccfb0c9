import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How Haven signs a webhook, and how a receiver checks one.
 *
 *   X-Haven-Timestamp: <unix seconds when this attempt was sent>
 *   X-Haven-Signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`)>
 *   X-Haven-Delivery:  <delivery id: the same on every retry of this notification to this URL>
 *
 * The receiver recomputes the HMAC over the raw body bytes it received (before parsing the
 * JSON), compares in constant time, and refuses timestamps older (or newer) than a tolerance,
 * so a captured request cannot be replayed later. Each retry is signed afresh; a receiver that
 * answered 2xx but whose answer was lost may see a delivery id twice, and should ignore repeats.
 */
export const WEBHOOK_HEADERS = {
  timestamp: 'x-haven-timestamp',
  signature: 'x-haven-signature',
  delivery: 'x-haven-delivery',
} as const;

export const SIGNATURE_VERSION = 'v1';

function hmacHex(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The X-Haven-Signature value of a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return `${SIGNATURE_VERSION}=${hmacHex(secret, timestamp, rawBody)}`;
}

/**
 * True if `header` (X-Haven-Signature) is a valid signature of `rawBody` sent at `timestamp`
 * (X-Haven-Timestamp) and the timestamp is within `toleranceSeconds` of now. Several
 * comma-separated `v1=` values are accepted (one matching is enough), for key rotation.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | number | undefined,
  rawBody: string | Buffer,
  header: string | undefined,
  toleranceSeconds = 300,
  now: number = Date.now(),
): boolean {
  if (!secret || header === undefined || timestamp === undefined) return false;
  const ts = typeof timestamp === 'number' ? timestamp : /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isSafeInteger(ts) || Math.abs(now / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, ts, rawBody), 'hex');
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SIGNATURE_VERSION}=`))
    .some((part) => {
      const given = Buffer.from(part.slice(SIGNATURE_VERSION.length + 1), 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
