import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { validateEnv } from '../config/env.validate';
import { dataSourceOptions } from './data-source.options';

// The TypeORM CLI (npm run migration:*) needs a module whose only export is a
// DataSource; it loads every entity by glob so that migration:generate can diff.
export default new DataSource(
  dataSourceOptions(validateEnv(process.env).DATABASE_URL, {
    entities: [join(__dirname, '../../../../{apps,libs}/**/*.entity.{ts,js}')],
  }),
);
