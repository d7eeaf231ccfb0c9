/** Figures of one side (API or SQL) of one scenario. */
export interface Figures {
  /** Requests (API) or units of work (SQL) completed per second, errors included. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  /** A few distinct error descriptions (status and error code; never a response body with personal data). */
  errorSamples: string[];
}

/** What a scenario should reach: a p99 latency bound and/or a throughput floor, and in any case within 2× of raw SQL. */
export interface Target {
  p99Ms?: number;
  minRps?: number;
}

export const MAX_RATIO = 2;
/** Fewer completed requests than this in a run, and a p99 says little: the output says so. */
export const FEW_REQUESTS = 100;

/** The p-th percentile (0..100) of ascending samples: the nearest-rank value (one that was measured). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function figuresOf(latenciesMs: number[], seconds: number, errors: number, errorSamples: string[]): Figures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    rps: (sorted.length + errors) / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    requests: sorted.length + errors,
    errors,
    errorSamples,
  };
}

export interface ScenarioResult {
  name: string;
  description: string;
  target: Target;
  api: Figures | null;
  sql: Figures | null;
  /** Why a side has no figures (a route missing, the baseline unavailable). */
  notes: string[];
}

const num = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits));
const pad = (s: string, width: number) => (s.length >= width ? s : s + ' '.repeat(width - s.length));
const padLeft = (s: string, width: number) => (s.length >= width ? s : ' '.repeat(width - s.length) + s);

/** Pass/fail of each target, as short verdicts. */
export function verdicts(r: ScenarioResult): string[] {
  const out: string[] = [];
  const { api, sql, target } = r;
  if (target.p99Ms !== undefined) out.push(api ? `p99 < ${target.p99Ms} ms: ${api.p99 < target.p99Ms ? 'PASS' : 'FAIL'}` : `p99 < ${target.p99Ms} ms: n/a`);
  if (target.minRps !== undefined) out.push(api ? `> ${target.minRps} req/s: ${api.rps > target.minRps ? 'PASS' : 'FAIL'}` : `> ${target.minRps} req/s: n/a`);
  if (api && sql) {
    // "Within 2× of raw SQL": latency no more than twice, throughput no less than half.
    const within = api.p50 <= MAX_RATIO * sql.p50 && api.p99 <= MAX_RATIO * sql.p99 && api.rps >= sql.rps / MAX_RATIO;
    out.push(`within ${MAX_RATIO}× SQL: ${within ? 'PASS' : 'FAIL'}`);
  } else out.push(`within ${MAX_RATIO}× SQL: n/a`);
  if (api && api.errors > 0) out.push(`API errors: ${api.errors}`);
  if (api && api.requests === 0) out.push('no API response within the run');
  return out;
}

/** One table per scenario: API and SQL figures, their ratios, and the targets. */
export function formatScenario(r: ScenarioResult): string {
  const lines: string[] = [];
  lines.push(`── ${r.name}: ${r.description}`);
  const header = `${pad('', 10)}${padLeft('req/s', 10)}${padLeft('p50 ms', 10)}${padLeft('p99 ms', 10)}${padLeft('requests', 10)}${padLeft('errors', 8)}`;
  lines.push(header);
  const row = (label: string, f: Figures | null) =>
    f
      ? `${pad(label, 10)}${padLeft(num(f.rps), 10)}${padLeft(num(f.p50, 2), 10)}${padLeft(num(f.p99, 2), 10)}${padLeft(String(f.requests), 10)}${padLeft(String(f.errors), 8)}`
      : `${pad(label, 10)}${padLeft('—', 10)}`;
  lines.push(row('API', r.api));
  lines.push(row('SQL', r.sql));
  if (r.api && r.sql) {
    lines.push(
      `${pad('API/SQL', 10)}${padLeft(`${num(r.api.rps / r.sql.rps, 2)}×`, 10)}${padLeft(`${num(r.api.p50 / r.sql.p50, 2)}×`, 10)}${padLeft(`${num(r.api.p99 / r.sql.p99, 2)}×`, 10)}`,
    );
  }
  lines.push(`targets:  ${verdicts(r).join('  |  ')}`);
  for (const note of r.notes) lines.push(`note:     ${note}`);
  const few = (['API', 'SQL'] as const).filter((side) => {
    const f = side === 'API' ? r.api : r.sql;
    return f !== null && f.requests < FEW_REQUESTS;
  });
  if (few.length)
    lines.push(`note:     fewer than ${FEW_REQUESTS} requests completed (${few.join(', ')}): the percentiles are rough; a longer --duration helps`);
  for (const [side, f] of [
    ['API', r.api],
    ['SQL', r.sql],
  ] as const) {
    if (f && f.errorSamples.length) lines.push(`${side} errors: ${f.errorSamples.join('; ')}`);
  }
  lines.push(
    `(within ${MAX_RATIO}× SQL: API p50 and p99 at most ${MAX_RATIO}× the SQL side's and API req/s at least 1/${MAX_RATIO} of it. ` +
      'The load generator, the API and PostgreSQL share the same cores.)',
  );
  return lines.join('\n');
}

/** The summary: one line per scenario. */
export function formatSummary(results: ScenarioResult[]): string {
  const lines = [
    `${pad('scenario', 16)}${padLeft('API req/s', 11)}${padLeft('API p99', 10)}${padLeft('SQL req/s', 11)}${padLeft('SQL p99', 10)}${padLeft('p99 ×', 8)}${padLeft('req/s ×', 9)}  targets`,
  ];
  for (const r of results) {
    lines.push(
      `${pad(r.name, 16)}${padLeft(num(r.api?.rps), 11)}${padLeft(num(r.api?.p99), 10)}${padLeft(num(r.sql?.rps), 11)}${padLeft(num(r.sql?.p99), 10)}` +
        `${padLeft(r.api && r.sql ? num(r.api.p99 / r.sql.p99, 2) : '—', 8)}${padLeft(r.api && r.sql ? num(r.api.rps / r.sql.rps, 2) : '—', 9)}  ${verdicts(r).join(', ')}`,
    );
  }
  lines.push(
    `(within ${MAX_RATIO}× SQL: API p50 and p99 at most ${MAX_RATIO}× the SQL side's and API req/s at least 1/${MAX_RATIO} of it. ` +
      'The load generator, the API and PostgreSQL share the same cores.)',
  );
  return lines.join('\n');
}
