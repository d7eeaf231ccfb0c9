import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '../../libs/platform/src/database/migration.lock';
import { createTestDatabase } from '../support/databases';
import { HUE, PHU_XUAN } from '../support/factories';
import { optionsThrough } from '../support/migrations';

const silent = { log: () => undefined } as never;

/*
 * EpisodeReceipt (issue 12, E1) moves existing cases forward: each episode gets its receipt, the
 * case its episode's receipt and danger time, a reopened case the count of its own episode's
 * emergency measures; and it reverts to the old columns' meaning.
 */
describe('migration EpisodeReceipt: existing data', () => {
  it('gives existing episodes their receipts, recounts the emergency measures of the current episode, and reverts cleanly', async () => {
    const db = await createTestDatabase({ empty: true });
    const ds = await new DataSource(optionsThrough(db.url, 'EpisodeReceipt1795970000000')).initialize();
    try {
      await runMigrationsLocked(ds, silent);
      await ds.undoLastMigration({ transaction: 'each' });
      expect((await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0].name).not.toBe('EpisodeReceipt1795970000000');

      // Before it: a case reported 1 Mar in danger, measures 1 Mar, closed 1 Apr, reopened 10 Jun (still flagged), measures again 11 Jun.
      const [user] = await ds.query(
        `INSERT INTO app_user (username, full_name, role, province_code, password_hash) VALUES ('mgr', 'Manager', 'manager', $1, 'x') RETURNING id`,
        [HUE],
      );
      const [child] = await ds.query(
        `INSERT INTO child (province_code, commune_code, full_name, given_name, sex, created_by) VALUES ($1, $2, 'Trẻ', 'Trẻ', 'male', $3) RETURNING id`,
        [HUE, PHU_XUAN, user.id],
      );
      const insertCase = (reopenCount: number, immediateDanger: boolean, measures: number) =>
        ds.query(
          `INSERT INTO "case" (case_number, province_code, commune_code, child_id, stage, concern_types, channel, received_at, incident_commune_code,
                               incident_description, created_by, opened_at, reopen_count, immediate_danger, emergency_measures_count)
           VALUES ('46-2026-' || $5, $1, $2, $3, 'assessment', '{neglect}', 'police', '2026-03-01T08:00:00Z', $2, 'x', $4, '2026-03-01T09:00:00Z', $6, $7, $8)
           RETURNING id`,
          [HUE, PHU_XUAN, child.id, user.id, String(reopenCount + (immediateDanger ? 10 : 20)), reopenCount, immediateDanger, measures],
        );
      const [reopened] = await insertCase(1, true, 2);
      const [plain] = await insertCase(0, false, 0);
      const event = (caseId: string, at: string, type: string, payload: object = {}) =>
        ds.query(`INSERT INTO case_event (case_id, at, actor_id, type, payload) VALUES ($1, $2, $3, $4, $5)`, [
          caseId,
          at,
          user.id,
          type,
          JSON.stringify(payload),
        ]);
      await event(reopened.id, '2026-03-01T09:00:00Z', 'case.opened', { immediateDanger: true });
      await event(reopened.id, '2026-03-01T10:00:00Z', 'emergency_measures.recorded', { takenAt: '2026-03-01T10:00:00Z' });
      await event(reopened.id, '2026-04-01T09:00:00Z', 'closure.approved', { reason: 'resolved', closedAt: '2026-04-01T09:00:00Z' });
      await event(reopened.id, '2026-06-10T09:00:00Z', 'case.reopened', { reopenCount: 1 });
      await event(reopened.id, '2026-06-11T09:00:00Z', 'emergency_measures.recorded', { takenAt: '2026-06-11T09:00:00Z' });
      await event(plain.id, '2026-03-01T09:00:00Z', 'case.opened', { immediateDanger: false });

      expect(await runMigrationsLocked(ds, silent)).toBe(1);
      const caseRow = (id: string) =>
        ds.query(`SELECT episode_received_at, danger_received_at, immediate_danger, emergency_measures_count FROM "case" WHERE id = $1`, [id]);
      expect(await caseRow(reopened.id)).toEqual([
        {
          episode_received_at: new Date('2026-06-10T09:00:00Z'),
          danger_received_at: new Date('2026-06-10T09:00:00Z'),
          immediate_danger: true,
          emergency_measures_count: 1,
        },
      ]);
      expect(await caseRow(plain.id)).toEqual([
        { episode_received_at: new Date('2026-03-01T08:00:00Z'), danger_received_at: null, immediate_danger: false, emergency_measures_count: 0 },
      ]);
      expect(await ds.query(`SELECT seq, received_at, channel FROM case_episode WHERE case_id = $1 ORDER BY seq`, [reopened.id])).toEqual([
        { seq: 1, received_at: new Date('2026-03-01T08:00:00Z'), channel: 'police' },
        { seq: 2, received_at: new Date('2026-06-10T09:00:00Z'), channel: null },
      ]);

      // From now on the trigger takes each reopening's receipt and channel from its event.
      await event(reopened.id, '2026-07-01T09:00:00Z', 'closure.approved', { reason: 'resolved', closedAt: '2026-07-01T09:00:00Z' });
      await event(reopened.id, '2026-08-02T09:00:00Z', 'case.reopened', { reopenCount: 2, receivedAt: '2026-08-01T20:00:00.000Z', channel: 'school' });
      expect(await ds.query(`SELECT received_at, channel FROM case_episode WHERE case_id = $1 AND seq = 3`, [reopened.id])).toEqual([
        { received_at: new Date('2026-08-01T20:00:00Z'), channel: 'school' },
      ]);
      // A danger flag never goes without its time.
      await expect(ds.query(`UPDATE "case" SET danger_received_at = NULL WHERE id = $1`, [reopened.id])).rejects.toThrow(/case_danger_known/);

      await ds.undoLastMigration({ transaction: 'each' });
      const columns = await ds.query(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE (table_name = 'case' AND column_name IN ('episode_received_at', 'danger_received_at'))
             OR (table_name = 'case_episode' AND column_name IN ('received_at', 'channel'))`,
      );
      expect(columns).toEqual([]);
      // The old meaning: every emergency measure of the case's history.
      expect(await ds.query(`SELECT emergency_measures_count FROM "case" WHERE id = $1`, [reopened.id])).toEqual([{ emergency_measures_count: 2 }]);
      expect(await runMigrationsLocked(ds, silent)).toBe(1);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
