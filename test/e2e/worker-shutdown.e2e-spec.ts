import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { TokenService } from '@haven/auth';
import { JobName, QueueName } from '@haven/platform';
import { createTestDatabase } from '../support/databases';
import { openQueue, startWorker, waitForActive, waitForJob } from '../support/worker';

describe('worker shutdown', () => {
  let probe: Queue | undefined;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  afterEach(async () => {
    await probe?.close();
    await database?.drop();
  });

  it('closes cleanly: the job in flight finishes against an open database, then the workers close', async () => {
    // Our own database: the test closes the app itself, so TestWorker.close() (app and database) is not used.
    database = await createTestDatabase();
    const worker = await startWorker({}, { databaseUrl: database.url });
    const userId = randomUUID();
    await worker.db.query(
      `INSERT INTO app_user (id, username, full_name, role, province_code, password_hash) VALUES ($1, $2, 'Test', 'caseworker', '46', 'x')`,
      [userId, `shutdown-${userId.slice(0, 8)}`],
    );
    await worker.db.query(`INSERT INTO refresh_token (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() - interval '30 days')`, [
      randomUUID(),
      userId,
      randomUUID(),
      'b'.repeat(64),
    ]);

    // Hold the job in its handler long enough for the shutdown to start under it.
    const tokens = worker.app.get(TokenService);
    const purge = tokens.purgeExpired.bind(tokens);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    jest.spyOn(tokens, 'purgeExpired').mockImplementation(async (days) => {
      await held;
      return purge(days);
    });

    const closed = worker.workers().map((w) => new Promise<string>((resolve) => w.once('closed', () => resolve(w.name))));
    const job = await worker.jobs.add(JobName.PurgeExpiredRefreshTokens, { olderThanDays: 7 });
    probe = openQueue(worker.queuePrefix, QueueName.Housekeeping);
    await waitForActive(probe, job.id!);

    const closing = worker.app.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await expect(closing).resolves.toBeUndefined();

    await expect(Promise.all(closed)).resolves.toEqual(Object.values(QueueName));
    expect(worker.workers().some((w) => w.isRunning())).toBe(false);
    // The job finished during the shutdown, and its DELETE reached the database before the pool closed.
    const done = await waitForJob(probe, job.id!);
    expect(await done.getState()).toBe('completed');
    expect(done.returnvalue).toEqual({ deleted: 1 });
  });
});
