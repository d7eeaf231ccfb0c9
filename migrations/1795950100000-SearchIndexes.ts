import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case lists at a province's scale (issue 6).
 *
 * GET /cases counts its matches and picks its page on the case table alone. With 1M cases a
 * manager's "neglect since January" matches ~55,000 cases among ~190,000 opened since then; read
 * through the heap that count took half a second. These two indexes replace the plain
 * (scope, opened_at DESC, id) ones: the same scope keys, the id descending like the default sort
 * (`-openedAt` is opened_at DESC, id DESC), and every column the list filters on included, so a
 * count or a page's ids come from the index alone (an index-only scan) whatever the filters:
 *
 * - `case_list_province_idx`: a manager's province;
 * - `case_list_commune_idx`: commune staff's communes (province_code is part of their scope).
 */
export class SearchIndexes1795950100000 implements MigrationInterface {
  name = 'SearchIndexes1795950100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX case_list_province_idx ON "case" (province_code, opened_at DESC, id DESC)
        INCLUDE (commune_code, stage, risk_level, concern_types, next_due_at, assignee_id)`,
    );
    await q.query(
      `CREATE INDEX case_list_commune_idx ON "case" (commune_code, opened_at DESC, id DESC)
        INCLUDE (province_code, stage, risk_level, concern_types, next_due_at, assignee_id)`,
    );
    await q.query(`DROP INDEX case_province_opened_idx`);
    await q.query(`DROP INDEX case_commune_opened_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX case_province_opened_idx ON "case" (province_code, opened_at DESC, id)`);
    await q.query(`CREATE INDEX case_commune_opened_idx ON "case" (commune_code, opened_at DESC, id)`);
    await q.query(`DROP INDEX case_list_commune_idx`);
    await q.query(`DROP INDEX case_list_province_idx`);
  }
}
