import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { redactUrl } from '../cli-logger';

/** The name of the database a postgres:// URL points at. */
export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL names no database: ${redactUrl(databaseUrl)}`);
  return name;
}

/** The same server and credentials, pointed at a maintenance database (postgres, or template1). */
export function maintenanceUrl(databaseUrl: string, database = 'postgres'): string {
  const u = new URL(databaseUrl);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** A PostgreSQL identifier, quoted: CREATE DATABASE takes no bind parameters. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const pgCode = (e: unknown) => (e as { code?: string } | undefined)?.code;

async function connectToMaintenance(databaseUrl: string): Promise<Client> {
  let lastError: unknown;
  // Some servers refuse connections to "postgres"; template1 always exists.
  for (const db of ['postgres', 'template1']) {
    const client = new Client({ connectionString: maintenanceUrl(databaseUrl, db) });
    try {
      await client.connect();
      return client;
    } catch (e) {
      lastError = e;
      await client.end().catch(() => undefined);
      if (pgCode(e) !== '3D000') break; // only "database does not exist" is worth another try
    }
  }
  throw lastError;
}

/**
 * Creates DATABASE_URL's database unless it exists. Idempotent, and safe when
 * two processes try at once (the loser sees "already exists" and carries on).
 */
export async function createDatabaseIfMissing(databaseUrl: string, logger = new Logger('db:create')): Promise<{ name: string; created: boolean }> {
  const name = databaseName(databaseUrl);
  // The database itself first: where it exists, no maintenance database (nor CREATEDB) is needed.
  const probe = new Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    logger.log(`database ${name} exists`);
    return { name, created: false };
  } catch (e) {
    if (pgCode(e) !== '3D000') throw e; // only "database does not exist" means there is work to do
  } finally {
    await probe.end().catch(() => undefined);
  }

  const client = await connectToMaintenance(databaseUrl);
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return { name, created: false }; // created meanwhile by someone else
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (e) {
      if (pgCode(e) === '42P04') return { name, created: false }; // created meanwhile by someone else
      throw e;
    }
    logger.log(`created database ${name}`);
    return { name, created: true };
  } finally {
    await client.end();
  }
}
