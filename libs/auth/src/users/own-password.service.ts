import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppException, ErrorCode } from '@haven/platform';
import type { Actor } from '../access/actor';
import { AdminAuditService } from '../admin-audit/admin-audit.service';
import { SignInFailuresService } from '../sign-in/sign-in-failures.service';
import { LoginResponseDto } from '../auth/auth.dto';
import { TokenService } from '../tokens/token.service';
import { hashPassword, passwordProblems, verifyPassword } from './password';
import { UserEntity } from './user.entity';
import { ChangeOwnPasswordDto, toUserResponse } from './users.dto';

/**
 * POST /me/password: a user replaces their own password, proving the current one. Every other
 * session ends (the session version moves on); the caller gets a fresh sign-in in the answer so
 * that the device in hand carries on.
 */
@Injectable()
export class OwnPasswordService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly tokens: TokenService,
    private readonly audit: AdminAuditService,
    private readonly failures: SignInFailuresService,
  ) {}

  /** `address`: the client's, for the same failure counters as sign-in (a stolen token must not become a password oracle). */
  async change(actor: Actor, dto: ChangeOwnPasswordDto, address: string): Promise<LoginResponseDto> {
    const user = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: actor.id }).getOne();
    if (!user) throw AppException.notFound('User');
    const locked = await this.failures.isLocked(user.username, address);
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword)) || locked) {
      await this.failures.recordFailure(user.username, address);
      throw AppException.validation([{ field: 'currentPassword', message: 'is not your current password' }], 'The current password is wrong');
    }
    const weak = passwordProblems(dto.newPassword, { username: user.username, fullName: user.fullName });
    if (dto.newPassword === dto.currentPassword) weak.push({ field: 'newPassword', message: 'must differ from the current password' });
    if (weak.length)
      throw new AppException(
        ErrorCode.WeakPassword,
        'The password is too weak',
        weak.map((w) => ({ ...w, field: 'newPassword' })),
      );
    const passwordHash = await hashPassword(dto.newPassword);
    const pair = await this.users.manager.transaction(async (m) => {
      const [rows] = (await m.query(
        `UPDATE app_user SET password_hash = $2, must_change_password = false, password_changed_at = now(),
                session_version = session_version + 1, version = version + 1, updated_at = now()
          WHERE id = $1 AND active RETURNING session_version`,
        [actor.id, passwordHash],
      )) as [{ session_version: number }[], number];
      if (!rows.length) throw AppException.notFound('User');
      await this.tokens.revokeAllForUser(actor.id, m);
      await this.audit.record(m, {
        actor,
        provinceCode: user.provinceCode,
        targetType: 'user',
        targetId: actor.id,
        action: 'user.password_changed',
        changes: {},
      });
      return this.tokens.issue(actor.id, user.role, rows[0].session_version, m);
    });
    const fresh = await this.users.findOne({ where: { id: actor.id }, relations: { communes: true } });
    return { ...pair, user: toUserResponse(fresh!) };
  }
}
