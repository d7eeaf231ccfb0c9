import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { Clock } from '@haven/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/bootstrap/configure-app';
import { createFastifyAdapter } from '../../apps/api/src/bootstrap/fastify-adapter';
import { createTestDatabase, RUN_ENV } from './databases';

export interface TestApi {
  app: NestFastifyApplication;
  http: TestAgent;
  db: DataSource;
  databaseUrl: string;
  close(): Promise<void>;
}

/** A unique Redis key prefix for one test app, removed by global teardown. */
export function testQueuePrefix(): string {
  return `haven-test-${process.env[RUN_ENV] ?? 'x'}-${randomBytes(3).toString('hex')}`;
}

export interface StartApiOptions {
  /** Run on this database (the caller creates and drops it) instead of a fresh clone of the template. */
  databaseUrl?: string;
  /** The Clock the API's rules read (a FixedClock, to run them at a chosen instant); the real one otherwise. */
  clock?: Clock;
}

/**
 * The real API (same module, same pipeline as main.ts) on a fresh database
 * cloned from the migrated template, with its own Redis key prefix.
 */
export async function startApi(env: Record<string, string> = {}, options: StartApiOptions = {}): Promise<TestApi> {
  // A given database belongs to the caller, who drops it.
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: database.url, QUEUE_PREFIX: testQueuePrefix(), DB_POOL_SIZE: '5' }, env);
  const builder = Test.createTestingModule({ imports: [AppModule] });
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = configureApp(moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { bufferLogs: true }));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
