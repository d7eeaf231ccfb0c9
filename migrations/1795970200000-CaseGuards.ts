import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, the case guards:
 * - a `transferred` closure names the receiving commune (a full transfer comes later); the column
 *   mirrors the request in force, like closure_request_note.
 */
export class CaseGuards1795970200000 implements MigrationInterface {
  name = 'CaseGuards1795970200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case" ADD COLUMN closure_receiving_commune_code varchar(5) REFERENCES commune(code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case" DROP COLUMN closure_receiving_commune_code`);
  }
}
