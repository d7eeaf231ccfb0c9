import autocannon from 'autocannon';
import type { Pool } from 'pg';
import { Figures, figuresOf, percentile } from './stats';

/** One HTTP request of a scenario: path (with query), bearer token, JSON body for POST. */
export interface HttpRequest {
  path: string;
  token: string;
  body?: string;
}

export interface HttpPlan {
  method: 'GET' | 'POST';
  /** Called before each request, so that every request can differ (ids, filters, a new child). */
  next: () => HttpRequest;
}

/** A scenario's unit of SQL work; returns a label (the variant) so slow shapes can be told apart. */
export type SqlWork = (pool: Pool) => Promise<string>;

export interface Load {
  connections: number;
  seconds: number;
}

/** `STATUS CODE: message` of an error answer (the API's error shape carries codes, never personal data). */
function describeError(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    return `${status} ${parsed.error?.code ?? ''}: ${(parsed.error?.message ?? '').slice(0, 120)}`;
  } catch {
    return `${status}`;
  }
}

/** The API side: autocannon on `connections` keep-alive connections for `seconds`, each request built by `plan.next()`. */
export async function runHttp(baseUrl: string, plan: HttpPlan, load: Load): Promise<Figures> {
  const samples = new Set<string>();
  const result = await autocannon({
    url: baseUrl,
    connections: load.connections,
    duration: load.seconds,
    timeout: 30,
    requests: [
      {
        method: plan.method,
        setupRequest: (request) => {
          const r = plan.next();
          return {
            ...request,
            method: plan.method,
            path: r.path,
            headers: { authorization: `Bearer ${r.token}`, ...(r.body ? { 'content-type': 'application/json' } : {}) },
            body: r.body,
          };
        },
        onResponse: (status, body) => {
          if ((status < 200 || status >= 300) && samples.size < 5) samples.add(describeError(status, body));
        },
      },
    ],
  });
  const responses = Object.values(result.statusCodeStats ?? {}).reduce((n, s) => n + Number(s.count), 0);
  const errors = result.non2xx + result.errors;
  if (result.errors > 0) samples.add(`${result.errors} connection errors or timeouts`);
  return {
    rps: (responses + result.errors) / result.duration,
    // No response within the run: no latency to report (not 0 ms).
    p50: responses > 0 ? result.latency.p50 : NaN,
    p99: responses > 0 ? result.latency.p99 : NaN,
    requests: responses + result.errors,
    errors,
    errorSamples: [...samples],
  };
}

/**
 * Waits until the database runs no statement but this one: requests autocannon gave up on (or
 * that were in flight when it stopped) keep PostgreSQL busy, and would slow whatever is measured
 * next. After `limitSeconds` the stragglers are cancelled. Returns the seconds waited.
 */
export async function settle(pool: Pool, limitSeconds = 120): Promise<number> {
  const started = Date.now();
  const busy = async () =>
    Number(
      (await pool.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`))
        .rows[0].n,
    );
  while ((await busy()) > 0) {
    if (Date.now() - started > limitSeconds * 1000) {
      await pool.query(
        `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      await new Promise((r) => setTimeout(r, 500));
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return (Date.now() - started) / 1000;
}

export interface SqlFigures extends Figures {
  /** p50 / p99 per variant label, for telling slow query shapes apart. */
  variants: Record<string, { p50: number; p99: number; n: number }>;
}

/**
 * The raw-SQL side: `connections` loops, each running `work` back to back (the same closed-loop
 * concurrency as autocannon's connections), timing each unit with hrtime. Like autocannon, only
 * units that finish within `seconds` count; the ones still running are awaited but not counted,
 * so that a slow scenario is not flattered on one side only.
 */
export async function runSql(pool: Pool, work: SqlWork, load: Load): Promise<SqlFigures> {
  const latencies: number[] = [];
  const byVariant = new Map<string, number[]>();
  const samples = new Set<string>();
  let errors = 0;
  const started = process.hrtime.bigint();
  const end = started + BigInt(Math.round(load.seconds * 1e9));
  await Promise.all(
    Array.from({ length: load.connections }, async () => {
      while (process.hrtime.bigint() < end) {
        const t0 = process.hrtime.bigint();
        try {
          const variant = await work(pool);
          const t1 = process.hrtime.bigint();
          if (t1 > end) break;
          const ms = Number(t1 - t0) / 1e6;
          latencies.push(ms);
          const list = byVariant.get(variant) ?? [];
          list.push(ms);
          byVariant.set(variant, list);
        } catch (e) {
          if (process.hrtime.bigint() > end) break;
          errors++;
          if (samples.size < 5) samples.add(`${(e as { code?: string }).code ?? ''} ${(e as Error).message}`.trim().slice(0, 160));
        }
      }
    }),
  );
  const variants: SqlFigures['variants'] = {};
  for (const [label, list] of byVariant) {
    list.sort((a, b) => a - b);
    variants[label] = { p50: percentile(list, 50), p99: percentile(list, 99), n: list.length };
  }
  return { ...figuresOf(latencies, load.seconds, errors, [...samples]), variants };
}
