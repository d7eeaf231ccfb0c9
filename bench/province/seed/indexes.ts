import { Client } from 'pg';

export interface IndexDefinition {
  table: string;
  name: string;
  definition: string;
}

/**
 * The secondary indexes of `tables`: every index no constraint relies on (primary keys, unique
 * constraints and the keys foreign keys point at stay). Loading millions of rows and building
 * each index once afterwards is several times faster than maintaining it row by row.
 */
export async function secondaryIndexes(db: Client, tables: string[]): Promise<IndexDefinition[]> {
  const { rows } = await db.query(
    `SELECT t.relname AS table, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY t.relname, ic.relname`,
    [tables],
  );
  return rows;
}

export async function dropIndexes(db: Client, indexes: IndexDefinition[]): Promise<void> {
  for (const index of indexes) await db.query(`DROP INDEX ${JSON.stringify(index.name)}`);
}

/**
 * Builds the indexes again from their own definitions, on `parallel` connections at once (each
 * build is mostly one core's work; btree builds also get parallel workers), largest tables first.
 * Then checks that every index is back exactly as it was.
 */
export async function rebuildIndexes(url: string, db: Client, indexes: IndexDefinition[], parallel: number): Promise<void> {
  const sizes = new Map<string, number>(
    (await db.query(`SELECT relname, reltuples FROM pg_class WHERE relname = ANY($1::text[])`, [[...new Set(indexes.map((i) => i.table))]])).rows.map((r) => [
      r.relname,
      Number(r.reltuples),
    ]),
  );
  // Trigram (GIN) builds are the slowest per row; start them first.
  const cost = (i: IndexDefinition) => (sizes.get(i.table) ?? 0) * (/USING gin/i.test(i.definition) ? 8 : 1);
  const queue = [...indexes].sort((a, b) => cost(b) - cost(a));
  const workers = Array.from({ length: parallel }, async () => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`SET maintenance_work_mem = '1GB'`);
      await c.query(`SET max_parallel_maintenance_workers = 1`);
      for (let next = queue.shift(); next; next = queue.shift()) await c.query(next.definition);
    } finally {
      await c.end();
    }
  });
  await Promise.all(workers);

  const now = await secondaryIndexes(db, [...new Set(indexes.map((i) => i.table))]);
  const key = (i: IndexDefinition) => `${i.name}: ${i.definition}`;
  const missing = indexes.map(key).filter((k) => !now.some((i) => key(i) === k));
  if (missing.length) throw new Error(`indexes not rebuilt as they were: ${missing.join('; ')}`);
}
