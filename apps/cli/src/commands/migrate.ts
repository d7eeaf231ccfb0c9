import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrationsLocked } from '@haven/platform';

/**
 * Applies pending migrations under the advisory lock the apps use, so it is
 * safe while an API or worker is starting. Returns how many ran; the lock
 * helper logs their names.
 */
export async function migrate(databaseUrl: string, logger = new Logger('migrate')): Promise<number> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl, { extra: { max: 2 } })).initialize();
  try {
    const ran = await runMigrationsLocked(dataSource, logger);
    if (ran === 0) logger.log('no pending migrations: the schema is up to date');
    return ran;
  } finally {
    await dataSource.destroy();
  }
}
