import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import type { Role } from '@haven/domain';
import type { Actor } from '../access/actor';

/** The account behind an access token, with what the token must match. */
export interface SessionClaims {
  sub: string;
  /** The user's session version when the token was issued. */
  sv: number;
  /** The sign-in (refresh-token family) the token belongs to. */
  sid: string;
}

/**
 * Who is acting: the active account behind a session or a sign-in, with its communes, in one
 * query. Kept apart from UsersService (the administration of accounts) because every request
 * passes through here and nothing here changes a user.
 */
@Injectable()
export class ActorsService {
  constructor(@InjectEntityManager() private readonly manager: EntityManager) {}

  /**
   * The actor behind an access token: one query, null when the user is gone or disabled, when
   * the token's session version is not the user's (password, role or scope changed since), or
   * when its sign-in was ended (logout, refresh-token re-use) or is not one of this user's.
   */
  async findSessionActor(claims: SessionClaims): Promise<Actor | null> {
    const found = await this.activeActor(
      this.manager,
      claims.sub,
      `AND u.session_version = $2 AND (SELECT bool_and(t.revoked_at IS NULL) FROM refresh_token t WHERE t.family_id = $3 AND t.user_id = u.id)`,
      [claims.sv, claims.sid],
    );
    return found && toActor(found);
  }

  /** The active user with this id, for sign-in and refresh (no session to check yet). */
  async findActor(id: string, m: EntityManager = this.manager): Promise<(Actor & { sessionVersion: number }) | null> {
    const found = await this.activeActor(m, id);
    return found && { ...toActor(found), sessionVersion: found.session_version };
  }

  /** An active user with its communes, in one query; `condition` adds to the WHERE with parameters from $2. */
  private async activeActor(m: EntityManager, id: string, condition = '', values: unknown[] = []): Promise<ActorRow | null> {
    const rows = (await m.query(
      `SELECT u.id, u.username, u.role, u.province_code, u.organisation_id, u.must_change_password, u.session_version,
              coalesce(array_agg(c.commune_code ORDER BY c.commune_code) FILTER (WHERE c.commune_code IS NOT NULL), '{}') AS commune_codes
         FROM app_user u LEFT JOIN user_commune c ON c.user_id = u.id
        WHERE u.id = $1 AND u.active ${condition}
        GROUP BY u.id`,
      [id, ...values],
    )) as ActorRow[];
    return rows[0] ?? null;
  }
}

interface ActorRow {
  id: string;
  username: string;
  role: Role;
  province_code: string;
  organisation_id: string | null;
  must_change_password: boolean;
  session_version: number;
  commune_codes: string[];
}

function toActor(r: ActorRow): Actor {
  return {
    id: r.id,
    username: r.username,
    role: r.role,
    provinceCode: r.province_code,
    communeCodes: r.commune_codes,
    organisationId: r.organisation_id,
    mustChangePassword: r.must_change_password,
  };
}
