import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/platform/src/database/data-source.options';
import { runMigrationsLocked } from '../../libs/platform/src/database/migration.lock';
import { admin, databaseUrl, RUN_ENV, TEMPLATE_ENV } from './databases';

/**
 * Migrates one template database per run; each test file clones it
 * (CREATE DATABASE ... TEMPLATE), which is much faster than migrating again.
 */
export default async function globalSetup(): Promise<void> {
  // Runs may overlap on one machine: everything a run creates carries its run id.
  const run = randomBytes(4).toString('hex');
  const name = `haven_test_tpl_${run}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const ds = await new DataSource(dataSourceOptions(databaseUrl(name))).initialize();
  try {
    await runMigrationsLocked(ds, { log: () => undefined } as never);
  } finally {
    await ds.destroy();
  }
  process.env[TEMPLATE_ENV] = name;
  process.env[RUN_ENV] = run;
}
