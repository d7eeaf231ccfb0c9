import { MigrationInterface, QueryRunner } from 'typeorm';

const ORGANISATION_TYPES = ['legal_aid', 'counselling', 'shelter', 'health', 'school', 'police', 'social_assistance', 'other'];
const SERVICE_TYPES = [
  'legal_aid',
  'psychological',
  'social_assistance',
  'health_care',
  'education',
  'alternative_care',
  'emergency_shelter',
  'police_justice',
  'vocational',
  'other',
];
const list = (codes: string[]) => codes.map((c) => `'${c}'`).join(', ');

/**
 * Partner organisations' codes and referrals (issue 4). A referral's free text (reason, decline
 * reason, outcome, cancel reason, progress updates) lives on its own rows, never in timeline
 * payloads; a consent override's justification is a case_decision_note the referral points to.
 */
export class Referrals1795940000000 implements MigrationInterface {
  name = 'Referrals1795940000000';

  async up(q: QueryRunner): Promise<void> {
    // The organisation table came with the foundation; its codes are checked from now on.
    await q.query(`ALTER TABLE organisation ADD CONSTRAINT organisation_type_check CHECK (type IN (${list(ORGANISATION_TYPES)}))`);
    await q.query(`ALTER TABLE organisation ADD CONSTRAINT organisation_service_types_check CHECK (service_types <@ ARRAY[${list(SERVICE_TYPES)}]::text[])`);

    await q.query(`CREATE TABLE referral (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id),
      organisation_id uuid NOT NULL REFERENCES organisation(id),
      service_type text NOT NULL CHECK (service_type IN (${list(SERVICE_TYPES)})),
      urgency text NOT NULL CHECK (urgency IN ('normal', 'emergency')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'completed', 'cancelled')),
      reason text NOT NULL,
      shared_note_ids uuid[] NOT NULL DEFAULT '{}',
      plan_action_id uuid REFERENCES plan_action(id),
      consent_override boolean NOT NULL DEFAULT false,
      override_note_id uuid REFERENCES case_decision_note(id),
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      responded_by uuid REFERENCES app_user(id),
      responded_at timestamptz,
      decline_reason text,
      completed_by uuid REFERENCES app_user(id),
      completed_at timestamptz,
      outcome text,
      cancelled_by uuid REFERENCES app_user(id),
      cancelled_at timestamptz,
      cancel_reason text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT referral_override_justified CHECK (consent_override = (override_note_id IS NOT NULL)),
      CONSTRAINT referral_answered CHECK ((status IN ('accepted', 'declined', 'completed')) = (responded_at IS NOT NULL AND responded_by IS NOT NULL)),
      CONSTRAINT referral_declined CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
      CONSTRAINT referral_completed CHECK ((status = 'completed') = (outcome IS NOT NULL AND completed_at IS NOT NULL AND completed_by IS NOT NULL)),
      CONSTRAINT referral_cancelled CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL AND cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX referral_case_idx ON referral (case_id, created_at DESC, id)`);
    // The partner's inbox: its organisation's referrals, newest first, often by status.
    await q.query(`CREATE INDEX referral_organisation_idx ON referral (organisation_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX referral_organisation_status_idx ON referral (organisation_id, status, created_at DESC)`);
    // One open referral per case, organisation and service: a double submission cannot send two.
    await q.query(`CREATE UNIQUE INDEX referral_one_open_idx ON referral (case_id, organisation_id, service_type) WHERE status IN ('pending', 'accepted')`);

    await q.query(`CREATE TABLE referral_update (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      referral_id uuid NOT NULL REFERENCES referral(id),
      author_id uuid NOT NULL REFERENCES app_user(id),
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX referral_update_referral_idx ON referral_update (referral_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referral_update`);
    await q.query(`DROP TABLE referral`);
    await q.query(`ALTER TABLE organisation DROP CONSTRAINT organisation_service_types_check`);
    await q.query(`ALTER TABLE organisation DROP CONSTRAINT organisation_type_check`);
  }
}
