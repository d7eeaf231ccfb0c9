import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Each episode of a case has its own receipt (issue 12, E1): Decree 56 arts. 26(3) and 31(2) count
 * the 12 hours of emergency measures from receiving the information that the child faces serious
 * harm, and a reopening comes with a new report.
 *
 * - `case.episode_received_at`: the current episode's receipt (the report's, then each reopening's);
 *   `case.danger_received_at`: when the danger known now came in (null exactly when none is known).
 *   A row inserted without them (seeds, benches writing SQL) gets the report's receipt.
 * - `case_episode.received_at` and `channel`: each episode's report. Episodes opened before this
 *   migration: the first gets the case's receipt and channel; a reopening gets the time it was
 *   recorded (its report's was never asked for) and no channel.
 * - `case.emergency_measures_count` now counts the current episode's measures: recounted from the
 *   timeline since the last reopening. The danger flag of a reopened case cannot be rebuilt (the new
 *   report's was never recorded); its time is the episode's receipt.
 *
 * Down restores the old columns' meaning (the count over the case's whole history) and trigger.
 */
export class EpisodeReceipt1795970000000 implements MigrationInterface {
  name = 'EpisodeReceipt1795970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_episode ADD COLUMN received_at timestamptz, ADD COLUMN channel text`);
    await q.query(`UPDATE case_episode e SET received_at = CASE WHEN e.seq = 1 THEN c.received_at ELSE e.opened_at END,
                                             channel = CASE WHEN e.seq = 1 THEN c.channel END
                     FROM "case" c WHERE c.id = e.case_id`);
    await q.query(`ALTER TABLE case_episode ALTER COLUMN received_at SET NOT NULL`);

    await q.query(`ALTER TABLE "case" ADD COLUMN episode_received_at timestamptz, ADD COLUMN danger_received_at timestamptz`);
    await q.query(`UPDATE "case" c SET episode_received_at = COALESCE(
        (SELECT e.received_at FROM case_episode e WHERE e.case_id = c.id ORDER BY e.seq DESC LIMIT 1), c.received_at)`);
    await q.query(`UPDATE "case" SET danger_received_at = CASE WHEN immediate_danger THEN episode_received_at END`);
    await q.query(`UPDATE "case" c SET emergency_measures_count = (
        SELECT count(*) FROM case_event ev WHERE ev.case_id = c.id AND ev.type = 'emergency_measures.recorded'
           AND ev.id > (SELECT max(r.id) FROM case_event r WHERE r.case_id = c.id AND r.type = 'case.reopened'))
      WHERE c.reopen_count > 0 AND EXISTS (SELECT 1 FROM case_event r WHERE r.case_id = c.id AND r.type = 'case.reopened')`);
    await q.query(`ALTER TABLE "case" ALTER COLUMN episode_received_at SET NOT NULL`);
    await q.query(`ALTER TABLE "case" ADD CONSTRAINT case_danger_known CHECK (immediate_danger = (danger_received_at IS NOT NULL))`);
    await q.query(`CREATE FUNCTION haven_case_episode_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.episode_received_at := COALESCE(NEW.episode_received_at, NEW.received_at);
        IF NEW.immediate_danger AND NEW.danger_received_at IS NULL THEN NEW.danger_received_at := NEW.episode_received_at; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER case_episode_receipt BEFORE INSERT ON "case" FOR EACH ROW EXECUTE FUNCTION haven_case_episode_receipt()`);

    await q.query(`CREATE OR REPLACE FUNCTION haven_case_episode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type = 'case.opened' THEN
          INSERT INTO case_episode (case_id, seq, province_code, commune_code, opened_at, received_at, channel)
            SELECT id, 1, province_code, commune_code, received_at, received_at, channel FROM "case" WHERE id = NEW.case_id;
        ELSIF NEW.type = 'case.reopened' THEN
          INSERT INTO case_episode (case_id, seq, province_code, commune_code, opened_at, received_at, channel)
            SELECT c.id, COALESCE((SELECT max(seq) FROM case_episode WHERE case_id = c.id), 0) + 1, c.province_code, c.commune_code, NEW.at,
                   COALESCE((NEW.payload->>'receivedAt')::timestamptz, NEW.at), NEW.payload->>'channel'
              FROM "case" c WHERE c.id = NEW.case_id;
        ELSIF NEW.type = 'closure.approved' THEN
          UPDATE case_episode SET closed_at = COALESCE((NEW.payload->>'closedAt')::timestamptz, NEW.at), closure_reason = NEW.payload->>'reason'
           WHERE case_id = NEW.case_id AND closed_at IS NULL;
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION haven_case_episode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type = 'case.opened' THEN
          INSERT INTO case_episode (case_id, seq, province_code, commune_code, opened_at)
            SELECT id, 1, province_code, commune_code, received_at FROM "case" WHERE id = NEW.case_id;
        ELSIF NEW.type = 'case.reopened' THEN
          INSERT INTO case_episode (case_id, seq, province_code, commune_code, opened_at)
            SELECT c.id, COALESCE((SELECT max(seq) FROM case_episode WHERE case_id = c.id), 0) + 1, c.province_code, c.commune_code, NEW.at
              FROM "case" c WHERE c.id = NEW.case_id;
        ELSIF NEW.type = 'closure.approved' THEN
          UPDATE case_episode SET closed_at = COALESCE((NEW.payload->>'closedAt')::timestamptz, NEW.at), closure_reason = NEW.payload->>'reason'
           WHERE case_id = NEW.case_id AND closed_at IS NULL;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER case_episode_receipt ON "case"`);
    await q.query(`DROP FUNCTION haven_case_episode_receipt()`);
    // The old count: every emergency measure of the case's history.
    await q.query(`UPDATE "case" c SET emergency_measures_count = GREATEST(c.emergency_measures_count,
        (SELECT count(*) FROM case_event ev WHERE ev.case_id = c.id AND ev.type = 'emergency_measures.recorded'))
      WHERE c.reopen_count > 0`);
    await q.query(`ALTER TABLE "case" DROP CONSTRAINT case_danger_known`);
    await q.query(`ALTER TABLE "case" DROP COLUMN danger_received_at, DROP COLUMN episode_received_at`);
    await q.query(`ALTER TABLE case_episode DROP COLUMN channel, DROP COLUMN received_at`);
  }
}
