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
}

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
    return this.jwt.sign({ role: claims.role }, { subject: claims.sub, expiresIn: this.config.JWT_ACCESS_TTL, jwtid: randomUUID() });
  }

  async issue(userId: string, role: string, familyId: string = randomUUID(), manager?: EntityManager): Promise<TokenPair> {
    const refreshToken = await this.createRefreshToken(userId, familyId, manager);
    return { accessToken: this.signAccessToken({ sub: userId, role }), refreshToken, expiresIn: this.config.JWT_ACCESS_TTL };
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
  async rotate(
    token: string,
    isUserActive: (userId: string, manager: EntityManager) => Promise<string | null>,
  ): Promise<{ userId: string; role: string; refreshToken: string }> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw new AppException(ErrorCode.InvalidRefreshToken, 'The refresh token is not valid');
    const outcome = await this.tokens.manager.transaction(async (m): Promise<RotateOutcome & { role?: string }> => {
      const row = await m.getRepository(RefreshTokenEntity).findOne({ where: { id: parsed.id }, lock: { mode: 'pessimistic_write' } });
      if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(sha256(parsed.secret)))) return { ok: false, code: ErrorCode.InvalidRefreshToken };
      if (row.revokedAt) return { ok: false, code: ErrorCode.InvalidRefreshToken };
      if (row.usedAt) {
        // Re-use of a spent token: someone else holds the chain. Revoke it all (committed, then refused).
        await m.getRepository(RefreshTokenEntity).update({ familyId: row.familyId }, { revokedAt: new Date() });
        return { ok: false, code: ErrorCode.RefreshTokenReused };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { ok: false, code: ErrorCode.InvalidRefreshToken };
      const role = await isUserActive(row.userId, m);
      if (!role) return { ok: false, code: ErrorCode.InvalidRefreshToken };
      await m.getRepository(RefreshTokenEntity).update({ id: row.id }, { usedAt: new Date() });
      const next = await this.createRefreshToken(row.userId, row.familyId, m);
      return { ok: true, userId: row.userId, role, pair: { refreshToken: next, expiresIn: this.config.JWT_ACCESS_TTL, familyId: row.familyId } };
    });
    if (!outcome.ok) {
      throw new AppException(
        outcome.code,
        outcome.code === ErrorCode.RefreshTokenReused
          ? 'This refresh token was already used; every session of this sign-in has been ended'
          : 'The refresh token is not valid',
      );
    }
    return { userId: outcome.userId, role: outcome.role!, refreshToken: outcome.pair.refreshToken };
  }

  /** Ends the sign-in the token belongs to (its whole family), if it is the caller's. */
  async revokeFamily(token: string, userId: string): Promise<void> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw new AppException(ErrorCode.InvalidRefreshToken, 'The refresh token is not valid');
    const row = await this.tokens.findOne({ where: { id: parsed.id, userId } });
    if (!row || row.tokenHash !== sha256(parsed.secret)) throw new AppException(ErrorCode.InvalidRefreshToken, 'The refresh token is not valid');
    await this.tokens.update({ familyId: row.familyId }, { revokedAt: new Date() });
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
