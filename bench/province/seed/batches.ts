import { Client } from 'pg';
import { insertCases, insertChildren, insertDeadlines, insertEpisodes, insertEvents, insertReferrals } from './rows';

const STEPS = {
  children: insertChildren,
  cases: insertCases,
  events: insertEvents,
  referrals: insertReferrals,
  deadlines: insertDeadlines,
  episodes: insertEpisodes,
};
type Step = keyof typeof STEPS;

const BATCH = 50_000;

/**
 * Every table's rows for cases 1..cases, BATCH cases at a time on `connections` connections at
 * once (one per core): with the foreign keys set aside the batches are independent. Returns the
 * rows per table and the time spent on each, summed over the connections.
 */
export async function loadInBatches(
  url: string,
  cases: number,
  connections: number,
  progress: (done: number) => void,
): Promise<Record<Step, { rows: number; ms: number }>> {
  const totals = Object.fromEntries(Object.keys(STEPS).map((k) => [k, { rows: 0, ms: 0 }])) as Record<Step, { rows: number; ms: number }>;
  let next = 1;
  let done = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        // Losing the last commits on a crash costs nothing here: an unfinished seed is redone.
        await c.query(`SET synchronous_commit = off`);
        await c.query(`SET work_mem = '256MB'`);
        // Taking the next batch is synchronous, so two connections never take the same one.
        for (let from = next; from <= cases; from = next) {
          next += BATCH;
          const to = Math.min(cases, from + BATCH - 1);
          for (const [name, insert] of Object.entries(STEPS) as [Step, typeof insertCases][]) {
            const started = Date.now();
            const inserted = await insert(c, from, to);
            totals[name].rows += inserted;
            totals[name].ms += Date.now() - started;
          }
          done += to - from + 1;
          progress(done);
        }
      } finally {
        await c.end();
      }
    }),
  );
  return totals;
}
