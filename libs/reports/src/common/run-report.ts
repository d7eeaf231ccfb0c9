import type { DataSource } from 'typeorm';
import type { SqlQuery } from './report-sql';

/**
 * Session settings for report statements only: enough memory for their hash aggregates and sorts
 * to stay off disk, and no JIT (compiling costs more than it saves on queries of this size). SET
 * LOCAL ends with the transaction, so a pooled connection goes back unchanged.
 */
export const REPORT_SETTINGS = [`SET LOCAL work_mem = '64MB'`, `SET LOCAL jit = off`];

/**
 * A report's statements, run side by side on the pool, each in its own read-only transaction
 * with REPORT_SETTINGS: they are independent reads, and a report answers as fast as its slowest
 * statement rather than their sum. (The benchmark's raw-SQL baseline does exactly the same.)
 */
export function runReport(dataSource: DataSource, queries: SqlQuery[]): Promise<unknown[][]> {
  return Promise.all(
    queries.map(async (q) => {
      const runner = dataSource.createQueryRunner();
      try {
        await runner.query(`BEGIN READ ONLY; ${REPORT_SETTINGS.join('; ')}`);
        const rows = (await runner.query(q.text, q.values)) as unknown[];
        await runner.query('COMMIT');
        return rows;
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        await runner.release();
      }
    }),
  );
}
