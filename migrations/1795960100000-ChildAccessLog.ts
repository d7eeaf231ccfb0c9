import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads and changes of a child's registry record go to the access log (issue 10, item 7). A child
 * is not one case's: its record is shared by all its cases, so such an entry names the child
 * (`child_id`) and no case, and a case's access log shows the entries of its own child besides its
 * own. One table and one sequence keep the merged log in order without a sort across tables.
 */
export class ChildAccessLog1795960100000 implements MigrationInterface {
  name = 'ChildAccessLog1795960100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_access_log ALTER COLUMN case_id DROP NOT NULL`);
    await q.query(`ALTER TABLE case_access_log ADD COLUMN child_id uuid REFERENCES child(id)`);
    await q.query(`ALTER TABLE case_access_log ADD CONSTRAINT case_access_log_subject CHECK ((case_id IS NULL) <> (child_id IS NULL))`);
    await q.query(`CREATE INDEX case_access_log_child_idx ON case_access_log (child_id, id) WHERE child_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The append-only trigger refuses deletes: a rollback that drops child entries must go around it.
    await q.query(`ALTER TABLE case_access_log DISABLE TRIGGER case_access_log_append_only`);
    await q.query(`DELETE FROM case_access_log WHERE case_id IS NULL`);
    await q.query(`ALTER TABLE case_access_log ENABLE TRIGGER case_access_log_append_only`);
    await q.query(`DROP INDEX case_access_log_child_idx`);
    await q.query(`ALTER TABLE case_access_log DROP CONSTRAINT case_access_log_subject`);
    await q.query(`ALTER TABLE case_access_log DROP COLUMN child_id`);
    await q.query(`ALTER TABLE case_access_log ALTER COLUMN case_id SET NOT NULL`);
  }
}
