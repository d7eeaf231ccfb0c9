import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig, AppException, ErrorCode } from '@haven/platform';
import type { Actor } from '../access/actor';
import { TokenService } from '../tokens/token.service';
import { hashPassword, verifyPassword } from '../users/password';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { LoginResponseDto, TokenPairDto } from './auth.dto';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /** Verified against when the username is unknown, so timing does not tell which usernames exist. */
  private readonly dummyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly usersService: UsersService,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Checks a username and password. Repeated failures lock the account for a
   * while; a locked account is refused even with the right password, so that
   * guessing cannot continue during the lock.
   */
  async validateCredentials(username: string, password: string): Promise<Actor> {
    const user = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('lower(u.username) = lower(:username)', { username }).getOne();
    if (!user) {
      await verifyPassword(await this.dummyHash, password);
      throw this.invalid();
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) throw this.locked(user.lockedUntil);
    const ok = user.active && (await verifyPassword(user.passwordHash, password));
    if (!ok) {
      const [row] = (await this.users.query(
        `UPDATE app_user SET failed_logins = failed_logins + 1,
                locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
          WHERE id = $1 RETURNING failed_logins, locked_until`,
        [user.id, this.config.AUTH_LOCKOUT_THRESHOLD, this.config.AUTH_LOCKOUT_SECONDS],
      )) as [{ failed_logins: number; locked_until: Date | null }[], number];
      const lockedUntil = row[0]?.locked_until;
      if (lockedUntil && row[0].failed_logins >= this.config.AUTH_LOCKOUT_THRESHOLD) {
        this.logger.warn({ userId: user.id }, 'account locked after repeated failed sign-ins');
        throw this.locked(lockedUntil);
      }
      throw this.invalid();
    }
    await this.users.update({ id: user.id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() });
    const actor = await this.usersService.findActor(user.id);
    if (!actor) throw this.invalid();
    return actor;
  }

  async login(actor: Actor): Promise<LoginResponseDto> {
    const pair = await this.tokens.issue(actor.id, actor.role);
    return { ...pair, user: await this.usersService.me(actor) };
  }

  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const rotated = await this.tokens.rotate(refreshToken, async (userId, m) => {
      const user = await m.getRepository(UserEntity).findOne({ where: { id: userId, active: true }, select: { id: true, role: true } });
      return user?.role ?? null;
    });
    return {
      accessToken: this.tokens.signAccessToken({ sub: rotated.userId, role: rotated.role }),
      refreshToken: rotated.refreshToken,
      expiresIn: this.config.JWT_ACCESS_TTL,
    };
  }

  async logout(actor: Actor, refreshToken: string): Promise<void> {
    await this.tokens.revokeFamily(refreshToken, actor.id);
  }

  private invalid(): AppException {
    return new AppException(ErrorCode.InvalidCredentials, 'Wrong username or password');
  }

  private locked(until: Date): AppException {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return new AppException(
      ErrorCode.AccountLocked,
      `Too many failed sign-ins; try again in ${seconds} seconds`,
      [{ message: 'account locked', retryAfterSeconds: seconds }],
      {
        'retry-after': String(seconds),
      },
    );
  }
}
