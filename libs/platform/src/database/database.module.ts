import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config.module';
import { dataSourceOptions } from './data-source.options';
import { runMigrationsLocked } from './migration.lock';

/**
 * The TypeORM connection for an app. Pending migrations run before any
 * repository is handed out, under the advisory lock.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.DATABASE_URL, { extra: { max: config.DB_POOL_SIZE } }),
        autoLoadEntities: true,
      }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        if (process.env.DB_MIGRATIONS_RUN !== 'false') await runMigrationsLocked(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
