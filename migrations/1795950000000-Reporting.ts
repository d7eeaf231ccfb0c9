import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Manager reporting (issue 6).
 *
 * - `deadline.counted_from`: the instant a deadline counts from (receipt of the report, the plan's
 *   submission, the referral, the reopening, …). Response times are `met_at − counted_from`, both
 *   written by the system in the command's transaction, never by a user. Rows opened before this
 *   migration get the best reconstruction the data allows: the report's receipt for the kinds that
 *   count from it while the case had never been reopened, the deadline's opening otherwise.
 * - `case_episode`: one row per period a case was open (opening, then each reopening), closed with
 *   the closure's time and reason. Statistics need "open at the end of the period" and "closed in
 *   the period, by reason" including reopened cases, which the case row (latest state only) cannot
 *   answer. A trigger on the append-only timeline keeps it, so it can never disagree with the
 *   events it is derived from, whatever path wrote them.
 * - `report_export`: who exported which report, with which filters, when (exports are logged).
 * - Indexes that let the reports read only their province's slice, mostly index-only.
 */
export class Reporting1795950000000 implements MigrationInterface {
  name = 'Reporting1795950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadline ADD COLUMN counted_from timestamptz`);
    await q.query(`UPDATE deadline d SET counted_from = CASE
        WHEN d.kind IN ('initial_assessment', 'emergency_measures', 'plan_submission') AND c.reopen_count = 0 AND c.received_at <= d.opened_at THEN c.received_at
        ELSE d.opened_at END
      FROM "case" c WHERE c.id = d.case_id`);
    await q.query(`ALTER TABLE deadline ALTER COLUMN counted_from SET NOT NULL`);
    // Response times: a province's deadlines by the time they started counting.
    await q.query(`CREATE INDEX deadline_report_idx ON deadline (province_code, counted_from) INCLUDE (kind, commune_code, status, met_at, due_at)`);

    await q.query(`CREATE TABLE case_episode (
      case_id uuid NOT NULL REFERENCES "case"(id),
      seq integer NOT NULL CHECK (seq >= 1),
      province_code varchar(2) NOT NULL,
      commune_code varchar(5) NOT NULL,
      opened_at timestamptz NOT NULL,
      closed_at timestamptz,
      closure_reason text,
      PRIMARY KEY (case_id, seq),
      CONSTRAINT case_episode_closed CHECK ((closed_at IS NULL) = (closure_reason IS NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX case_episode_one_open_idx ON case_episode (case_id) WHERE closed_at IS NULL`);
    // Open at a date: the open episodes, and those closed after it.
    await q.query(`CREATE INDEX case_episode_open_idx ON case_episode (province_code, opened_at) INCLUDE (commune_code, case_id) WHERE closed_at IS NULL`);
    await q.query(`CREATE INDEX case_episode_reopened_idx ON case_episode (province_code, opened_at) INCLUDE (commune_code) WHERE seq > 1`);
    await q.query(`CREATE INDEX case_episode_opened_idx ON case_episode (province_code, opened_at) INCLUDE (commune_code, closed_at, case_id)`);
    await q.query(
      `CREATE INDEX case_episode_closed_idx ON case_episode (province_code, closed_at) INCLUDE (commune_code, closure_reason, case_id) WHERE closed_at IS NOT NULL`,
    );

    // Episodes of the cases already recorded: the n-th opening (the first at receipt) ends at the n-th closure.
    await q.query(`INSERT INTO case_episode (case_id, seq, province_code, commune_code, opened_at, closed_at, closure_reason)
      SELECT s.case_id, s.seq, c.province_code, c.commune_code, s.opened_at, e.closed_at, e.reason
        FROM (SELECT ev.case_id, row_number() OVER (PARTITION BY ev.case_id ORDER BY ev.id)::int AS seq,
                     CASE WHEN ev.type = 'case.opened' THEN k.received_at ELSE ev.at END AS opened_at
                FROM case_event ev JOIN "case" k ON k.id = ev.case_id
               WHERE ev.type IN ('case.opened', 'case.reopened')) s
        JOIN "case" c ON c.id = s.case_id
        LEFT JOIN (SELECT case_id, row_number() OVER (PARTITION BY case_id ORDER BY id)::int AS seq,
                          COALESCE((payload->>'closedAt')::timestamptz, at) AS closed_at, payload->>'reason' AS reason
                     FROM case_event WHERE type = 'closure.approved') e ON e.case_id = s.case_id AND e.seq = s.seq`);

    await q.query(`CREATE FUNCTION haven_case_episode() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await q.query(
      `CREATE TRIGGER case_event_episode AFTER INSERT ON case_event FOR EACH ROW WHEN (NEW.type IN ('case.opened', 'case.reopened', 'closure.approved')) EXECUTE FUNCTION haven_case_episode()`,
    );

    // Statistics: a province's cases by receipt; caseload: its open cases with what they are grouped by.
    await q.query(`CREATE INDEX case_report_received_idx ON "case" (province_code, received_at) INCLUDE (commune_code, child_id, concern_types)`);
    await q.query(
      `CREATE INDEX case_report_open_idx ON "case" (province_code, commune_code) INCLUDE (assignee_id, stage, risk_level, next_due_at) WHERE stage <> 'closed'`,
    );

    await q.query(`CREATE TABLE report_export (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      actor_id uuid NOT NULL REFERENCES app_user(id),
      report text NOT NULL,
      format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
      filters jsonb NOT NULL,
      row_count integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX report_export_actor_idx ON report_export (actor_id, created_at DESC)`);
    await q.query(`CREATE TRIGGER report_export_append_only BEFORE UPDATE OR DELETE ON report_export FOR EACH ROW EXECUTE FUNCTION haven_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_export`);
    await q.query(`DROP INDEX case_report_open_idx`);
    await q.query(`DROP INDEX case_report_received_idx`);
    await q.query(`DROP TRIGGER case_event_episode ON case_event`);
    await q.query(`DROP FUNCTION haven_case_episode()`);
    await q.query(`DROP TABLE case_episode`);
    await q.query(`DROP INDEX deadline_report_idx`);
    await q.query(`ALTER TABLE deadline DROP COLUMN counted_from`);
  }
}
