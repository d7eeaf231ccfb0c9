import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { DeadlineRulesService, DeadlineScheduler, DeadlinesService } from '@haven/deadlines';
import { DeadlineToOpen, Role } from '@haven/domain';
import { JobName, QueueName } from '@haven/platform';
import { JobScheduler } from '../../apps/worker/src/runtime/job-scheduler.service';
import { startApi, testQueuePrefix, TestApi } from '../support/app';
import { openCase } from '../support/cases';
import { NoticeCount, noticeCounts, secondsPolicy, setPolicy, sleep, waitFor } from '../support/deadlines';
import { HUE, PHU_XUAN, signedIn, SignedIn } from '../support/factories';
import { openQueue, startWorker, TestWorker } from '../support/worker';

const ROOT = join(__dirname, '../..');
const BASE = '/api/v1';
/** A port nothing listens on: "Redis is down". */
const DEAD_REDIS = 'redis://127.0.0.1:6390/0';

interface People {
  admin: SignedIn;
  caseworker: SignedIn;
  supervisors: SignedIn[];
  managers: SignedIn[];
}

async function people(api: TestApi): Promise<People> {
  const [admin, caseworker, s1, s2, m1, m2] = await Promise.all([
    signedIn(api, Role.Admin),
    signedIn(api, Role.Caseworker),
    signedIn(api, Role.Supervisor),
    signedIn(api, Role.Supervisor),
    signedIn(api, Role.Manager),
    signedIn(api, Role.Manager),
  ]);
  return { admin, caseworker, supervisors: [s1, s2], managers: [m1, m2] };
}

/** Every (deadline, step, recipient) a deadline owed by the caseworker must produce: the reminder, two supervisors, two managers. */
function expectedNotices(deadlineIds: string[], p: People): string[] {
  return deadlineIds
    .flatMap((id) => [
      `${id} reminder:0 ${p.caseworker.user.id}`,
      ...p.supervisors.map((s) => `${id} escalation:1 ${s.user.id}`),
      ...p.managers.map((m) => `${id} escalation:2 ${m.user.id}`),
    ])
    .sort();
}

const keysOf = (counts: NoticeCount[]) => counts.map((c) => `${c.deadline_id} ${c.step} ${c.recipient_id}`).sort();

/** Waits for every expected notice, then a little more (a duplicate would show), and checks exactly one of each. */
async function expectExactlyOnce(api: TestApi, deadlineIds: string[], p: People, timeoutMs: number): Promise<void> {
  const expected = expectedNotices(deadlineIds, p);
  const counts = () => noticeCounts(api.db, `split_part(dedupe_key, ':', 1) = ANY($1::text[])`, [deadlineIds]);
  await waitFor(`${expected.length} notices`, async () => (await counts()).length >= expected.length, timeoutMs, 200);
  await sleep(1_500);
  const final = await counts();
  expect(keysOf(final)).toEqual(expected);
  expect(final.filter((c) => c.n !== 1)).toEqual([]);
  // Each step once on its case's timeline.
  const events: { deadline_id: string; step: string; n: number }[] = await api.db.query(
    `SELECT payload->>'deadlineId' AS deadline_id, payload->>'step' AS step, count(*)::int AS n FROM case_event
      WHERE type LIKE 'deadline.%' AND payload->>'deadlineId' = ANY($1::text[]) GROUP BY 1, 2`,
    [deadlineIds],
  );
  expect(events).toHaveLength(deadlineIds.length * 3);
  expect(events.filter((e) => e.n !== 1)).toEqual([]);
}

async function initialAssessmentDeadline(api: TestApi, caseId: string): Promise<string> {
  const [row] = await api.db.query(`SELECT id FROM deadline WHERE case_id = $1 AND kind = 'initial_assessment'`, [caseId]);
  return row.id;
}

describe('deadlines survive faults: every notice exactly once', () => {
  it('Redis unreachable while a case is created: the intake succeeds; a worker on Redis and the reconciler deliver every notice once', async () => {
    const prefix = testQueuePrefix();
    const realRedis = process.env.REDIS_URL!;
    // Users, tokens and the policy through an API that has Redis (logins are rate-limited in Redis).
    const up = await startApi({ QUEUE_PREFIX: prefix });
    let down: TestApi | undefined;
    let worker: TestWorker | undefined;
    try {
      const p = await people(up);
      await setPolicy(up, p.admin.auth, secondsPolicy({ duration: 6, reminder: 3, grace: 3 }));
      down = await startApi({ QUEUE_PREFIX: prefix, REDIS_URL: DEAD_REDIS }, { databaseUrl: up.databaseUrl });
      // The apps read the environment when they start; everything after this uses the real Redis.
      process.env.REDIS_URL = realRedis;

      const started = Date.now();
      const res = await down.http
        .post(`${BASE}/cases`)
        .set(p.supervisors[0].auth)
        .send({
          receivedAt: new Date(Date.now() + 2_000).toISOString(),
          channel: 'hotline_111',
          child: { fullName: 'Trần Thị Bình', sex: 'female', dateOfBirth: '2015-02-03', communeCode: PHU_XUAN },
          incident: { concernTypes: ['neglect'], communeCode: PHU_XUAN, description: 'Alone at night', immediateDanger: false },
          assigneeId: p.caseworker.user.id,
        });
      expect(res.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(res.body.openDeadlines.map((d: { kind: string }) => d.kind)).toContain('initial_assessment');
      const deadlineId = await initialAssessmentDeadline(up, res.body.id);
      // Nothing reached the queue.
      const queue = openQueue(prefix, QueueName.Deadlines);
      expect(await queue.getJobCounts('delayed', 'waiting')).toEqual({ delayed: 0, waiting: 0 });
      await queue.close();

      // Redis is back (a worker on the real one); the reconciler's tick finds the missing step.
      worker = await startWorker({ QUEUE_PREFIX: prefix }, { databaseUrl: up.databaseUrl });
      await worker.jobs.add(JobName.ReconcileDeadlines, { horizonSeconds: 60 });
      await expectExactlyOnce(up, [deadlineId], p, 25_000);
    } finally {
      process.env.REDIS_URL = realRedis;
      await worker?.app.close();
      await down?.app.close();
      await up.close();
    }
  }, 60_000);

  it('the queue is flushed: the reconciler restores every pending step, exactly once', async () => {
    const prefix = testQueuePrefix();
    const api = await startApi({ QUEUE_PREFIX: prefix });
    const worker = await startWorker({ QUEUE_PREFIX: prefix }, { databaseUrl: api.databaseUrl });
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const p = await people(api);
      await setPolicy(api, p.admin.auth, secondsPolicy({ duration: 8, reminder: 4, grace: 3 }));
      const receivedAt = new Date(Date.now() + 1_000).toISOString();
      const cases = await Promise.all([1, 2, 3].map(() => openCase(api, p.supervisors[0].auth, { assigneeId: p.caseworker.user.id, receivedAt })));
      const deadlineIds = await Promise.all(cases.map((c) => initialAssessmentDeadline(api, c.id)));
      const queue = openQueue(prefix, QueueName.Deadlines);
      expect(await queue.getDelayedCount()).toBeGreaterThanOrEqual(3);

      // Everything under the prefix goes: the delayed steps, the job schedulers, the workers' bookkeeping.
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      expect(await queue.getDelayedCount()).toBe(0);
      await queue.close();

      // The worker puts its schedulers back (it does so every few minutes); a tick of the reconciler restores the steps.
      await worker.app.get(JobScheduler).sync();
      const housekeeping = openQueue(prefix, QueueName.Housekeeping);
      expect((await housekeeping.getJobSchedulers()).map((s) => s.key)).toContain('reconcile-deadlines');
      await housekeeping.close();
      await worker.jobs.add(JobName.ReconcileDeadlines, { horizonSeconds: 60 });
      await expectExactlyOnce(api, deadlineIds, p, 25_000);
    } finally {
      redis.disconnect();
      await worker.app.close();
      await api.close();
    }
  }, 60_000);

  describe('the worker is killed (SIGKILL) in the middle of a batch', () => {
    let api: TestApi;
    let p: People;
    let prefix: string;
    let child: ChildProcess | undefined;
    let output = '';

    /** The worker's real entry point, as a process of its own (TypeScript transpiled on the fly). */
    const spawnWorker = (): ChildProcess => {
      const proc = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          DATABASE_URL: api.databaseUrl,
          REDIS_URL: process.env.REDIS_URL!,
          QUEUE_PREFIX: prefix,
          JWT_ACCESS_SECRET: process.env.JWT_ACCESS_SECRET!,
          DB_POOL_SIZE: '10',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return proc;
    };

    /** Until the worker process has a worker on the Deadlines queue (BullMQ names its connections). */
    const workerUp = async () => {
      const queue = openQueue(prefix, QueueName.Deadlines);
      try {
        await waitFor('the worker process', async () => (await queue.getWorkers()).length > 0, 30_000, 200);
      } finally {
        await queue.close();
      }
    };

    beforeAll(async () => {
      prefix = testQueuePrefix();
      api = await startApi({ QUEUE_PREFIX: prefix });
      p = await people(api);
      await setPolicy(api, p.admin.auth, secondsPolicy({ duration: 8, reminder: 2, grace: 2 }));
    });
    afterAll(async () => {
      child?.kill('SIGKILL');
      await api.close();
    });

    it('after a restart nothing is lost and nothing is doubled', async () => {
      child = spawnWorker();
      await workerUp();

      // 150 plan-action deadlines of one case, all due together: 150 reminders, 300 + 300 escalations.
      const kase = await openCase(api, p.supervisors[0].auth, { assigneeId: p.caseworker.user.id });
      const plan: { id: string }[] = await api.db.query(
        `INSERT INTO plan (case_id, version_no, status, author_ids) VALUES ($1, 1, 'draft', ARRAY[$2::uuid]) RETURNING id`,
        [kase.id, p.caseworker.user.id],
      );
      const actions: { id: string }[] = await api.db.query(
        `INSERT INTO plan_action (plan_id, position, service_type, description, due_at)
         SELECT $1, n, 'psychological', 'Counselling', now() + interval '1 day' FROM generate_series(1, 150) AS n RETURNING id`,
        [plan[0].id],
      );
      const dueAt = new Date(Date.now() + 4_000);
      const open: DeadlineToOpen[] = actions.map((a) => ({
        kind: 'plan_action',
        variant: 'standard',
        dueAt,
        ownerId: p.caseworker.user.id,
        countedFrom: new Date(),
        ref: { planActionId: a.id },
      }));
      const loaded = await api.app.get(DeadlineRulesService).load(HUE);
      const applied = await api.db.transaction((m) =>
        api.app
          .get(DeadlinesService)
          .apply(m, { id: kase.id, provinceCode: HUE, communeCode: PHU_XUAN }, { open, meet: [], cancel: [] }, { ...loaded, now: new Date() }),
      );
      expect(applied.scheduled).toHaveLength(150);
      expect(await api.app.get(DeadlineScheduler).schedule(applied.scheduled)).toBe(150);
      const deadlineIds = applied.scheduled.map((s) => s.deadlineId);

      // Kill it as soon as the batch of reminders is under way.
      const reminders = async () =>
        (
          (await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE case_id = $1 AND dedupe_key LIKE '%:reminder:0'`, [kase.id])) as {
            n: number;
          }[]
        )[0].n;
      const before = await waitFor(
        'the first reminders',
        async () => {
          const n = await reminders();
          return n >= 5 ? n : null;
        },
        15_000,
        10,
      );
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      expect(before).toBeLessThan(150);

      // Restart: waiting jobs go on, the killed ones come back when their locks lapse, the reconciler restores what was never scheduled.
      child = spawnWorker();
      await workerUp();
      const housekeeping = openQueue(prefix, QueueName.Housekeeping);
      await housekeeping.add(JobName.ReconcileDeadlines, { horizonSeconds: 60 });
      await expectExactlyOnce(api, deadlineIds, p, 35_000).catch((err: Error) => {
        throw new Error(`${err.message}\n--- worker output ---\n${output.slice(-3000)}`);
      });
      await housekeeping.close();
    }, 60_000);
  });
});
