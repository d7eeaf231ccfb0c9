import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '@haven/platform';
import type { Actor } from '../access/actor';
import { ActorsService } from '../users/actors.service';

/** Clock difference between API replicas tolerated on `iat`. */
const CLOCK_SKEW_SECONDS = 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessTokenPayload {
  sub?: unknown;
  sv?: unknown;
  sid?: unknown;
  iat?: unknown;
  exp?: unknown;
}

/**
 * The claims a token must carry to be considered at all: a subject, a session version and a
 * sign-in id, and a lifetime (`exp` − `iat`) no longer than the configured one, issued no later
 * than now. jsonwebtoken checks `exp` only when present; a token without one would never expire.
 */
export function acceptableClaims(payload: AccessTokenPayload, ttlSeconds: number, nowSeconds: number): { sub: string; sv: number; sid: string } | null {
  const { sub, sv, sid, iat, exp } = payload;
  if (typeof sub !== 'string' || !UUID.test(sub)) return null;
  if (typeof sid !== 'string' || !UUID.test(sid)) return null;
  if (typeof sv !== 'number' || !Number.isInteger(sv)) return null;
  if (typeof iat !== 'number' || typeof exp !== 'number') return null;
  if (exp - iat > ttlSeconds || iat > nowSeconds + CLOCK_SKEW_SECONDS || exp <= nowSeconds) return null;
  return { sub, sv, sid };
}

/**
 * Bearer tokens on every non-public route. The actor is reloaded per request (one indexed query)
 * and the token's session version and sign-in are checked in the same query, so a disable, a new
 * password, a new role or scope, or a logout takes effect on the next request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly config: AppConfig,
    private readonly actors: ActorsService,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.JWT_ACCESS_SECRET, algorithms: ['HS256'], ignoreExpiration: false });
  }

  async validate(payload: AccessTokenPayload): Promise<Actor | false> {
    const claims = acceptableClaims(payload, this.config.JWT_ACCESS_TTL, Math.floor(Date.now() / 1000));
    if (!claims) return false;
    const actor = await this.actors.findSessionActor(claims);
    return actor ? { ...actor, sessionId: claims.sid } : false;
  }
}
