import { describeDeliveryError, DeliveryError } from './delivery-error';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const SECRET = 'whsec-test-0123456789-abcdefghijklmnop';
const BODY = JSON.stringify({ id: 'n1', kind: 'deadline.reminder', caseNumber: '46-2026-000001' });

describe('webhook signatures', () => {
  const now = Date.UTC(2026, 10, 29, 8, 0, 0);
  const ts = Math.floor(now / 1000);

  it('verifies what signWebhook signed, over the raw body, as a string or bytes', () => {
    const header = signWebhook(SECRET, ts, BODY);
    expect(header).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, String(ts), BODY, header, 300, now)).toBe(true);
    expect(verifyWebhookSignature(SECRET, ts, Buffer.from(BODY), header, 300, now)).toBe(true);
  });

  it('refuses a changed body, another secret, another timestamp, or a malformed header', () => {
    const header = signWebhook(SECRET, ts, BODY);
    expect(verifyWebhookSignature(SECRET, ts, BODY.replace('000001', '000002'), header, 300, now)).toBe(false);
    expect(verifyWebhookSignature(`${SECRET}x`, ts, BODY, header, 300, now)).toBe(false);
    expect(verifyWebhookSignature(SECRET, ts + 1, BODY, header, 300, now)).toBe(false);
    expect(verifyWebhookSignature(SECRET, ts, BODY, header.slice(0, -2), 300, now)).toBe(false);
    expect(verifyWebhookSignature(SECRET, ts, BODY, 'v0=' + header.slice(3), 300, now)).toBe(false);
    expect(verifyWebhookSignature(SECRET, ts, BODY, undefined, 300, now)).toBe(false);
    expect(verifyWebhookSignature(SECRET, '1e9', BODY, header, 300, now)).toBe(false);
    expect(verifyWebhookSignature('', ts, BODY, header, 300, now)).toBe(false);
  });

  it('refuses stale and far-future timestamps (replays), within the tolerance only', () => {
    const old = ts - 301;
    expect(verifyWebhookSignature(SECRET, old, BODY, signWebhook(SECRET, old, BODY), 300, now)).toBe(false);
    expect(verifyWebhookSignature(SECRET, old, BODY, signWebhook(SECRET, old, BODY), 600, now)).toBe(true);
    const future = ts + 301;
    expect(verifyWebhookSignature(SECRET, future, BODY, signWebhook(SECRET, future, BODY), 300, now)).toBe(false);
  });

  it('accepts any one matching v1 signature of several (key rotation)', () => {
    const header = `v1=${'0'.repeat(64)}, ${signWebhook(SECRET, ts, BODY)}`;
    expect(verifyWebhookSignature(SECRET, ts, BODY, header, 300, now)).toBe(true);
  });
});

describe('delivery errors', () => {
  it('keep codes only: no server text, no addresses', () => {
    expect(describeDeliveryError(new DeliveryError('HTTP 503'))).toEqual({ code: 'HTTP 503', permanent: false });
    const smtp = Object.assign(new Error('Can’t send mail - all recipients were rejected: 550 <an@example.vn> unknown'), {
      code: 'EENVELOPE',
      command: 'RCPT TO',
      responseCode: 550,
      response: '550 <an@example.vn> unknown',
      permanent: true,
    });
    expect(describeDeliveryError(smtp)).toEqual({ code: 'smtp EENVELOPE 550', permanent: true });
    const fetchFailed = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    expect(describeDeliveryError(fetchFailed)).toEqual({ code: 'network ECONNREFUSED', permanent: false });
    expect(describeDeliveryError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toEqual({ code: 'timeout', permanent: false });
  });
});
