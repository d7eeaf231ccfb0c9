import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { dataSourceOptions } from '../../libs/platform/src/database/data-source.options';

/**
 * The data source options with the migrations up to and including `name`, so that a test of one
 * migration's data can stand just before it and just after it, however many migrations come later.
 */
export function optionsThrough(url: string, name: string): DataSourceOptions {
  const at = MIGRATIONS.findIndex((migration) => migration.name === name);
  if (at < 0) throw new Error(`no migration named ${name}`);
  return { ...dataSourceOptions(url), migrations: MIGRATIONS.slice(0, at + 1) } as DataSourceOptions;
}

/** Reverts every migration run after `name`, newest first, so that `name` is the last one run. */
export async function revertAfter(url: string, name: string): Promise<void> {
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    for (;;) {
      const [last] = (await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`)) as { name: string }[];
      if (!last || last.name === name) return;
      await ds.undoLastMigration({ transaction: 'each' });
    }
  } finally {
    await ds.destroy();
  }
}
