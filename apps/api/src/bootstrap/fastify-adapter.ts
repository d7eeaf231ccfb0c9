import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, resolveRequestId } from '@haven/platform';

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

export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    genReqId: (req: IncomingMessage) => resolveRequestId(req),
    bodyLimit: BODY_LIMIT,
    trustProxy: true,
    frameworkErrors,
    // Nest's logger (pino) logs requests; Fastify's own logger stays off.
    logger: false,
  });
}
