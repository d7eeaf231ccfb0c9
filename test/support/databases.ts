import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server tests may create and drop databases on (never the demo database). */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const TEMPLATE_ENV = 'HAVEN_TEST_TEMPLATE_DB';
export const RUN_ENV = 'HAVEN_TEST_RUN';

/** A fresh database cloned from the migrated template that global setup made. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const template = process.env[TEMPLATE_ENV];
  if (!options.empty && !template) throw new Error('no template database: run the e2e tests through jest (global setup)');
  const name = `haven_test_${process.env[RUN_ENV] ?? 'x'}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
