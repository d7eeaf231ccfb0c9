import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795934597591 implements MigrationInterface {
  name = 'InitialSchema1795934597591';

  async up(q: QueryRunner): Promise<void> {
    // unaccent + pg_trgm serve diacritic-insensitive, typo-tolerant name search.
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`CREATE TABLE province (
      code varchar(2) PRIMARY KEY,
      name text NOT NULL
    )`);
    await q.query(`CREATE TABLE commune (
      code varchar(5) PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('xa', 'phuong', 'dac_khu')),
      province_code varchar(2) NOT NULL REFERENCES province(code)
    )`);
    await q.query(`CREATE INDEX commune_province_idx ON commune (province_code, code)`);

    await q.query(`CREATE TABLE organisation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      type text NOT NULL,
      service_types text[] NOT NULL DEFAULT '{}',
      province_code varchar(2) NOT NULL REFERENCES province(code),
      commune_codes varchar(5)[] NOT NULL DEFAULT '{}',
      contact_email text,
      contact_phone text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX organisation_province_idx ON organisation (province_code)`);

    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL,
      full_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'manager', 'supervisor', 'caseworker', 'intake_officer', 'partner')),
      province_code varchar(2) NOT NULL REFERENCES province(code),
      organisation_id uuid REFERENCES organisation(id),
      email text,
      password_hash text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT app_user_partner_org CHECK ((role = 'partner') = (organisation_id IS NOT NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX app_user_username_uq ON app_user (lower(username))`);
    await q.query(`CREATE INDEX app_user_province_role_idx ON app_user (province_code, role)`);

    await q.query(`CREATE TABLE user_commune (
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      commune_code varchar(5) NOT NULL REFERENCES commune(code),
      PRIMARY KEY (user_id, commune_code)
    )`);
    await q.query(`CREATE INDEX user_commune_commune_idx ON user_commune (commune_code)`);

    // Refresh tokens are opaque; only a SHA-256 of the secret part is stored.
    // A family is one sign-in's chain of rotations; re-use of a spent token revokes it.
    await q.query(`CREATE TABLE refresh_token (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      family_id uuid NOT NULL,
      token_hash char(64) NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id)`);
    await q.query(`CREATE INDEX refresh_token_expires_idx ON refresh_token (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE user_commune`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE organisation`);
    await q.query(`DROP TABLE commune`);
    await q.query(`DROP TABLE province`);
    // The extensions stay: other databases objects (or a DBA) may rely on them.
  }
}
