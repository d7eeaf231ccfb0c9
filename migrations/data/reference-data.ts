import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * The reference CSVs live beside the migrations in the repository. Compiled
 * migrations run from dist/, so look beside this file first and fall back to
 * the repository's copy (the working directory of every Haven process).
 */
export function readReferenceCsv<T>(file: string): T[] {
  const candidates = [join(__dirname, file), resolve(process.cwd(), 'migrations', 'data', file)];
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new Error(`reference data file ${file} not found (looked in ${candidates.join(', ')})`);
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as T[];
}
