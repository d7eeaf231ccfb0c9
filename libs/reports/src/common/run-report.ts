import type { DataSource } from 'typeorm';
import type { SqlQuery } from './report-sql';

/**
 * A report's statements, run side by side on the pool: they are independent reads, and a report
 * answers as fast as its slowest statement rather than their sum. (The benchmark's raw-SQL
 * baseline does exactly the same.)
 */
export function runReport(dataSource: DataSource, queries: SqlQuery[]): Promise<unknown[][]> {
  return Promise.all(queries.map((q) => dataSource.query(q.text, q.values) as Promise<unknown[]>));
}
