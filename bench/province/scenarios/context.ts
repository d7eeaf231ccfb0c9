import type { Pool } from 'pg';
import { Role, ScopeActor } from '@haven/domain';
import type { Params } from '@haven/platform';
import { usernames } from '../seed/people';

/** Who a scenario acts as: what the API's Actor holds, for writing the same scope conditions in SQL. */
export interface BenchActor {
  id: string;
  username: string;
  role: 'manager' | 'supervisor' | 'intake_officer';
  provinceCode: string;
  communeCodes: string[];
  token: string;
}

/** The bench actor as the scope rules (libs/domain/src/access/scope.ts) read an actor. */
export const scopeActorOf = (actor: BenchActor): ScopeActor => ({ ...actor, role: actor.role as Role, organisationId: null });

/** Positional parameters appended to a statement's `values` (scopeSql's collector for the bench's hand-built SQL). */
export const paramsInto = (values: unknown[]): Params => ({ add: (v) => `$${values.push(v)}` });

export interface BenchContext {
  manager: BenchActor;
  /** The supervisor of the province's first commune (one commune in scope). */
  supervisor: BenchActor;
  intake: BenchActor;
  communes: string[];
  /** Ids of random cases of the province (all in the manager's scope). */
  caseIds: string[];
}

/** Loads the actors (as UsersService.findActor does) and a sample of case ids; `login` turns a username into a token. */
export async function loadContext(pool: Pool, login: (username: string) => Promise<string>): Promise<BenchContext> {
  const communes: string[] = (await pool.query(`SELECT code FROM commune WHERE province_code = '46' ORDER BY code`)).rows.map((r) => r.code);
  const actor = async (username: string): Promise<BenchActor> => {
    const { rows } = await pool.query(
      `SELECT u.id, u.username, u.role, u.province_code, coalesce(array_agg(c.commune_code ORDER BY c.commune_code) FILTER (WHERE c.commune_code IS NOT NULL), '{}') AS communes
         FROM app_user u LEFT JOIN user_commune c ON c.user_id = u.id WHERE u.username = $1 GROUP BY u.id`,
      [username],
    );
    if (!rows[0]) throw new Error(`user ${username} is missing: the dataset was not seeded by this bench`);
    return { id: rows[0].id, username, role: rows[0].role, provinceCode: rows[0].province_code, communeCodes: rows[0].communes, token: await login(username) };
  };
  // Uniform over the whole history (a sample of pages would favour the oldest rows).
  const caseIds: string[] = (await pool.query(`SELECT id FROM "case" WHERE province_code = '46' ORDER BY random() LIMIT 1000`)).rows.map((r) => r.id);
  return {
    manager: await actor(usernames.manager),
    supervisor: await actor(usernames.supervisor(communes[0])),
    intake: await actor(usernames.intake(0)),
    communes,
    caseIds,
  };
}

/** Round-robin over a fixed list: every connection sees every variant equally often. */
export function rotation<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length];
}

export const randomOf = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
