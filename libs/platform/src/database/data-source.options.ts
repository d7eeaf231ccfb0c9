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
    // TypeORM's logger prints failed queries with their parameters (personal data) to stdout; errors reach our logger through the exception filter instead.
    logging: false,
    ...extra,
  } as DataSourceOptions;
}
