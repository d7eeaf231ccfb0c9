import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ShutdownHealthIndicator } from '../health/shutdown.health';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** How long connections still open after the drain get to finish before they are cut. */
const CLOSE_GRACE_MS = 10_000;

/**
 * While draining, every response asks its client to close the connection, so
 * keep-alive clients reconnect (to another instance, once readiness has
 * taken this one out) instead of reusing a socket that is about to go.
 */
export function closeConnectionsWhileDraining(app: NestFastifyApplication): void {
  const shutdown = app.get(ShutdownHealthIndicator);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (_request, reply) => {
      if (shutdown.draining) void reply.header('connection', 'close');
    });
}

/**
 * On SIGTERM or SIGINT: readiness turns 503 at once, requests are still served
 * for `drainMs` (long enough for load balancers to notice), then the server
 * stops accepting, finishes what is in flight, and only then do the
 * application's own resources (database, Redis, queues) close. A second signal
 * cuts the drain short.
 */
export function shutDownGracefully(app: NestFastifyApplication, drainMs: number): void {
  const logger = new Logger('Shutdown');
  const shutdown = app.get(ShutdownHealthIndicator);
  let endDrain: (() => void) | undefined;

  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdown.draining) {
      endDrain?.();
      return;
    }
    shutdown.startDraining();
    logger.log(`${signal}: draining for ${drainMs} ms, then closing`);
    const drained = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, drainMs);
      endDrain = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    drained
      .then(() => stopAccepting(app.getHttpServer() as Server))
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`Haven API failed to shut down cleanly: ${(err as Error)?.stack ?? String(err)}\n`);
          process.exit(1);
        },
      );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

/**
 * Closes the listening socket and waits (up to CLOSE_GRACE_MS) for open
 * connections to end, before app.close() tears down what their requests use.
 * Not http.Server#close: since Node 19 it also destroys idle connections at
 * once, and a connection accepted a moment ago is "idle" while its request is
 * still on the wire, so that client would see a reset. Each connection here
 * closes itself after its next response instead (Connection: close), or at
 * the headers timeout. Fastify's own close later finds the server stopped,
 * which it and Nest's adapter accept.
 */
function stopAccepting(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, CLOSE_GRACE_MS);
    timer.unref();
    NetServer.prototype.close.call(server, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
