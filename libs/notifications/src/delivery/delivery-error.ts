/**
 * A failed send, described by a short code only ("HTTP 503", "timeout", "network ECONNREFUSED",
 * "smtp EENVELOPE 550"): it goes to delivery.last_error, logs and job records, so it never
 * carries a body, a server's free text or an address.
 */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    /** Retrying cannot help (e.g. the SMTP server refused the message for good): dead-letter now. */
    readonly permanent = false,
  ) {
    super(code);
    this.name = 'DeliveryError';
  }
}

const MAX_LENGTH = 120;
const clean = (s: string) =>
  s
    .replace(/[^A-Za-z0-9 _.:-]/g, '')
    .trim()
    .slice(0, MAX_LENGTH) || 'error';

/** The code of any error a channel threw, and whether retrying is pointless. */
export function describeDeliveryError(err: unknown): { code: string; permanent: boolean } {
  if (err instanceof DeliveryError) return { code: clean(err.code), permanent: err.permanent };
  // Duck-typed, not `instanceof Error`: fetch's DOMException and errors from other realms count too.
  if (!err || typeof err !== 'object' || typeof (err as { name?: unknown }).name !== 'string') return { code: 'error', permanent: false };
  const e = err as { name: string; code?: unknown; responseCode?: unknown; permanent?: unknown; cause?: { code?: unknown } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { code: 'timeout', permanent: false };
  if (typeof e.responseCode === 'number' || (typeof e.code === 'string' && e.code.startsWith('E') && 'command' in e)) {
    // nodemailer: a code of its own and the SMTP reply code; `response` (server text that may echo an address) is left out.
    return { code: clean(`smtp ${String(e.code ?? '')} ${typeof e.responseCode === 'number' ? e.responseCode : ''}`), permanent: e.permanent === true };
  }
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  if (code) return { code: clean(`network ${code}`), permanent: false };
  return { code: clean(e.name), permanent: false };
}
