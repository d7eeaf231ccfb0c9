import type { Client } from 'pg';
import {
  CASEWORKERS_PER_COMMUNE,
  FAMILY_NAMES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  INTAKE_OFFICERS,
  MIDDLE_FEMALE,
  MIDDLE_MALE,
  ORGANISATIONS,
  pickWeighted,
} from './vocabulary';

export const PROVINCE = '46';

/** Usernames the measuring part signs in with. */
export const usernames = {
  admin: 'bench-admin',
  manager: 'bench-manager',
  supervisor: (communeCode: string) => `bench-supervisor-${communeCode}`,
  caseworker: (communeCode: string, j: number) => `bench-caseworker-${communeCode}-${j}`,
  intake: (k: number) => `bench-intake-${k}`,
  partner: (k: number) => `bench-partner-${k}`,
};

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
const staffName = () =>
  Math.random() < 0.5
    ? `${pickWeighted(FAMILY_NAMES)} ${pickWeighted(MIDDLE_FEMALE)} ${pick(GIVEN_FEMALE)}`
    : `${pickWeighted(FAMILY_NAMES)} ${pickWeighted(MIDDLE_MALE)} ${pick(GIVEN_MALE)}`;

interface UserRow {
  username: string;
  role: string;
  /** The partner's organisation id. */
  organisation: string | null;
  communes: string[];
}

/**
 * Staff and partners of province 46, plus the small lookup tables the case generator joins on
 * (bench_commune: each commune's supervisor and caseworkers by position; bench_org). Returns the
 * communes in code order and the intake officers' ids.
 */
export async function seedPeople(db: Client, passwordHash: string): Promise<{ communes: string[]; intakeOfficers: string[] }> {
  const communes: string[] = (await db.query(`SELECT code FROM commune WHERE province_code = $1 ORDER BY code`, [PROVINCE])).rows.map((r) => r.code);
  if (communes.length === 0) throw new Error(`no communes for province ${PROVINCE}: were the reference migrations applied?`);

  const orgs: { id: string; name: string }[] = (
    await db.query(
      `INSERT INTO organisation (name, type, service_types, province_code, contact_email, contact_phone)
       SELECT name, type, services::text[], $4, 'partner' || ord || '@example.org', '0900 000 ' || lpad(ord::text, 3, '0')
         FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS o(name, type, services, ord)
       RETURNING id, name`,
      [ORGANISATIONS.map((o) => o.name), ORGANISATIONS.map((o) => o.type), ORGANISATIONS.map((o) => `{${o.services.join(',')}}`), PROVINCE],
    )
  ).rows;
  const orgId = (k: number) => orgs.find((o) => o.name === ORGANISATIONS[k].name)!.id;

  const users: UserRow[] = [
    { username: usernames.admin, role: 'admin', organisation: null, communes: [] },
    { username: usernames.manager, role: 'manager', organisation: null, communes: [] },
    ...communes.map((c) => ({ username: usernames.supervisor(c), role: 'supervisor', organisation: null, communes: [c] })),
    ...communes.flatMap((c) =>
      Array.from({ length: CASEWORKERS_PER_COMMUNE }, (_, j) => ({
        username: usernames.caseworker(c, j),
        role: 'caseworker',
        organisation: null,
        communes: [c],
      })),
    ),
    // The hotline receives reports for the whole province: its officers hold every commune.
    ...Array.from({ length: INTAKE_OFFICERS }, (_, k) => ({ username: usernames.intake(k), role: 'intake_officer', organisation: null, communes })),
    ...ORGANISATIONS.map((_, k) => ({ username: usernames.partner(k), role: 'partner', organisation: orgId(k), communes: [] })),
  ];
  await db.query(
    `INSERT INTO app_user (username, full_name, role, province_code, organisation_id, email, password_hash)
     SELECT username, full_name, role, $5, org, username || '@bench.example.org', $6
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) AS u(username, full_name, role, org)`,
    [users.map((u) => u.username), users.map(() => staffName()), users.map((u) => u.role), users.map((u) => u.organisation), PROVINCE, passwordHash],
  );
  await db.query(
    `INSERT INTO user_commune (user_id, commune_code)
     SELECT a.id, x.commune FROM unnest($1::text[], $2::text[]) AS x(username, commune) JOIN app_user a ON a.username = x.username`,
    [users.flatMap((u) => u.communes.map(() => u.username)), users.flatMap((u) => u.communes)],
  );

  // Lookup tables for the case generator. Commune i (0-based, in code order): its supervisor and caseworkers.
  await db.query(`CREATE UNLOGGED TABLE bench_commune (i int PRIMARY KEY, code varchar(5) NOT NULL, supervisor uuid NOT NULL, caseworkers uuid[] NOT NULL)`);
  await db.query(
    `INSERT INTO bench_commune
     SELECT (c.ord - 1)::int, c.code,
            (SELECT id FROM app_user WHERE username = 'bench-supervisor-' || c.code),
            ARRAY(SELECT id FROM app_user WHERE role = 'caseworker' AND username LIKE 'bench-caseworker-' || c.code || '-%' ORDER BY username)
       FROM unnest($1::text[]) WITH ORDINALITY AS c(code, ord)`,
    [communes],
  );
  // Organisation k (0-based, ORGANISATIONS order): the service it is referred for and its partner user.
  await db.query(`CREATE UNLOGGED TABLE bench_org (k int PRIMARY KEY, id uuid NOT NULL, service text NOT NULL, partner uuid NOT NULL)`);
  await db.query(
    `INSERT INTO bench_org
     SELECT (o.ord - 1)::int, g.id, g.service_types[1], (SELECT id FROM app_user WHERE organisation_id = g.id)
       FROM unnest($1::text[]) WITH ORDINALITY AS o(name, ord) JOIN organisation g ON g.name = o.name`,
    [ORGANISATIONS.map((o) => o.name)],
  );
  const intakeOfficers: string[] = (await db.query(`SELECT id FROM app_user WHERE role = 'intake_officer' ORDER BY username`)).rows.map((r) => r.id);
  return { communes, intakeOfficers };
}
