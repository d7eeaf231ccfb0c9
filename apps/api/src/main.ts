import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InvalidEnvironmentError, validateEnv } from '@haven/platform';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { createFastifyAdapter } from './bootstrap/fastify-adapter';
import { shutDownGracefully } from './bootstrap/graceful-shutdown';

async function bootstrap(): Promise<void> {
  // Validate first, so a bad environment is reported in full before anything connects.
  const env = validateEnv(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(env), { bufferLogs: true });
  configureApp(app);
  shutDownGracefully(app, env.SHUTDOWN_DRAIN_MS ?? 0);
  await app.listen(env.PORT, env.HOST);
}

bootstrap().catch((err: unknown) => {
  // The logger may not exist yet; stderr is the only safe place for a start-up failure.
  process.stderr.write(err instanceof InvalidEnvironmentError ? `${err.message}\n` : `Haven API failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
