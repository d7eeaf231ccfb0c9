import type { Client } from 'pg';

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/**
 * The foreign keys declared on `tables`. Checked row by row they cost more than the load itself
 * (a case row has eight); added back after the load, each is validated by one set-based query.
 */
export async function foreignKeys(db: Client, tables: string[]): Promise<ForeignKey[]> {
  const { rows } = await db.query(
    `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'f' AND t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1::text[])
      ORDER BY t.relname, c.conname`,
    [tables],
  );
  return rows;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function dropForeignKeys(db: Client, keys: ForeignKey[]): Promise<void> {
  for (const k of keys) await db.query(`ALTER TABLE ${quoted(k.table)} DROP CONSTRAINT ${quoted(k.name)}`);
}

/** Adds the keys back as they were; ADD CONSTRAINT validates every existing row, so a dangling reference fails the seed. */
export async function restoreForeignKeys(db: Client, keys: ForeignKey[]): Promise<void> {
  for (const k of keys) await db.query(`ALTER TABLE ${quoted(k.table)} ADD CONSTRAINT ${quoted(k.name)} ${k.definition}`);
  const now = await foreignKeys(db, [...new Set(keys.map((k) => k.table))]);
  const key = (k: ForeignKey) => `${k.table}.${k.name}: ${k.definition}`;
  const missing = keys.map(key).filter((k) => !now.some((n) => key(n) === k));
  if (missing.length) throw new Error(`foreign keys not restored as they were: ${missing.join('; ')}`);
}
