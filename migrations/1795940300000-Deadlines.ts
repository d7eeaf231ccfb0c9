import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = ['initial_assessment', 'emergency_measures', 'plan_submission', 'plan_approval', 'referral_response', 'review', 'separation_end', 'plan_action'];
const list = (codes: string[]) => codes.map((c) => `'${c}'`).join(', ');

/**
 * Deadlines as rows (issue 5): opened, met and cancelled by the case and referral commands in
 * their own transactions. `next_step` / `next_step_at` is the one step of the deadline's timeline
 * (reminder, escalation 1, escalation 2) that BullMQ should fire next; the reconciler reads them
 * to put back whatever the queue lost. The province and commune are copied from the case so that
 * supervisors' and managers' lists and the escalations' recipients need no join.
 */
export class Deadlines1795940300000 implements MigrationInterface {
  name = 'Deadlines1795940300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE deadline (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id),
      referral_id uuid REFERENCES referral(id),
      plan_action_id uuid REFERENCES plan_action(id),
      kind text NOT NULL CHECK (kind IN (${list(KINDS)})),
      variant text CHECK (variant IN ('standard', 'emergency', 'high_risk')),
      province_code varchar(2) NOT NULL REFERENCES province(code),
      commune_code varchar(5) NOT NULL REFERENCES commune(code),
      owner_id uuid REFERENCES app_user(id),
      due_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'cancelled')),
      met_at timestamptz,
      cancelled_at timestamptz,
      escalation_level integer NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
      next_step text CHECK (next_step ~ '^(reminder:[0-9]{1,3}|escalation:[12])$'),
      next_step_at timestamptz,
      opened_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT deadline_met CHECK ((status = 'met') = (met_at IS NOT NULL)),
      CONSTRAINT deadline_cancelled CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      CONSTRAINT deadline_next_step CHECK ((next_step IS NULL) = (next_step_at IS NULL)),
      CONSTRAINT deadline_referral CHECK ((kind = 'referral_response') = (referral_id IS NOT NULL)),
      CONSTRAINT deadline_plan_action CHECK ((kind = 'plan_action') = (plan_action_id IS NOT NULL))
    )`);
    // The reconciler: open deadlines whose next step is due soon or late.
    await q.query(`CREATE INDEX deadline_next_step_idx ON deadline (status, next_step_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX deadline_case_idx ON deadline (case_id)`);
    // GET /deadlines: a manager's province, a supervisor's communes, overdue first then by due time.
    await q.query(`CREATE INDEX deadline_province_status_due_idx ON deadline (province_code, status, due_at)`);
    await q.query(`CREATE INDEX deadline_commune_status_due_idx ON deadline (commune_code, status, due_at)`);
    await q.query(`CREATE INDEX deadline_owner_status_idx ON deadline (owner_id, status)`);
    // At most one open deadline per case, kind and subject (a referral, a plan action).
    await q.query(
      `CREATE UNIQUE INDEX deadline_one_open_idx ON deadline (case_id, kind, COALESCE(referral_id, plan_action_id, case_id)) WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deadline`);
  }
}
