import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppException, ErrorCode } from '@haven/platform';
import type { Actor } from '../access/actor';
import { SignInFailuresService } from '../sign-in/sign-in-failures.service';
import { TokenService } from '../tokens/token.service';
import { hashPassword, verifyPassword } from '../users/password';
import { UserEntity } from '../users/user.entity';
import { ActorsService } from '../users/actors.service';
import { UsersService } from '../users/users.service';
import { LoginResponseDto, TokenPairDto } from './auth.dto';

/** A signed-in user with the session version its tokens are bound to. */
export type SignedInActor = Actor & { sessionVersion: number };

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /** Verified against whenever there is no usable hash, so every refusal costs one argon2 verification. */
  private readonly dummyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly actors: ActorsService,
    private readonly usersService: UsersService,
    private readonly tokens: TokenService,
    private readonly failures: SignInFailuresService,
  ) {}

  /**
   * Checks a username and password from a client address. Unknown user, wrong password, disabled
   * or locked-out account all get the same answer after the same work (one look-up, one argon2
   * verification, one failure count), so neither the status, the body nor the time tells them
   * apart. A lockout holds even against the right password.
   */
  async validateCredentials(username: string, password: string, address: string): Promise<SignedInActor> {
    const user = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('lower(u.username) = lower(:username)', { username }).getOne();
    const locked = await this.failures.isLocked(username, address);
    const matches = await verifyPassword(user ? user.passwordHash : await this.dummyHash, password);
    if (!user || !user.active || locked || !matches) {
      await this.failures.recordFailure(username, address);
      if (user && locked) this.logger.warn({ userId: user.id }, 'sign-in refused: locked out');
      throw this.invalid();
    }
    await this.failures.recordSuccess(username, address);
    await this.users.update({ id: user.id }, { lastLoginAt: new Date() });
    const actor = await this.actors.findActor(user.id);
    if (!actor) throw this.invalid();
    return actor;
  }

  async login(actor: SignedInActor): Promise<LoginResponseDto> {
    const pair = await this.tokens.issue(actor.id, actor.role, actor.sessionVersion);
    return { ...pair, user: await this.usersService.me(actor) };
  }

  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const rotated = await this.tokens.rotate(refreshToken, async (userId, m) => {
      const user = await this.actors.findActor(userId, m);
      return user ? { role: user.role, sessionVersion: user.sessionVersion } : null;
    });
    return { accessToken: rotated.accessToken, refreshToken: rotated.refreshToken, expiresIn: rotated.expiresIn };
  }

  /** Ends the caller's sign-in (and the one of the given refresh token, if another of theirs): its access tokens stop at once. */
  async logout(actor: Actor, sessionId: string, refreshToken?: string): Promise<void> {
    await this.tokens.revokeSession(actor.id, sessionId, refreshToken);
  }

  private invalid(): AppException {
    return new AppException(ErrorCode.InvalidCredentials, 'Wrong username or password');
  }
}
