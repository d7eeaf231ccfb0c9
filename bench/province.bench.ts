/**
 * The API at province scale (issue 6): seeds a province-sized dataset (default 1,000,000 cases of
 * Huế over five years, with children, timelines, deadlines, referrals and episodes) into its own
 * database, starts the API against it, and measures each scenario twice for the same duration
 * and concurrency: over HTTP with autocannon, and as the same SQL straight through a pg Pool (the
 * floor the API cannot beat). Prints requests/s, p50 and p99 of both, their ratios and the targets.
 *
 *   npm run bench:province -- [--cases 1000000] [--reuse] [--duration 10] [--connections 10]
 *                             [--only intake,case-list,child-search,case-detail,caseload,response-times,statistics]
 *                             [--warmup 2] [--pool <connections>] [--database haven_bench] [--seed-only] [--source]
 *
 * --reuse keeps the database when it already holds a complete dataset of that size (seeding takes
 * minutes). Runs add what they write (intakes, read logs) to it. The API runs from dist/ when a
 * build exists (`--source`: from the TypeScript), with LOG_LEVEL=warn and DB_POOL_SIZE = --pool.
 * Environment: BENCH_DATABASE (name), BENCH_DATABASE_ADMIN_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL, BENCH_PORT (3900).
 */
import { cpus, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { Client, Pool } from 'pg';
import { ApiProcess, QUEUE_PREFIX } from './province/api';
import { databaseUrl, migrate, recreateDatabase, seededDataset } from './province/database';
import { BenchOptions, parseOptions } from './province/options';
import { runHttp, runSql, settle, SqlFigures } from './province/runners';
import { loadContext, SCENARIOS } from './province/scenarios';
import { rowCounts, seedDataset } from './province/seed';
import { BENCH_PASSWORD } from './province/seed/vocabulary';
import { formatScenario, formatSummary, ScenarioResult } from './province/stats';

const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** A complete dataset of the requested size, reused (--reuse) or seeded into a fresh database. */
async function prepareDataset(options: BenchOptions, url: string): Promise<void> {
  const existing = options.reuse ? await seededDataset(url) : null;
  if (existing && existing.cases === options.cases) {
    const applied = await migrate(url);
    log(
      `reusing ${options.database}: ${existing.cases.toLocaleString('en')} cases seeded ${existing.seededAt.toISOString()}${applied ? `; ${applied} new migration(s) applied` : ''}`,
    );
  } else {
    if (options.reuse)
      log(
        existing
          ? `${options.database} holds ${existing.cases.toLocaleString('en')} cases, not ${options.cases.toLocaleString('en')}: seeding again`
          : `no complete dataset in ${options.database}: seeding`,
      );
    log(`creating ${options.database} and applying the migrations`);
    await recreateDatabase(options.adminUrl, options.database);
    await migrate(url);
    log(`seeding ${options.cases.toLocaleString('en')} cases`);
    const seeded = await seedDataset(url, options.cases, (m) => log(m));
    log(`seeded in ${seeded.seconds.toFixed(0)} s (${(seeded.seconds / 60).toFixed(1)} min)`);
  }
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const counts = await rowCounts(db);
    const size = (await db.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`)).rows[0].size;
    log(
      `rows: ${Object.entries(counts)
        .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
        .join(', ')}; database ${size}`,
    );
  } finally {
    await db.end();
  }
}

/** The BullMQ keys the API wrote (deadline reminders of the intakes): the bench's own prefix only. */
async function removeQueueKeys(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${QUEUE_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch (e) {
    log(`could not remove the ${QUEUE_PREFIX}:* Redis keys: ${(e as Error).message}`);
  } finally {
    redis.disconnect();
  }
}

function printVariants(sql: SqlFigures): void {
  const entries = Object.entries(sql.variants);
  if (entries.length < 2) return;
  console.log(`SQL by variant (p50 / p99 ms): ${entries.map(([label, v]) => `${label} ${v.p50.toFixed(1)} / ${v.p99.toFixed(1)}`).join('; ')}`);
}

async function measure(options: BenchOptions, url: string): Promise<void> {
  const api = new ApiProcess({ databaseUrl: url, redisUrl: options.redisUrl, port: options.port, poolSize: options.poolSize, fromSource: options.fromSource });
  const stop = async (signal: string) => {
    log(`${signal}: stopping the API`);
    await api.stop();
    process.exit(130);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('exit', () => api.killNow());

  const pool = new Pool({ connectionString: url, max: options.poolSize });
  const results: ScenarioResult[] = [];
  try {
    log(`starting the API (${api.entry}) on ${api.baseUrl}`);
    const started = Date.now();
    await api.start();
    log(`API ready in ${((Date.now() - started) / 1000).toFixed(1)} s; log at ${api.logPath}`);
    const ctx = await loadContext(pool, (username) => api.login(username, BENCH_PASSWORD));
    log(
      `${options.only.length} scenario(s), ${options.duration} s each side after ${options.warmup} s warm-up, ${options.connections} connections, ` +
        `pool ${options.poolSize}; ${cpus().length} CPUs`,
    );

    for (const name of options.only) {
      const scenario = SCENARIOS[name];
      const plan = scenario.prepare(ctx);
      // Reports run with fewer clients (see Scenario.connections); everything else with --connections.
      const connections = Math.min(options.connections, scenario.connections ?? options.connections);
      const load = { connections, seconds: options.duration };
      const warmup = { connections, seconds: options.warmup };
      const result: ScenarioResult = { name, description: scenario.description, target: scenario.target, api: null, sql: null, notes: [] };
      if (scenario.caveat) result.notes.push(scenario.caveat);
      console.log('');
      log(`${name}: ${connections} connections (load average ${loadavg()[0].toFixed(1)})`);

      // One request first: a route that does not exist (yet) is reported, not measured.
      const probe = plan.http.next();
      const answer = await fetch(`${api.baseUrl}${probe.path}`, {
        method: plan.http.method,
        headers: { authorization: `Bearer ${probe.token}`, ...(probe.body ? { 'content-type': 'application/json' } : {}) },
        body: probe.body,
      });
      const probeBody = await answer.text();
      if (answer.status === 404) {
        result.notes.push(`API not measured: ${plan.http.method} ${probe.path.split('?')[0]} answered 404 (route missing?)`);
      } else {
        if (answer.status >= 300) result.notes.push(`probe answered ${answer.status}: ${probeBody.slice(0, 160)}`);
        if (options.warmup > 0) {
          await runHttp(api.baseUrl, plan.http, warmup);
          await settle(pool);
        }
        result.api = await runHttp(api.baseUrl, plan.http, load);
        const drained = await settle(pool);
        if (drained >= 1)
          result.notes.push(`the API's unfinished requests kept PostgreSQL busy ${drained.toFixed(0)} s after the run (waited before measuring on)`);
      }

      try {
        if (options.warmup > 0) await runSql(pool, plan.sql, warmup);
        result.sql = await runSql(pool, plan.sql, load);
        if (result.sql.requests === 0) result.notes.push('no SQL unit finished within the run');
      } catch (e) {
        result.notes.push(`SQL baseline failed: ${(e as Error).message}`);
      }
      results.push(result);
      console.log(formatScenario(result));
      if (result.sql) printVariants(result.sql as SqlFigures);
    }
  } finally {
    await api.stop();
    await pool.end();
    await removeQueueKeys(options.redisUrl);
  }

  console.log('');
  console.log(formatSummary(results));
  const problems = api.problems();
  console.log('');
  console.log(
    problems.warn + problems.error === 0
      ? 'API log: no warnings or errors.'
      : `API log: ${problems.error} error and ${problems.warn} warning line(s), e.g. ${problems.samples.join(' | ')} (full log: ${api.logPath})`,
  );
}

async function main(): Promise<void> {
  const options = parseOptions();
  const url = databaseUrl(options.adminUrl, options.database);
  await prepareDataset(options, url);
  if (!options.seedOnly) await measure(options, url);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
