/** The command line of bench/province.bench.ts, parsed once. */

export const SCENARIO_NAMES = ['intake', 'case-list', 'child-search', 'case-detail', 'caseload', 'response-times', 'statistics'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface BenchOptions {
  /** Cases of the dataset (children, events, deadlines… follow from it). */
  cases: number;
  /** Keep a database that already holds a complete dataset of this size instead of seeding again. */
  reuse: boolean;
  /** Only seed (and print the row counts); no API, no measurement. */
  seedOnly: boolean;
  database: string;
  adminUrl: string;
  redisUrl: string;
  /** Seconds measured per scenario and side (API, SQL). */
  duration: number;
  /** Seconds of unmeasured load before each measurement: JIT, plan caches and buffers warm up. */
  warmup: number;
  connections: number;
  /** PostgreSQL connections of the API process and of the SQL baseline's pool. */
  poolSize: number;
  only: ScenarioName[];
  /** Run the API from the TypeScript sources even when a build exists. */
  fromSource: boolean;
  port: number;
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

function positive(name: string, fallback: number, { integer = true, allowZero = false } = {}): number {
  const raw = flag(name);
  const value = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
  const ok = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0) && (!integer || Number.isInteger(value));
  if (!ok) throw new Error(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} ${integer ? 'integer' : 'number'}`);
  return value;
}

const has = (name: string) => process.argv.includes(`--${name}`);

export function parseOptions(): BenchOptions {
  const known = new Set(['cases', 'reuse', 'seed-only', 'database', 'duration', 'warmup', 'connections', 'pool', 'only', 'source', 'port']);
  for (const arg of process.argv.slice(2)) {
    if (arg.startsWith('--') && !known.has(arg.slice(2))) throw new Error(`unknown flag ${arg} (known: ${[...known].map((k) => `--${k}`).join(' ')})`);
  }
  const only = (flag('only') ?? SCENARIO_NAMES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of only) {
    if (!(SCENARIO_NAMES as readonly string[]).includes(name)) throw new Error(`--only: unknown scenario ${name} (known: ${SCENARIO_NAMES.join(', ')})`);
  }
  const database = flag('database') ?? process.env.BENCH_DATABASE ?? 'haven_bench';
  // The name goes into CREATE/DROP DATABASE, which take no bind parameters.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error('the bench database name must be a lower-case identifier');
  const connections = positive('connections', 10);
  return {
    cases: positive('cases', 1_000_000),
    reuse: has('reuse'),
    seedOnly: has('seed-only'),
    database,
    adminUrl: process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    duration: positive('duration', 10, { integer: false }),
    warmup: positive('warmup', 2, { integer: false, allowZero: true }),
    connections,
    poolSize: positive('pool', Number(process.env.BENCH_DB_POOL_SIZE ?? connections)),
    only: SCENARIO_NAMES.filter((n) => only.includes(n)),
    fromSource: has('source'),
    port: positive('port', Number(process.env.BENCH_PORT ?? 3900)),
  };
}
