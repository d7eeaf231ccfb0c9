import { randomUUID } from 'node:crypto';
import { JobName, MetricsService, QueueName } from '@haven/platform';
import { JOB_SCHEDULES } from '../../apps/worker/src/runtime/job-schedules';
import { JobScheduler } from '../../apps/worker/src/runtime/job-scheduler.service';
import { QueueDepthSampler } from '../../apps/worker/src/runtime/queue-depth.sampler';
import { startWorker, TestWorker, waitForJob } from '../support/worker';

const DAY = 86400_000;

describe('worker', () => {
  let worker: TestWorker;
  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(() => worker.close());

  async function insertRefreshTokens(expiresAt: Date[]): Promise<string[]> {
    const [user] = await worker.db.query(
      `INSERT INTO app_user (username, full_name, role, province_code, password_hash) VALUES ($1, 'Test worker', 'caseworker', '46', 'x') RETURNING id`,
      [`worker-${randomUUID().slice(0, 8)}`],
    );
    const ids = expiresAt.map(() => randomUUID());
    for (const [i, at] of expiresAt.entries()) {
      await worker.db.query(`INSERT INTO refresh_token (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
        ids[i],
        user.id,
        randomUUID(),
        'a'.repeat(64),
        at,
      ]);
    }
    return ids;
  }

  it('runs its workers, one per queue', () => {
    expect(worker.workers().map((w) => [w.name, w.isRunning()])).toEqual(Object.values(QueueName).map((q) => [q, true]));
  });

  it('purges refresh tokens that expired more than olderThanDays ago, and keeps the rest', async () => {
    const now = Date.now();
    const [longGone, lastWeek, yesterday, fresh] = await insertRefreshTokens([
      new Date(now - 30 * DAY),
      new Date(now - 8 * DAY),
      new Date(now - 1 * DAY),
      new Date(now + 14 * DAY),
    ]);
    const job = await worker.jobs.add(JobName.PurgeExpiredRefreshTokens, { olderThanDays: 7 });
    const done = await waitForJob(worker.jobs.queue(QueueName.Housekeeping), job.id!);

    expect(await done.getState()).toBe('completed');
    expect(done.returnvalue).toEqual({ deleted: 2 });
    const left = (await worker.db.query(`SELECT id FROM refresh_token`)).map((r: { id: string }) => r.id);
    expect(left.sort()).toEqual([yesterday, fresh].sort());
    expect(left).not.toContain(longGone);
    expect(left).not.toContain(lastWeek);

    // Idempotent: running it again deletes nothing more.
    const again = await worker.jobs.add(JobName.PurgeExpiredRefreshTokens, { olderThanDays: 7 });
    expect((await waitForJob(worker.jobs.queue(QueueName.Housekeeping), again.id!)).returnvalue).toEqual({ deleted: 0 });
  });

  it('fails a job with an unknown name at once instead of retrying it', async () => {
    const queue = worker.jobs.queue(QueueName.Housekeeping);
    const job = await queue.add('no-such-job', { id: randomUUID() });
    const done = await waitForJob(queue, job.id!);
    expect(await done.getState()).toBe('failed');
    expect(done.failedReason).toBe(`job "no-such-job" has no handler on queue "${QueueName.Housekeeping}"`);
    expect(done.attemptsMade).toBe(1);
    expect(done.opts.attempts).toBeGreaterThan(1);
  });

  it('fails a malformed payload at once instead of retrying it', async () => {
    const queue = worker.jobs.queue(QueueName.Housekeeping);
    const job = await queue.add(JobName.PurgeExpiredRefreshTokens, { olderThanDays: 'seven' });
    const done = await waitForJob(queue, job.id!);
    expect(await done.getState()).toBe('failed');
    expect(done.attemptsMade).toBe(1);
  });

  it('retries with exponential backoff by default', async () => {
    const job = await worker.jobs.queue(QueueName.Housekeeping).add(JobName.PurgeExpiredRefreshTokens, { olderThanDays: 7 });
    expect(job.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: expect.any(Number) } });
  });

  it('schedules the daily purge at 03:00 Vietnam time, once however often it boots', async () => {
    const queue = worker.jobs.queue(QueueName.Housekeeping);
    await worker.app.get(JobScheduler).sync();
    await worker.app.get(JobScheduler).sync();
    expect(await queue.getJobSchedulersCount()).toBe(JOB_SCHEDULES.length);
    const scheduler = await queue.getJobScheduler('purge-expired-refresh-tokens');
    expect(scheduler).toMatchObject({
      name: JobName.PurgeExpiredRefreshTokens,
      pattern: '0 3 * * *',
      tz: 'Asia/Ho_Chi_Minh',
      template: { data: { olderThanDays: 7 } },
    });
    // The next run is 03:00 in Vietnam (UTC+7, no daylight saving), i.e. 20:00 UTC.
    expect(new Date(scheduler!.next!).getUTCHours()).toBe(20);
    // Scheduled jobs inherit the queue's retry policy.
    expect(scheduler!.template?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential' } });
  });

  it('removes a job scheduler that is no longer declared', async () => {
    const queue = worker.jobs.queue(QueueName.Housekeeping);
    await queue.upsertJobScheduler('retired-schedule', { every: 60_000 }, { name: JobName.PurgeExpiredRefreshTokens, data: { olderThanDays: 7 } });
    await worker.app.get(JobScheduler).sync();
    expect(await queue.getJobScheduler('retired-schedule')).toBeUndefined();
    expect(await queue.getJobScheduler('purge-expired-refresh-tokens')).toBeDefined();
  });

  it('reports queue depth by state', async () => {
    const queue = worker.jobs.queue(QueueName.Housekeeping);
    await worker.app.get(QueueDepthSampler).sample();
    const counts = await queue.getJobCounts('delayed', 'failed');
    const metrics = await worker.app.get(MetricsService).registry.getSingleMetricAsString('queue_jobs');
    // At least the scheduler's next purge (delayed) and the two jobs failed above.
    expect(counts.delayed).toBeGreaterThanOrEqual(1);
    expect(counts.failed).toBeGreaterThanOrEqual(2);
    expect(metrics).toContain(`queue_jobs{queue="${QueueName.Housekeeping}",state="delayed"} ${counts.delayed}`);
    expect(metrics).toContain(`queue_jobs{queue="${QueueName.Housekeeping}",state="failed"} ${counts.failed}`);
    expect(metrics).toContain(`queue_jobs{queue="${QueueName.Housekeeping}",state="waiting"}`);
  });
});
