import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/platform/src/database/data-source.options';
import { runMigrationsLocked } from '../../libs/platform/src/database/migration.lock';
import { MIGRATIONS } from '../../migrations';
import { createTestDatabase } from '../support/databases';

const silent = { log: () => undefined } as never;

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  it('apply from an empty database, revert cleanly one by one, and apply again', async () => {
    const db = await createTestDatabase({ empty: true });
    const ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    try {
      expect(await runMigrationsLocked(ds, silent)).toBe(MIGRATIONS.length);
      const applied = await tables(ds);
      expect(applied).toEqual(expect.arrayContaining(['app_user', 'commune', 'province', 'refresh_token']));
      expect(Number((await ds.query(`SELECT count(*) FROM commune`))[0].count)).toBe(3321);
      expect(Number((await ds.query(`SELECT count(*) FROM province`))[0].count)).toBe(34);

      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables(ds)).toEqual([]);
      expect(await ds.query(`SELECT * FROM migrations`)).toEqual([]);

      expect(await runMigrationsLocked(ds, silent)).toBe(MIGRATIONS.length);
      expect(await tables(ds)).toEqual(applied);
      expect(await runMigrationsLocked(ds, silent)).toBe(0);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('run once when two processes race for them (advisory lock)', async () => {
    const db = await createTestDatabase({ empty: true });
    const a = await new DataSource(dataSourceOptions(db.url)).initialize();
    const b = await new DataSource(dataSourceOptions(db.url)).initialize();
    try {
      const ran = await Promise.all([runMigrationsLocked(a, silent), runMigrationsLocked(b, silent)]);
      expect(ran.sort()).toEqual([0, MIGRATIONS.length]);
      const rows: { name: string }[] = await a.query(`SELECT name FROM migrations ORDER BY id`);
      expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    } finally {
      await a.destroy();
      await b.destroy();
      await db.drop();
    }
  });
});
