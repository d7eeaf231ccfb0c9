import { MIGRATIONS } from '../../migrations';
import { startApi, testQueuePrefix } from '../support/app';
import { createTestDatabase } from '../support/databases';
import { startWorker } from '../support/worker';

describe('API and worker start-up', () => {
  it('API and worker started at once against an empty database both come up (the lock holds)', async () => {
    const database = await createTestDatabase({ empty: true });
    try {
      // Both apps read process.env while they start: give them the same values.
      const env = { QUEUE_PREFIX: testQueuePrefix() };
      const [api, worker] = await Promise.all([startApi(env, { databaseUrl: database.url }), startWorker(env, { databaseUrl: database.url })]);
      try {
        const applied: { name: string; times: number }[] = await worker.db.query(
          `SELECT name, count(*)::int AS times FROM migrations GROUP BY name ORDER BY name`,
        );
        expect(applied).toEqual(MIGRATIONS.map((m) => ({ name: m.name, times: 1 })).sort((a, b) => a.name.localeCompare(b.name)));
        await api.http.get('/api/v1/health/ready').expect(200);
        expect(worker.workers().every((w) => w.isRunning())).toBe(true);
      } finally {
        await Promise.all([api.close(), worker.close()]);
      }
    } finally {
      await database.drop();
    }
  }, 90_000);
});
