import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, the case guards:
 * - a `transferred` closure names the receiving commune (a full transfer comes later); the column
 *   mirrors the request in force, like closure_request_note;
 * - a review records the two conditions of Decree 56 art. 30(1)(b). Stored reviews are mapped from
 *   their single still_at_risk, documented as "remains at risk or unstable": false means both
 *   conditions held; true means one failed without saying which, so both stay null;
 * - ending a separation records its outcome (Decree 56 art. 32(3)); earlier ends stay null.
 */
export class CaseGuards1795970200000 implements MigrationInterface {
  name = 'CaseGuards1795970200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "case" ADD COLUMN closure_receiving_commune_code varchar(5) REFERENCES commune(code)`);
    await q.query(`ALTER TABLE assessment ADD COLUMN no_longer_at_risk_of_abuse boolean, ADD COLUMN stable boolean`);
    await q.query(`UPDATE assessment SET no_longer_at_risk_of_abuse = true, stable = true WHERE type = 'review' AND still_at_risk = false`);
    await q.query(
      `ALTER TABLE separation ADD COLUMN outcome text CHECK (outcome IN ('returned_home', 'alternative_care', 'court_request', 'other')),
         ADD CONSTRAINT separation_outcome_when_ended CHECK (outcome IS NULL OR ended_at IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE separation DROP CONSTRAINT separation_outcome_when_ended, DROP COLUMN outcome`);
    await q.query(`ALTER TABLE assessment DROP COLUMN no_longer_at_risk_of_abuse, DROP COLUMN stable`);
    await q.query(`ALTER TABLE "case" DROP COLUMN closure_receiving_commune_code`);
  }
}
