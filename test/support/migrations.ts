import type { DataSourceOptions } from 'typeorm';
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
