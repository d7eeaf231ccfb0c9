import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config.module';
import { validateEnv } from '../config/env.validate';
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
        // A request that cannot get a connection in time fails (503, see isDatabaseUnavailable) instead of hanging forever.
        ...dataSourceOptions(config.DATABASE_URL, { extra: { max: config.DB_POOL_SIZE, connectionTimeoutMillis: config.DB_POOL_ACQUIRE_TIMEOUT_MS } }),
        autoLoadEntities: true,
      }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        // The factory cannot inject; read the flag through the same validation as AppConfig.
        if (validateEnv(process.env).DB_MIGRATIONS_RUN) await runMigrationsLocked(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
