import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * One definition of the connection for the apps, the CLI and the tests.
 * Entities are registered by the feature modules (autoLoadEntities) in the
 * apps; the TypeORM CLI only needs the migrations.
 */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    ...extra,
  } as DataSourceOptions;
}
