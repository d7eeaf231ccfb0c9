import { MigrationInterface, QueryRunner } from 'typeorm';
import { readReferenceCsv } from './data/reference-data';

interface HolidayRow {
  date: string;
  kind: string;
  name_vi: string;
  name_en: string;
  confirmed: string;
  source: string;
}

const CONFIRMED: Record<string, boolean> = { yes: true, no: false };

/**
 * The working-day calendar and the per-province deadline policy (issue 5, part 1).
 * - holiday: the exceptions to the Monday–Friday week, seeded from vn-holidays.csv (2026
 *   confirmed; 2027 partly inferred, confirmed = false), maintained by admins afterwards. The
 *   check mirrors libs/domain calendarEntryProblems: a make-up working day is a Saturday, a day
 *   off is a weekday.
 * - deadline_policy: a province's overrides of the default policy (libs/domain
 *   DEFAULT_DEADLINE_POLICY); no row means the defaults. `version` is the optimistic lock.
 */
export class DeadlinePolicyAndHolidays1795940100000 implements MigrationInterface {
  name = 'DeadlinePolicyAndHolidays1795940100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE holiday (
      date date PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('holiday', 'compensatory', 'makeup_workday')),
      name_vi text NOT NULL CHECK (length(name_vi) BETWEEN 1 AND 300),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 300),
      confirmed boolean NOT NULL DEFAULT true,
      source text,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT holiday_weekday_check CHECK (
        CASE WHEN kind = 'makeup_workday' THEN extract(isodow FROM date) = 6 ELSE extract(isodow FROM date) < 6 END
      )
    )`);

    const rows = readReferenceCsv<HolidayRow>('vn-holidays.csv');
    for (const row of rows) {
      if (!(row.confirmed in CONFIRMED)) throw new Error(`vn-holidays.csv: ${row.date} has confirmed=${row.confirmed}; expected yes or no`);
    }
    await q.query(
      `INSERT INTO holiday (date, kind, name_vi, name_en, confirmed, source)
       SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[])`,
      [
        rows.map((r) => r.date),
        rows.map((r) => r.kind),
        rows.map((r) => r.name_vi),
        rows.map((r) => r.name_en),
        rows.map((r) => CONFIRMED[r.confirmed]),
        rows.map((r) => r.source || null),
      ],
    );

    await q.query(`CREATE TABLE deadline_policy (
      province_code varchar(2) PRIMARY KEY REFERENCES province(code),
      policy jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(policy) = 'object'),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deadline_policy`);
    await q.query(`DROP TABLE holiday`);
  }
}
