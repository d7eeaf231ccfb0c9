import type { SqlQuery } from '../common/report-sql';
import { FACT_BUCKET, FACT_MONTH, FACT_OUTCOME } from './deadline-facts';

/**
 * Folds up to `batch` met or cancelled deadlines not yet in the rollup, in one statement: marks
 * them, adds them to their rollup rows, answers how many it folded. SKIP LOCKED lets two workers
 * fold side by side; the rollup rows are upserted in key order so they can never deadlock.
 */
export function foldDeadlinesQuery(batch: number): SqlQuery {
  return {
    text: `WITH picked AS (
        SELECT id FROM deadline WHERE status <> 'open' AND NOT rolled_up LIMIT $1 FOR UPDATE SKIP LOCKED
      ), folded AS (
        UPDATE deadline d SET rolled_up = true FROM picked WHERE d.id = picked.id
        RETURNING d.province_code, ${FACT_MONTH('d')} AS month, d.kind, d.commune_code, ${FACT_OUTCOME('d')} AS outcome, ${FACT_BUCKET('d')} AS bucket
      ), added AS (
        INSERT INTO deadline_rollup (province_code, month, kind, commune_code, outcome, bucket, n)
        SELECT province_code, month, kind, commune_code, outcome, bucket, count(*) FROM folded
         GROUP BY province_code, month, kind, commune_code, outcome, bucket
         ORDER BY province_code, month, kind, commune_code, outcome, bucket
        ON CONFLICT (province_code, month, kind, commune_code, outcome, bucket) DO UPDATE SET n = deadline_rollup.n + EXCLUDED.n
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM folded)::int AS folded, (SELECT count(*) FROM added)::int AS rows`,
    values: [batch],
  };
}

/**
 * The rollup rebuilt from the deadlines already marked as folded (after a bulk load, or to repair
 * it): the same grouping as the fold, in one pass. Run both statements in one transaction.
 */
export function rebuildRollupQueries(): SqlQuery[] {
  return [
    { text: `DELETE FROM deadline_rollup`, values: [] },
    {
      text: `INSERT INTO deadline_rollup (province_code, month, kind, commune_code, outcome, bucket, n)
        SELECT d.province_code, ${FACT_MONTH('d')}, d.kind, d.commune_code, ${FACT_OUTCOME('d')}, ${FACT_BUCKET('d')}, count(*)
          FROM deadline d WHERE d.rolled_up
         GROUP BY 1, 2, 3, 4, 5, 6`,
      values: [],
    },
  ];
}
