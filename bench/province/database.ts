import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/platform/src/database/data-source.options';
import { runMigrationsLocked } from '../../libs/platform/src/database/migration.lock';

/** The bench database's URL: the admin URL's server and credentials, pointed at `name`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(adminUrl: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh, empty database: whatever had the name is dropped first (it is the bench's own). */
export async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(adminUrl, `CREATE DATABASE ${name}`);
}

/** Applies pending migrations the way the apps do (under their advisory lock); returns how many ran. */
export async function migrate(url: string): Promise<number> {
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    return await runMigrationsLocked(ds, { log: () => undefined } as never);
  } finally {
    await ds.destroy();
  }
}

/**
 * The dataset a previous run left, if it finished: `bench_dataset` is written last by the seed,
 * so its presence means every table was loaded and indexed.
 */
export async function seededDataset(url: string): Promise<{ cases: number; seededAt: Date } | null> {
  const c = new Client({ connectionString: url });
  try {
    await c.connect();
  } catch (e) {
    if ((e as { code?: string }).code === '3D000') return null; // no such database
    throw e;
  }
  try {
    const { rows } = await c.query(`SELECT to_regclass('bench_dataset') IS NOT NULL AS present`);
    if (!rows[0].present) return null;
    const found = await c.query(`SELECT cases, seeded_at FROM bench_dataset ORDER BY seeded_at DESC LIMIT 1`);
    return found.rows[0] ? { cases: Number(found.rows[0].cases), seededAt: found.rows[0].seeded_at } : null;
  } finally {
    await c.end();
  }
}
