/**
 * Failures that say "the database cannot serve this request now", not "this request is wrong":
 * the caller may retry later, so the API answers 503 with Retry-After rather than 500.
 */

/** SQLSTATEs: class 08 (connection exception) is matched by prefix; the server shutting down or refusing connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Socket errors of reaching the server (Node's `code`). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** node-postgres and pg-pool say these in words only, without a code. */
const DRIVER_MESSAGES = [
  // pg-pool: no free connection within connectionTimeoutMillis (DB_POOL_ACQUIRE_TIMEOUT_MS).
  /^timeout exceeded when trying to connect$/,
  // pg: the socket closed (server gone, network cut), or a new connection could not open in time.
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^Client has encountered a connection error and is not queryable$/,
];

/** True for a pool acquisition timeout or a lost or refused database connection, however TypeORM wrapped it. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || NETWORK_CODES.has(code))) return true;
  if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => m.test(message))) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
