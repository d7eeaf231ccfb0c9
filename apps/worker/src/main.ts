import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { InvalidEnvironmentError, validateEnv } from '@haven/platform';
import { configureWorker } from './bootstrap/configure-worker';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  // Validate first, so a bad environment is reported in full before anything connects.
  validateEnv(process.env);
  // Every log line says which app wrote it.
  process.env.HAVEN_APP = 'worker';
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  configureWorker(app);
  // On SIGTERM/SIGINT: workers finish their jobs, queues and the database close, then exit 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
}

bootstrap().catch((err: unknown) => {
  // The logger may not exist yet; stderr is the only safe place for a start-up failure.
  process.stderr.write(err instanceof InvalidEnvironmentError ? `${err.message}\n` : `Haven worker failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
