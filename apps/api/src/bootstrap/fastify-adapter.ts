import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { EnvironmentVariables, ErrorCode, resolveRequestId, validateEnv } from '@haven/platform';

export const BODY_LIMIT = 1024 * 1024;

/**
 * The router rejects a malformed URL (400) or an over-long path parameter
 * (414) before any hook or filter runs; answer those in the API's error shape
 * too.
 */
function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const message = error.statusCode === 414 ? 'A path parameter is too long' : 'The URL is malformed (invalid percent-encoding)';
  void reply
    .status(400)
    .header('x-request-id', request.id)
    .send({ error: { code: ErrorCode.MalformedUrl, message, details: [] }, requestId: request.id });
}

/**
 * Node checks headers and request timeouts on a timer (30 s by default), so a
 * 10 s headers timeout could hold a slow client for 40 s; check often enough
 * that the timeout means what it says.
 */
function checkingInterval(headersTimeoutMs: number): number {
  return Math.max(100, Math.min(1000, Math.floor(headersTimeoutMs / 4)));
}

export function createFastifyAdapter(env: EnvironmentVariables = validateEnv(process.env)): FastifyAdapter {
  const adapter = new FastifyAdapter({
    genReqId: (req: IncomingMessage) => resolveRequestId(req),
    bodyLimit: BODY_LIMIT,
    // Only a listed proxy's X-Forwarded-For names the client; anyone else could rotate it past the rate limits.
    trustProxy: env.TRUSTED_PROXIES.length > 0 ? env.TRUSTED_PROXIES : false,
    connectionTimeout: env.HTTP_CONNECTION_TIMEOUT_MS,
    requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: checkingInterval(env.HTTP_HEADERS_TIMEOUT_MS),
    },
    // The drain (see graceful-shutdown.ts) already sent clients away; a straggler is better served than refused.
    return503OnClosing: false,
    frameworkErrors,
    // Nest's logger (pino) logs requests; Fastify's own logger stays off.
    logger: false,
  });
  adapter.getInstance().server.maxConnections = env.HTTP_MAX_CONNECTIONS;
  return adapter;
}
