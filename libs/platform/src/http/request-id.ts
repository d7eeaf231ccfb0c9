import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const VALID = /^[A-Za-z0-9._:-]{8,128}$/;
const KEY = Symbol('havenRequestId');

/**
 * The request's correlation id: the caller's `X-Request-Id` when it looks
 * safe, else a fresh UUID. Cached on the raw request so Fastify and the
 * request logger agree on one id.
 */
export function resolveRequestId(req: IncomingMessage): string {
  const cached = (req as unknown as Record<symbol, string>)[KEY];
  if (cached) return cached;
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  const id = given && VALID.test(given) ? given : randomUUID();
  (req as unknown as Record<symbol, string>)[KEY] = id;
  return id;
}
