import { rebuildRollupQueries } from '@haven/reports';
import { Client } from 'pg';
import { hashPassword } from '../../libs/auth/src/users/password';
import { loadInBatches } from './seed/batches';
import { dropForeignKeys, foreignKeys, restoreForeignKeys } from './seed/constraints';
import { dropIndexes, rebuildIndexes, secondaryIndexes } from './seed/indexes';
import { seedPeople } from './seed/people';
import { createChildSpans, finishCases } from './seed/rows';
import { createBase, createStory } from './seed/story';
import { BENCH_PASSWORD } from './seed/vocabulary';

/** Tables loaded by the million: their secondary indexes are built once, after the load. */
const BULK_TABLES = ['child', 'case', 'case_event', 'deadline', 'referral', 'case_episode'];
const SCRATCH_TABLES = ['bench_base', 'bench_story', 'bench_child', 'bench_commune', 'bench_org'];
/** Tables whose row counts the seed reports. */
export const COUNTED_TABLES = ['app_user', 'user_commune', 'organisation', 'child', 'case', 'case_event', 'deadline', 'referral', 'case_episode'];
/** This machine kind has two cores: one loading connection for each. */
const SEED_CONNECTIONS = Number(process.env.BENCH_SEED_CONNECTIONS ?? 2);

export type Log = (message: string) => void;

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

export async function rowCounts(db: Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) counts[table] = Number((await db.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
  return counts;
}

/**
 * Loads a province-scale dataset into a freshly migrated database: staff and partners, then
 * `cases` cases with their children, timelines, deadlines, referrals and episodes, all generated
 * in SQL from one story table (bench/province/seed/story.ts). Finishes with VACUUM (ANALYZE), so
 * the planner has statistics and index-only scans see an all-visible table, and records the
 * dataset in bench_dataset last: a seed that did not finish is never reused.
 */
export async function seedDataset(url: string, cases: number, log: Log): Promise<{ seconds: number; counts: Record<string, number> }> {
  const started = Date.now();
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`SET synchronous_commit = off`);
    await db.query(`SET work_mem = '256MB'`);

    let t = Date.now();
    const { communes, intakeOfficers } = await seedPeople(db, await hashPassword(BENCH_PASSWORD));
    log(`staff and partners of ${communes.length} communes (${seconds(t)} s)`);

    t = Date.now();
    await createBase(db, cases);
    await createStory(db, communes.length, intakeOfficers);
    await createChildSpans(db);
    log(`story of ${cases.toLocaleString('en')} cases (${seconds(t)} s)`);

    // Set aside while loading, put back (and checked) afterwards: see indexes.ts and constraints.ts.
    const indexes = await secondaryIndexes(db, BULK_TABLES);
    const keys = await foreignKeys(db, BULK_TABLES);
    await dropIndexes(db, indexes);
    await dropForeignKeys(db, keys);
    // The episode trigger would insert and update case_episode row by row; the story writes it directly.
    await db.query(`ALTER TABLE case_event DISABLE TRIGGER case_event_episode`);
    try {
      t = Date.now();
      const totals = await loadInBatches(url, cases, SEED_CONNECTIONS, (done) =>
        log(`  cases ${done.toLocaleString('en')} / ${cases.toLocaleString('en')} (${seconds(t)} s)`),
      );
      log(
        `  ${Object.entries(totals)
          .map(([table, { rows, ms }]) => `${table} ${rows.toLocaleString('en')} (${(ms / 1000).toFixed(1)} s)`)
          .join(', ')}`,
      );
      await finishCases(db);
      log(`rows loaded (${seconds(t)} s)`);
      t = Date.now();
      await db.query('BEGIN');
      for (const q of rebuildRollupQueries()) await db.query(q.text, q.values);
      await db.query('COMMIT');
      log(`response-time rollup built (${seconds(t)} s)`);
    } finally {
      await db.query(`ALTER TABLE case_event ENABLE TRIGGER case_event_episode`);
    }

    t = Date.now();
    await rebuildIndexes(url, db, indexes, 2);
    log(`${indexes.length} secondary indexes rebuilt (${seconds(t)} s)`);

    t = Date.now();
    for (const table of SCRATCH_TABLES) await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.query(`VACUUM (ANALYZE)`);
    log(`VACUUM (ANALYZE) (${seconds(t)} s)`);

    t = Date.now();
    await restoreForeignKeys(db, keys);
    log(`${keys.length} foreign keys restored and validated (${seconds(t)} s)`);

    const counts = await rowCounts(db);
    const total = (Date.now() - started) / 1000;
    await db.query(
      `CREATE TABLE bench_dataset (cases integer NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now(), seconds numeric NOT NULL, counts jsonb NOT NULL)`,
    );
    await db.query(`INSERT INTO bench_dataset (cases, seconds, counts) VALUES ($1, $2, $3)`, [cases, total, counts]);
    return { seconds: total, counts };
  } finally {
    await db.end();
  }
}
