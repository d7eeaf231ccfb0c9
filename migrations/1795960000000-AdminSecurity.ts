import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (security):
 * - `app_user.session_version`: every access token carries the version it was issued under; a
 *   password change or reset, a disable, a role or scope change bumps it, so old tokens stop at once.
 * - `app_user.must_change_password`: a password an administrator set is temporary.
 * - `sign_in_failure` replaces the per-account counter (`failed_logins`, `locked_until`), which let
 *   anyone lock any account from anywhere: failures are counted per (username, address) and, more
 *   slowly, per username, for usernames that exist and those that do not alike.
 * - `admin_audit`: the append-only record of administrative changes; a trigger refuses UPDATE,
 *   DELETE and TRUNCATE, so not even a bug in the API can rewrite it.
 */
export class AdminSecurity1795960000000 implements MigrationInterface {
  name = 'AdminSecurity1795960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user
      ADD COLUMN session_version integer NOT NULL DEFAULT 1,
      ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
      ADD COLUMN password_changed_at timestamptz,
      DROP COLUMN failed_logins,
      DROP COLUMN locked_until`);

    // key: 'u:<lower username>' or 'ua:<lower username>|<address>'; one row per key and window.
    await q.query(`CREATE TABLE sign_in_failure (
      key text PRIMARY KEY CHECK (length(key) <= 200),
      failures integer NOT NULL CHECK (failures >= 0),
      window_started_at timestamptz NOT NULL,
      locked_until timestamptz
    )`);
    await q.query(`CREATE INDEX sign_in_failure_window_idx ON sign_in_failure (window_started_at)`);

    await q.query(`CREATE TABLE admin_audit (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'operator')),
      province_code varchar(2) NOT NULL,
      target_type text NOT NULL CHECK (target_type IN ('user', 'organisation', 'deadline_policy')),
      target_id text NOT NULL CHECK (length(target_id) <= 64),
      action text NOT NULL CHECK (action ~ '^[a-z_]+\\.[a-z_]+$'),
      kinds text[] NOT NULL DEFAULT '{}',
      changes jsonb NOT NULL DEFAULT '{}',
      CONSTRAINT admin_audit_actor CHECK ((actor_kind = 'user') = (actor_id IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX admin_audit_province_at_idx ON admin_audit (province_code, at DESC)`);
    await q.query(`CREATE INDEX admin_audit_target_idx ON admin_audit (target_type, target_id, at DESC)`);
    await q.query(`CREATE FUNCTION admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'admin_audit is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER admin_audit_no_update BEFORE UPDATE OR DELETE ON admin_audit
      FOR EACH ROW EXECUTE FUNCTION admin_audit_append_only()`);
    await q.query(`CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
      FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE admin_audit`);
    await q.query(`DROP FUNCTION admin_audit_append_only()`);
    await q.query(`DROP TABLE sign_in_failure`);
    await q.query(`ALTER TABLE app_user
      DROP COLUMN session_version,
      DROP COLUMN must_change_password,
      DROP COLUMN password_changed_at,
      ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
      ADD COLUMN locked_until timestamptz`);
  }
}
