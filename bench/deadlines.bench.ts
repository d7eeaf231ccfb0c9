/**
 * Deadline steps at scale (issue 5): schedules N deadline steps due within a short window on a
 * scratch database and Redis prefix, runs real worker processes (apps/worker/src/main.ts, the
 * same code as production, TypeScript transpiled at start-up), and prints how late each notice
 * fired and how many notices per second the workers sent.
 *
 *   npm run bench:deadlines -- --deadlines 100000 --window 80 --workers 2 [--prepare 30 --lead 25]
 *
 * Lateness = notification.created_at (the worker's transaction start) − the step's time. Each
 * deadline is a plan action due in 3 days whose first reminder (3 days before, the default
 * policy) is the step measured; processing it also schedules the next reminder, enqueues the
 * notification's delivery and writes the case timeline, as in production. Environment:
 * BENCH_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { deadlineJobId } from '../libs/deadlines/src/deadlines/deadline-steps';
import { dataSourceOptions } from '../libs/platform/src/database/data-source.options';
import { runMigrationsLocked } from '../libs/platform/src/database/migration.lock';
import { bullConnectionFromUrl } from '../libs/platform/src/queue/queue.module';
import { JobName, QueueName, STEP_JOB_OPTIONS } from '../libs/platform/src/queue/queue.constants';

const ROOT = join(__dirname, '..');
const REMINDER_BEFORE_MS = 3 * 24 * 3600_000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const N = arg('deadlines', 100_000);
const WINDOW_S = arg('window', 60);
const WORKERS = arg('workers', 2);
/** Seconds allowed for seeding and enqueueing, then for the workers to start, before the first step. */
const PREPARE_S = arg('prepare', 30);
const LEAD_S = arg('lead', 25);
const CASES = Math.min(1_000, N);

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const run = randomBytes(4).toString('hex');
const dbName = `haven_bench_${run}`;
const prefix = `haven-bench-${run}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 23)}] ${msg}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** One user, CASES cases of Huế, N plan-action deadlines spread over them, all with their first reminder due in the window. */
async function seed(db: Client, firstStepAt: number): Promise<void> {
  const [{ id: userId }] = (
    await db.query(
      `INSERT INTO app_user (username, full_name, role, province_code, password_hash) VALUES ('bench-cw', 'Bench caseworker', 'caseworker', '46', 'x') RETURNING id`,
    )
  ).rows;
  await db.query(`INSERT INTO user_commune (user_id, commune_code) VALUES ($1, '19753')`, [userId]);
  await db.query(
    `INSERT INTO child (province_code, commune_code, full_name, given_name, sex, created_by)
     SELECT '46', '19753', 'Bench child ' || n, 'Child', 'unknown', $1 FROM generate_series(1, $2) AS n`,
    [userId, CASES],
  );
  await db.query(
    `INSERT INTO "case" (case_number, province_code, commune_code, child_id, stage, concern_types, channel, received_at,
                         incident_commune_code, incident_description, created_by, assignee_id)
     SELECT '46-2026-' || lpad(row_number() OVER ()::text, 6, '0'), '46', '19753', id, 'intervention', ARRAY['neglect'], 'hotline_111', now(),
            '19753', 'bench', $1, $1 FROM child`,
    [userId],
  );
  await db.query(`INSERT INTO plan (case_id, version_no, status, author_ids) SELECT id, 1, 'approved', ARRAY[$1::uuid] FROM "case"`, [userId]);
  const perCase = Math.ceil(N / CASES);
  await db.query(
    `INSERT INTO plan_action (plan_id, position, service_type, description, due_at)
     SELECT p.id, n, 'psychological', 'bench', now() + interval '3 days' FROM plan p, generate_series(1, $1) AS n`,
    [perCase],
  );
  // Step i fires at firstStepAt + i × window / N; the deadline is due 3 days after its first reminder.
  await db.query(
    `WITH numbered AS (
       SELECT pa.id AS plan_action_id, p.case_id, row_number() OVER (ORDER BY pa.position, p.case_id) - 1 AS i
         FROM plan_action pa JOIN plan p ON p.id = pa.plan_id
     )
     INSERT INTO deadline (case_id, plan_action_id, kind, variant, province_code, commune_code, owner_id, due_at, next_step, next_step_at, counted_from)
     SELECT case_id, plan_action_id, 'plan_action', 'standard', '46', '19753', $1,
            to_timestamp(($2::float8 + i * $3::float8 + $4::float8) / 1000.0), 'reminder:0', to_timestamp(($2::float8 + i * $3::float8) / 1000.0), now()
       FROM numbered WHERE i < $5`,
    [userId, firstStepAt, (WINDOW_S * 1000) / N, REMINDER_BEFORE_MS, N],
  );
}

function spawnWorker(i: number): ChildProcess {
  // BENCH_CPU_PROF=<dir>: each worker writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const proc = spawn(process.execPath, [...profile, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: dbUrl,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DB_POOL_SIZE: process.env.BENCH_DB_POOL_SIZE ?? '20',
      DB_MIGRATIONS_RUN: 'false',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  proc.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[worker ${i}] ${chunk.toString()}`));
  return proc;
}

async function main(): Promise<void> {
  log(`scratch database ${dbName}, Redis prefix ${prefix}: ${N} deadlines over ${WINDOW_S} s, ${WORKERS} worker process(es)`);
  await admin(`CREATE DATABASE ${dbName}`);
  const workers: ChildProcess[] = [];
  const redis = new Redis(REDIS_URL);
  const queue = new Queue(QueueName.Deadlines, { connection: bullConnectionFromUrl(REDIS_URL), prefix });
  const db = new Client({ connectionString: dbUrl });
  try {
    const ds = await new DataSource(dataSourceOptions(dbUrl)).initialize();
    await runMigrationsLocked(ds, { log: () => undefined } as never);
    await ds.destroy();
    await db.connect();

    // Seeding and enqueueing take a while; the first step is LEAD_S after they are done.
    const estimate = Date.now() + (PREPARE_S + LEAD_S) * 1000;
    const started = Date.now();
    await seed(db, estimate);
    log(`seeded ${N} deadlines in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const rows: { id: string; at: Date; due: Date }[] = (await db.query(`SELECT id, next_step_at AS at, due_at AS due FROM deadline ORDER BY next_step_at`))
      .rows;
    const enqueueStart = Date.now();
    for (let i = 0; i < rows.length; i += 1_000) {
      const now = Date.now();
      await queue.addBulk(
        rows.slice(i, i + 1_000).map((r) => ({
          name: JobName.DeadlineStep,
          data: { deadlineId: r.id, step: 'reminder:0', dueAtMs: r.due.getTime() },
          opts: {
            ...STEP_JOB_OPTIONS,
            jobId: deadlineJobId({ deadlineId: r.id, step: 'reminder:0', dueAtMs: r.due.getTime() }),
            delay: Math.max(0, r.at.getTime() - now),
          },
        })),
      );
    }
    const enqueueS = (Date.now() - enqueueStart) / 1000;
    log(`enqueued ${rows.length} delayed jobs with addBulk in ${enqueueS.toFixed(1)} s (${Math.round(rows.length / enqueueS)} jobs/s)`);
    if (Date.now() > estimate - 5_000) throw new Error('seeding and enqueueing took longer than the lead time: raise --lead');

    for (let i = 0; i < WORKERS; i++) workers.push(spawnWorker(i));
    for (;;) {
      const up = (await queue.getWorkers()).length;
      if (up >= WORKERS) break;
      if (Date.now() > estimate) throw new Error(`only ${up} of ${WORKERS} workers were up when the first step fell due: raise --lead`);
      await sleep(250);
    }
    log(
      `${WORKERS} worker process(es) up; first step in ${((estimate - Date.now()) / 1000).toFixed(1)} s, last in ${((estimate - Date.now()) / 1000 + WINDOW_S).toFixed(1)} s`,
    );

    const until = estimate + WINDOW_S * 1000 + 600_000;
    let done = 0;
    while (done < N) {
      await sleep(2_000);
      done = Number((await db.query(`SELECT count(*) AS n FROM notification`)).rows[0].n);
      const load = (await import('node:os')).loadavg()[0].toFixed(1);
      log(`${done} / ${N} notices (load ${load})`);
      if (Date.now() > until) throw new Error('gave up waiting for the notices');
    }

    const stats = (
      await db.query(
        `WITH l AS (
           SELECT extract(epoch FROM n.created_at - (d.due_at - interval '3 days')) * 1000 AS late_ms, n.created_at
             FROM notification n JOIN deadline d ON d.id = split_part(n.dedupe_key, ':', 1)::uuid)
         SELECT count(*)::int AS notices,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY late_ms) AS p50,
                percentile_cont(0.99) WITHIN GROUP (ORDER BY late_ms) AS p99,
                max(late_ms) AS max, min(late_ms) AS min,
                extract(epoch FROM max(created_at) - min(created_at)) AS span_s
           FROM l`,
      )
    ).rows[0];
    const duplicates = Number(
      (await db.query(`SELECT count(*) AS n FROM (SELECT dedupe_key, recipient_id FROM notification GROUP BY 1, 2 HAVING count(*) > 1) x`)).rows[0].n,
    );
    const events = Number((await db.query(`SELECT count(*) AS n FROM case_event WHERE type = 'deadline.reminder'`)).rows[0].n);
    const next = Number((await db.query(`SELECT count(*) AS n FROM deadline WHERE next_step = 'reminder:1'`)).rows[0].n);
    const rate = stats.notices / Math.max(Number(stats.span_s), (WINDOW_S * 1000) / N / 1000);
    console.log('');
    console.log(`notices:            ${stats.notices} (duplicates: ${duplicates}; timeline events: ${events}; next steps scheduled: ${next})`);
    console.log(`lateness p50:       ${Number(stats.p50).toFixed(0)} ms`);
    console.log(`lateness p99:       ${Number(stats.p99).toFixed(0)} ms`);
    console.log(`lateness max:       ${Number(stats.max).toFixed(0)} ms (min ${Number(stats.min).toFixed(0)} ms)`);
    console.log(`notices per second: ${rate.toFixed(0)} (${stats.notices} over ${Number(stats.span_s).toFixed(1)} s; offered ${(N / WINDOW_S).toFixed(0)}/s)`);
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(null) : w.once('exit', resolve)))));
    await db.end().catch(() => undefined);
    await queue.close().catch(() => undefined);
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = nextCursor;
    } while (cursor !== '0');
    redis.disconnect();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    log('scratch database and Redis keys removed');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
