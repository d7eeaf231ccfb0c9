import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { resolveRequestId } from '@haven/platform';

export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    genReqId: (req: IncomingMessage) => resolveRequestId(req),
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    // Nest's logger (pino) logs requests; Fastify's own logger stays off.
    logger: false,
  });
}
