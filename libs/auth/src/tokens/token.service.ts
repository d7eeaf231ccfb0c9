import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThan, Repository } from 'typeorm';
import { AppConfig, AppException, ErrorCode } from '@haven/platform';
import { RefreshTokenEntity } from './refresh-token.entity';

export interface AccessTokenClaims {
  sub: string;
  role: string;
  /** The user's session version: a bump (password, role, scope, disable) ends the token at once. */
  sv: number;
  /** The sign-in it belongs to (the refresh-token family): logout ends the token at once. */
  sid: string;
}

/** Who a refresh may issue tokens for: the user's role and session version, or null when it may not. */
export type RefreshSubject = { role: string; sessionVersion: number } | null;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { id: match[1], secret: match[2] } : null;
}

type RotateOutcome = { ok: true; userId: string; pair: Omit<TokenPair, 'accessToken'> & { familyId: string } } | { ok: false; code: ErrorCode };

/**
 * Access tokens are short-lived JWTs. Refresh tokens are opaque
 * `<id>.<secret>` strings whose secret is stored only as a hash; each use
 * spends the token and issues the next one of its family, and presenting a
 * spent one again revokes the whole family (it was probably stolen).
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
  ) {}

  signAccessToken(claims: AccessTokenClaims): string {
    return this.jwt.sign(
      { role: claims.role, sv: claims.sv, sid: claims.sid },
      { subject: claims.sub, expiresIn: this.config.JWT_ACCESS_TTL, jwtid: randomUUID() },
    );
  }

  /** A new sign-in: a refresh-token family of its own and an access token bound to it. */
  async issue(userId: string, role: string, sessionVersion: number, manager?: EntityManager): Promise<TokenPair> {
    const familyId = randomUUID();
    const refreshToken = await this.createRefreshToken(userId, familyId, manager);
    return {
      accessToken: this.signAccessToken({ sub: userId, role, sv: sessionVersion, sid: familyId }),
      refreshToken,
      expiresIn: this.config.JWT_ACCESS_TTL,
    };
  }

  private async createRefreshToken(userId: string, familyId: string, manager?: EntityManager): Promise<string> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const repo = manager ? manager.getRepository(RefreshTokenEntity) : this.tokens;
    await repo.insert({
      id,
      userId,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL * 1000),
    });
    return `${id}.${secret}`;
  }

  /**
   * Spends a refresh token and returns the user it belongs to with the next
   * token of the family. The row lock makes two concurrent uses of one token
   * resolve as one rotation and one re-use.
   */
  async rotate(token: string, subjectOf: (userId: string, manager: EntityManager) => Promise<RefreshSubject>): Promise<TokenPair & { userId: string }> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw new AppException(ErrorCode.InvalidRefreshToken, 'The refresh token is not valid');
    const outcome = await this.tokens.manager.transaction(async (m): Promise<RotateOutcome & { subject?: RefreshSubject }> => {
      const row = await m.getRepository(RefreshTokenEntity).findOne({ where: { id: parsed.id }, lock: { mode: 'pessimistic_write' } });
      if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(sha256(parsed.secret)))) return { ok: false, code: ErrorCode.InvalidRefreshToken };
      if (row.revokedAt) return { ok: false, code: ErrorCode.InvalidRefreshToken };
      if (row.usedAt) {
        // Re-use of a spent token: someone else holds the chain. Revoke it all (committed, then refused).
        await m.getRepository(RefreshTokenEntity).update({ familyId: row.familyId }, { revokedAt: new Date() });
        return { ok: false, code: ErrorCode.RefreshTokenReused };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { ok: false, code: ErrorCode.InvalidRefreshToken };
      const subject = await subjectOf(row.userId, m);
      if (!subject) return { ok: false, code: ErrorCode.InvalidRefreshToken };
      await m.getRepository(RefreshTokenEntity).update({ id: row.id }, { usedAt: new Date() });
      const next = await this.createRefreshToken(row.userId, row.familyId, m);
      return { ok: true, userId: row.userId, subject, pair: { refreshToken: next, expiresIn: this.config.JWT_ACCESS_TTL, familyId: row.familyId } };
    });
    if (!outcome.ok) {
      throw new AppException(
        outcome.code,
        outcome.code === ErrorCode.RefreshTokenReused
          ? 'This refresh token was already used; every session of this sign-in has been ended'
          : 'The refresh token is not valid',
      );
    }
    const { subject } = outcome as { subject: NonNullable<RefreshSubject> };
    return {
      userId: outcome.userId,
      accessToken: this.signAccessToken({ sub: outcome.userId, role: subject.role, sv: subject.sessionVersion, sid: outcome.pair.familyId }),
      refreshToken: outcome.pair.refreshToken,
      expiresIn: this.config.JWT_ACCESS_TTL,
    };
  }

  /**
   * Ends a sign-in (its whole refresh-token family): the one the access token belongs to, and the
   * one of the given refresh token when it is the caller's. Access tokens of the family stop at once.
   */
  async revokeSession(userId: string, sessionId: string, refreshToken?: string): Promise<void> {
    const families = [sessionId];
    if (refreshToken !== undefined) {
      const parsed = parseRefreshToken(refreshToken);
      const row = parsed ? await this.tokens.findOne({ where: { id: parsed.id, userId } }) : null;
      if (!parsed || !row || row.tokenHash !== sha256(parsed.secret)) throw new AppException(ErrorCode.InvalidRefreshToken, 'The refresh token is not valid');
      families.push(row.familyId);
    }
    await this.tokens
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND family_id IN (:...families) AND revoked_at IS NULL', { userId, families })
      .execute();
  }

  async revokeAllForUser(userId: string, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(RefreshTokenEntity) : this.tokens;
    await repo
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }

  /** Housekeeping: expired tokens older than the given age are useless, even for re-use detection. */
  async purgeExpired(olderThanDays: number): Promise<number> {
    const result = await this.tokens.delete({ expiresAt: LessThan(new Date(Date.now() - olderThanDays * 86400_000)) });
    return result.affected ?? 0;
  }
}
