import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** What a worker instance needs besides its module; shared by main.ts and the tests. */
export function configureWorker<T extends INestApplicationContext>(app: T): T {
  // JSON lines through pino, like the API; there are no requests, so job ids are the correlation ids.
  app.useLogger(app.get(Logger));
  return app;
}
