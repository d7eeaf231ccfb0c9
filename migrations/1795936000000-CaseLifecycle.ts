import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Children, cases and everything recorded on a case (issue 3). The case row
 * carries the lifecycle state the domain guards need (libs/domain CaseState),
 * so a command loads one row (plus the newest plan version) under its version.
 */
export class CaseLifecycle1795936000000 implements MigrationInterface {
  name = 'CaseLifecycle1795936000000';

  async up(q: QueryRunner): Promise<void> {
    // unaccent() is only STABLE (it reads a dictionary); an index needs an IMMUTABLE wrapper
    // with the dictionary named explicitly.
    await q.query(`CREATE FUNCTION haven_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, replace(replace($1, 'đ', 'd'), 'Đ', 'D'))) $$`);

    await q.query(`CREATE TABLE child (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      province_code varchar(2) NOT NULL REFERENCES province(code),
      commune_code varchar(5) NOT NULL REFERENCES commune(code),
      full_name text NOT NULL,
      given_name text NOT NULL,
      sex text NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
      date_of_birth date,
      date_of_birth_estimated boolean NOT NULL DEFAULT false,
      address text,
      caregivers jsonb NOT NULL DEFAULT '[]',
      special_circumstances text[] NOT NULL DEFAULT '{}',
      ethnicity text,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE INDEX child_name_trgm_idx ON child USING gin (haven_fold(full_name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX child_commune_idx ON child (commune_code)`);
    await q.query(`CREATE INDEX child_province_idx ON child (province_code)`);
    await q.query(`CREATE INDEX child_dob_idx ON child (date_of_birth)`);

    await q.query(`CREATE TABLE case_number_counter (
      province_code varchar(2) NOT NULL REFERENCES province(code),
      year integer NOT NULL,
      last_value integer NOT NULL,
      PRIMARY KEY (province_code, year)
    )`);

    await q.query(`CREATE TABLE "case" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_number text NOT NULL UNIQUE,
      province_code varchar(2) NOT NULL REFERENCES province(code),
      commune_code varchar(5) NOT NULL REFERENCES commune(code),
      child_id uuid NOT NULL REFERENCES child(id),
      stage text NOT NULL CHECK (stage IN ('intake', 'assessment', 'planning', 'intervention', 'review', 'closed')),
      risk_level text CHECK (risk_level IN ('high', 'medium', 'low')),
      immediate_danger boolean NOT NULL DEFAULT false,
      concern_types text[] NOT NULL,
      channel text NOT NULL,
      received_at timestamptz NOT NULL,
      reporter jsonb,
      incident_occurred_at timestamptz,
      incident_commune_code varchar(5) NOT NULL REFERENCES commune(code),
      incident_description text NOT NULL,
      created_by uuid NOT NULL REFERENCES app_user(id),
      assignee_id uuid REFERENCES app_user(id),
      opened_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      has_initial_assessment boolean NOT NULL DEFAULT false,
      has_needs_assessment boolean NOT NULL DEFAULT false,
      last_review_still_at_risk boolean,
      emergency_measures_count integer NOT NULL DEFAULT 0,
      approved_plan_version integer,
      closure_request_reason text,
      closure_requested_by uuid REFERENCES app_user(id),
      closure_request_note text,
      closure_reason text,
      closure_approved_by uuid REFERENCES app_user(id),
      reopen_count integer NOT NULL DEFAULT 0,
      next_due_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT case_closed_has_closure CHECK ((stage = 'closed') = (closure_reason IS NOT NULL AND closure_approved_by IS NOT NULL AND closed_at IS NOT NULL))
    )`);
    // Lists filter by scope (province, commune, assignee, creator) and sort by opening or next due time.
    await q.query(`CREATE INDEX case_province_opened_idx ON "case" (province_code, opened_at DESC, id)`);
    await q.query(`CREATE INDEX case_commune_opened_idx ON "case" (commune_code, opened_at DESC, id)`);
    await q.query(`CREATE INDEX case_assignee_opened_idx ON "case" (assignee_id, opened_at DESC, id)`);
    await q.query(`CREATE INDEX case_created_by_opened_idx ON "case" (created_by, opened_at DESC, id)`);
    await q.query(`CREATE INDEX case_commune_due_idx ON "case" (commune_code, next_due_at) WHERE stage <> 'closed'`);
    await q.query(`CREATE INDEX case_province_stage_idx ON "case" (province_code, stage, risk_level)`);
    await q.query(`CREATE INDEX case_child_idx ON "case" (child_id)`);
    await q.query(`CREATE INDEX case_concern_types_idx ON "case" USING gin (concern_types)`);

    // POST /cases with an Idempotency-Key: the same key and body within 24 h returns the first case.
    await q.query(`CREATE TABLE case_idempotency_key (
      actor_id uuid NOT NULL REFERENCES app_user(id),
      key text NOT NULL,
      request_hash char(64) NOT NULL,
      case_id uuid NOT NULL REFERENCES "case"(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (actor_id, key)
    )`);
    await q.query(`CREATE INDEX case_idempotency_created_idx ON case_idempotency_key (created_at)`);

    await q.query(`CREATE TABLE assessment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id),
      type text NOT NULL CHECK (type IN ('initial', 'needs', 'review')),
      risk_level text NOT NULL CHECK (risk_level IN ('high', 'medium', 'low')),
      immediate_danger boolean,
      still_at_risk boolean,
      findings jsonb NOT NULL DEFAULT '{}',
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX assessment_case_idx ON assessment (case_id, recorded_at)`);

    await q.query(`CREATE TABLE emergency_measure (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id),
      measures jsonb NOT NULL,
      taken_at timestamptz NOT NULL,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX emergency_measure_case_idx ON emergency_measure (case_id)`);

    await q.query(`CREATE TABLE separation (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES "case"(id),
      start_at timestamptz NOT NULL,
      end_at timestamptz NOT NULL,
      placement text NOT NULL,
      extended_by_authority boolean NOT NULL DEFAULT false,
      authority_reference text,
      decided_by uuid NOT NULL REFERENCES app_user(id),
      ended_at timestamptz,
      ended_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_at > start_at)
    )`);
    await q.query(`CREATE INDEX separation_case_idx ON separation (case_id)`);
    await q.query(`CREATE UNIQUE INDEX separation_one_active_idx ON separation (case_id) WHERE ended_at IS NULL`);

    await q.query(`CREATE TABLE plan (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id),
      version_no integer NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'superseded')),
      goals jsonb NOT NULL DEFAULT '[]',
      author_ids uuid[] NOT NULL,
      submitted_by uuid REFERENCES app_user(id),
      submitted_at timestamptz,
      decided_by uuid REFERENCES app_user(id),
      decided_at timestamptz,
      decision_comment text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, version_no)
    )`);
    // At most one approved plan in force per case.
    await q.query(`CREATE UNIQUE INDEX plan_one_approved_idx ON plan (case_id) WHERE status = 'approved'`);
    await q.query(`CREATE TABLE plan_action (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      plan_id uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      position integer NOT NULL,
      service_type text NOT NULL,
      description text NOT NULL,
      organisation_id uuid REFERENCES organisation(id),
      responsible_user_id uuid REFERENCES app_user(id),
      start_at timestamptz,
      due_at timestamptz NOT NULL,
      cost_estimate numeric(14, 0) CHECK (cost_estimate >= 0),
      UNIQUE (plan_id, position),
      CHECK (start_at IS NULL OR due_at > start_at)
    )`);

    await q.query(`CREATE TABLE case_note (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id),
      kind text NOT NULL CHECK (kind IN ('visit', 'call', 'meeting', 'other')),
      visibility text NOT NULL CHECK (visibility IN ('internal', 'shared')),
      body text NOT NULL,
      occurred_at timestamptz NOT NULL,
      author_id uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX case_note_case_idx ON case_note (case_id, occurred_at DESC)`);

    await q.query(`CREATE TABLE consent (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id),
      giver text NOT NULL CHECK (giver IN ('child', 'guardian')),
      giver_name text,
      scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['services', 'sharing']::text[]),
      given_at timestamptz NOT NULL,
      withdrawn_at timestamptz,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      withdrawn_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX consent_case_idx ON consent (case_id)`);

    // Free-text reasons and comments of decisions (closure, reopen, plan decisions): kept on the
    // record but out of timeline payloads, which carry ids and codes only.
    await q.query(`CREATE TABLE case_decision_note (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES "case"(id),
      kind text NOT NULL,
      body text NOT NULL,
      author_id uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX case_decision_note_case_idx ON case_decision_note (case_id, created_at)`);

    // Append-only: the timeline. The application only ever inserts; a trigger refuses the rest.
    await q.query(`CREATE TABLE case_event (
      id bigserial PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES "case"(id),
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor_id uuid REFERENCES app_user(id),
      type text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX case_event_case_idx ON case_event (case_id, id)`);
    await q.query(`CREATE INDEX case_event_type_at_idx ON case_event (type, at)`);

    await q.query(`CREATE TABLE case_access_log (
      id bigserial PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES "case"(id),
      actor_id uuid NOT NULL REFERENCES app_user(id),
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      action text NOT NULL CHECK (action IN ('read', 'write')),
      what text NOT NULL
    )`);
    await q.query(`CREATE INDEX case_access_log_case_idx ON case_access_log (case_id, id)`);

    await q.query(`CREATE FUNCTION haven_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
    await q.query(`CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event FOR EACH ROW EXECUTE FUNCTION haven_append_only()`);
    await q.query(`CREATE TRIGGER case_access_log_append_only BEFORE UPDATE OR DELETE ON case_access_log FOR EACH ROW EXECUTE FUNCTION haven_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'case_access_log',
      'case_event',
      'case_decision_note',
      'consent',
      'case_note',
      'plan_action',
      'plan',
      'separation',
      'emergency_measure',
      'assessment',
      'case_idempotency_key',
      '"case"',
      'case_number_counter',
      'child',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION haven_append_only()`);
    await q.query(`DROP FUNCTION haven_fold(text)`);
  }
}
