import { NestFactory } from '@nestjs/core';
import { CliLogger } from '../cli-logger';
import { CliModule } from '../cli.module';
import { DemoSeedReport, DemoSeedService } from '../demo/demo-seed.service';

/** Runs the demo seed in a standalone Nest context (no HTTP server). */
export async function seedDemo(logger: CliLogger, password: string): Promise<DemoSeedReport> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger, abortOnError: false });
  try {
    return await app.get(DemoSeedService).run({ password });
  } finally {
    await app.close();
  }
}
