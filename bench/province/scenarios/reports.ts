import type { Pool } from 'pg';
import { reportScopeOf, Scope } from '@haven/domain';
import { caseloadQueries, periodOf, REPORT_SETTINGS, responseTimesQueries, SqlQuery, statisticsQueries } from '@haven/reports';
import type { Scenario } from './scenario';
import { BenchActor, BenchContext, rotation, scopeActorOf } from './context';

/*
 * The reports' SQL comes from @haven/reports' pure builders, the same functions the services
 * call, and runs as the services run it: every statement of a report at once on the pool
 * (runReport), the report done when the slowest is.
 */

const scopeOf = (actor: BenchActor): Scope => reportScopeOf(scopeActorOf(actor));

async function runReport(pool: Pool, queries: SqlQuery[]): Promise<void> {
  await Promise.all(
    queries.map(async (q) => {
      const client = await pool.connect();
      try {
        await client.query(`BEGIN READ ONLY; ${REPORT_SETTINGS.join('; ')}`);
        await client.query(q.text, q.values);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }),
  );
}

/** Concurrent report readers (see Scenario.connections). */
const REPORT_CLIENTS = 4;

const PERIOD = { from: '2025-12-01', to: '2026-12-01' };

export const caseload: Scenario = {
  name: 'caseload',
  description: 'GET /reports/caseload?groupBy=commune,stage (manager), alternating with ?groupBy=assignee (supervisor)',
  target: { p99Ms: 300 },
  connections: REPORT_CLIENTS,
  prepare(ctx: BenchContext) {
    const variants = [
      { actor: ctx.manager, groupBy: ['commune', 'stage'] as ('commune' | 'stage' | 'assignee')[] },
      { actor: ctx.supervisor, groupBy: ['assignee'] as ('commune' | 'stage' | 'assignee')[] },
    ];
    const nextHttp = rotation(variants);
    const nextSql = rotation(variants);
    return {
      http: { method: 'GET', next: () => ((v) => ({ path: `/api/v1/reports/caseload?groupBy=${v.groupBy.join(',')}`, token: v.actor.token }))(nextHttp()) },
      sql: async (pool: Pool) => {
        const v = nextSql();
        await runReport(pool, caseloadQueries(scopeOf(v.actor), { groupBy: v.groupBy }, new Date()));
        return `${v.actor.role} ${v.groupBy.join(',')}`;
      },
    };
  },
};

export const responseTimes: Scenario = {
  name: 'response-times',
  description: `GET /reports/response-times?from=${PERIOD.from}&to=${PERIOD.to}&groupBy=commune (manager)`,
  target: { p99Ms: 300 },
  connections: REPORT_CLIENTS,
  prepare(ctx: BenchContext) {
    return {
      http: {
        method: 'GET',
        next: () => ({ path: `/api/v1/reports/response-times?from=${PERIOD.from}&to=${PERIOD.to}&groupBy=commune`, token: ctx.manager.token }),
      },
      sql: async (pool: Pool) => {
        const now = new Date();
        const { from, to } = periodOf(PERIOD, now);
        await runReport(pool, responseTimesQueries(scopeOf(ctx.manager), { from, to, groupBy: ['commune'] }, now));
        return 'manager';
      },
    };
  },
};

const BREAKDOWNS = ['concernType', 'sex', 'ageGroup', 'commune', 'month', 'specialCircumstance'] as const;

export const statistics: Scenario = {
  name: 'statistics',
  description: `GET /reports/statistics?from=${PERIOD.from}&to=${PERIOD.to}&by=${BREAKDOWNS.join(',')} (manager)`,
  target: {},
  connections: REPORT_CLIENTS,
  prepare(ctx: BenchContext) {
    return {
      http: {
        method: 'GET',
        next: () => ({ path: `/api/v1/reports/statistics?from=${PERIOD.from}&to=${PERIOD.to}&by=${BREAKDOWNS.join(',')}`, token: ctx.manager.token }),
      },
      sql: async (pool: Pool) => {
        const now = new Date();
        const { from, to } = periodOf(PERIOD, now);
        await runReport(pool, statisticsQueries(scopeOf(ctx.manager), { from, to, by: [...BREAKDOWNS] }, now));
        return 'manager';
      },
    };
  },
};
