import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Arbitrary but fixed: every Haven process takes the same lock before migrating. */
export const MIGRATION_LOCK_KEY = 46_2025_111;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so the API
 * and the worker starting together never race: the second waits, then finds
 * nothing left to do.
 */
export async function runMigrationsLocked(dataSource: DataSource, logger = new Logger('Migrations')): Promise<number> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      if (ran.length > 0) logger.log(`applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(', ')}`);
      return ran.length;
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
