import { MigrationInterface, QueryRunner } from 'typeorm';

const M = 60;
const H = 3600;
const D = 86400;
/** Lower bounds of the duration buckets, in seconds (a landed migration keeps its own copy). */
// prettier-ignore
const DURATION_BUCKETS = [
  0, M, 2 * M, 5 * M, 10 * M, 15 * M, 20 * M, 30 * M, 45 * M,
  H, 1.5 * H, 2 * H, 2.5 * H, 3 * H, 4 * H, 5 * H, 6 * H, 8 * H, 10 * H, 12 * H, 16 * H, 20 * H,
  D, 30 * H, 36 * H, 42 * H, 2 * D, 60 * H, 3 * D, 3.5 * D, 4 * D, 5 * D, 6 * D, 7 * D, 8 * D, 9 * D, 10 * D,
  12 * D, 14 * D, 17 * D, 21 * D, 25 * D, 30 * D, 35 * D, 45 * D, 60 * D, 75 * D, 90 * D, 120 * D, 150 * D,
  180 * D, 270 * D, 365 * D, 548 * D, 730 * D,
];

/**
 * A rollup for the response-times report (issue 6): at a province's scale (millions of deadlines)
 * sorting a year of durations for every request is too slow, so the worker folds each deadline,
 * once it is met or cancelled, into `deadline_rollup`: one row per province, commune, month (in
 * which the deadline started counting, Vietnam time), kind, outcome and duration bucket, with a
 * count. The report reads the rollup for the whole months of its period and the deadline rows for
 * everything else (open deadlines, the edges of the period, and whatever the worker has not folded
 * yet), so its answer does not depend on when the worker last ran.
 *
 * Durations are bucketed (`haven_duration_bucket`) on both paths, into 55 buckets with round lower
 * bounds (1 min, 2 min, 5 min, … 1 h, 1 h 30, 2 h, … 12 h, 16 h, 20 h, 1 day, 30 h, … 10 days, …
 * 1 year, 2 years), each 15–50 % wider than the one before: the statutory deadlines (4 h, 12 h,
 * 2 and 5 working days) fall on bounds. Percentiles are bucket lower bounds, the same whether a
 * deadline was folded or not. (A per-duration rollup would be as large as the deadline table.)
 *
 * A folded deadline must never change again (met and cancelled deadlines are final in the
 * lifecycle); a trigger enforces it, so the rollup cannot silently drift from the rows.
 */
export class ResponseTimeRollup1795950200000 implements MigrationInterface {
  name = 'ResponseTimeRollup1795950200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION haven_duration_bucket(seconds double precision) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT COALESCE((SELECT max(b) FROM unnest(ARRAY[${DURATION_BUCKETS.join(', ')}]) AS b WHERE b <= seconds), 0) $$`);

    await q.query(`ALTER TABLE deadline ADD COLUMN rolled_up boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE deadline ADD CONSTRAINT deadline_rolled_up_closed CHECK (NOT rolled_up OR status <> 'open')`);
    await q.query(`CREATE TABLE deadline_rollup (
      province_code varchar(2) NOT NULL,
      month date NOT NULL,
      kind text NOT NULL,
      commune_code varchar(5) NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('met_on_time', 'met_late', 'cancelled')),
      bucket integer NOT NULL,
      n integer NOT NULL CHECK (n > 0),
      -- n in the key's index: the report's scan of a period's months never visits the table.
      PRIMARY KEY (province_code, month, kind, commune_code, outcome, bucket) INCLUDE (n)
    )`);
    // What the report reads from the deadline table besides the rollup: open deadlines, and closed ones not folded yet.
    await q.query(`CREATE INDEX deadline_open_report_idx ON deadline (province_code, counted_from) INCLUDE (kind, commune_code, due_at) WHERE status = 'open'`);
    await q.query(
      `CREATE INDEX deadline_unrolled_idx ON deadline (province_code, counted_from) INCLUDE (kind, commune_code, status, met_at, due_at) WHERE status <> 'open' AND NOT rolled_up`,
    );

    await q.query(`CREATE FUNCTION haven_deadline_folded_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.rolled_up AND (NEW.status, NEW.met_at, NEW.due_at, NEW.counted_from, NEW.kind, NEW.commune_code, NEW.province_code, NEW.rolled_up)
             IS DISTINCT FROM (OLD.status, OLD.met_at, OLD.due_at, OLD.counted_from, OLD.kind, OLD.commune_code, OLD.province_code, OLD.rolled_up) THEN
          RAISE EXCEPTION 'deadline % is in the response-time rollup and cannot change', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER deadline_folded_is_final BEFORE UPDATE ON deadline FOR EACH ROW WHEN (OLD.rolled_up) EXECUTE FUNCTION haven_deadline_folded_is_final()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER deadline_folded_is_final ON deadline`);
    await q.query(`DROP FUNCTION haven_deadline_folded_is_final()`);
    await q.query(`DROP INDEX deadline_unrolled_idx`);
    await q.query(`DROP INDEX deadline_open_report_idx`);
    await q.query(`DROP TABLE deadline_rollup`);
    await q.query(`ALTER TABLE deadline DROP CONSTRAINT deadline_rolled_up_closed`);
    await q.query(`ALTER TABLE deadline DROP COLUMN rolled_up`);
    await q.query(`DROP FUNCTION haven_duration_bucket(double precision)`);
  }
}
