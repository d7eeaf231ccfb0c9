import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, QueryFailedError, Repository } from 'typeorm';
import { COMMUNE_ROLES, Role } from '@haven/domain';
import { AppException, ErrorCode, ErrorDetail, Page, pageOf } from '@haven/platform';
import { PlacesService } from '@haven/reference';
import type { Actor } from '../access/actor';
import { TokenService } from '../tokens/token.service';
import { hashPassword, passwordProblems } from './password';
import { UserCommuneEntity } from './user-commune.entity';
import { UserEntity } from './user.entity';
import { CreateUserDto, ListUsersQueryDto, toUserResponse, UpdateUserDto, UserResponseDto } from './users.dto';

const pgCode = (e: unknown) => (e instanceof QueryFailedError ? (e.driverError as { code?: string }).code : undefined);

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly places: PlacesService,
    private readonly tokens: TokenService,
  ) {}

  /** The actor behind an access token: one query, null when the user is gone or disabled. */
  async findActor(id: string): Promise<Actor | null> {
    const rows = await this.users.query(
      `SELECT u.id, u.username, u.role, u.province_code, u.organisation_id,
              coalesce(array_agg(c.commune_code ORDER BY c.commune_code) FILTER (WHERE c.commune_code IS NOT NULL), '{}') AS commune_codes
         FROM app_user u LEFT JOIN user_commune c ON c.user_id = u.id
        WHERE u.id = $1 AND u.active
        GROUP BY u.id`,
      [id],
    );
    const r = rows[0] as
      { id: string; username: string; role: Role; province_code: string; organisation_id: string | null; commune_codes: string[] } | undefined;
    return r
      ? { id: r.id, username: r.username, role: r.role, provinceCode: r.province_code, communeCodes: r.commune_codes, organisationId: r.organisation_id }
      : null;
  }

  async me(actor: Actor): Promise<UserResponseDto> {
    return toUserResponse(await this.load(actor.id));
  }

  async create(actor: Actor, input: CreateUserDto): Promise<UserResponseDto> {
    const dto = { ...input, communeCodes: input.communeCodes ?? [] };
    this.assertShape(dto.role, dto.communeCodes, dto.organisationId ?? null);
    const weak = passwordProblems(dto.password, dto.username);
    if (weak.length) throw new AppException(ErrorCode.WeakPassword, 'The password is too weak', weak);
    await this.places.assertPlaces(dto.provinceCode, dto.communeCodes);
    const passwordHash = await hashPassword(dto.password);
    const id = await this.write(async (m) => {
      const saved = await m.getRepository(UserEntity).save(
        m.getRepository(UserEntity).create({
          username: dto.username,
          fullName: dto.fullName,
          role: dto.role,
          provinceCode: dto.provinceCode,
          organisationId: dto.organisationId ?? null,
          email: dto.email ?? null,
          passwordHash,
          communes: dto.communeCodes.map((communeCode) => ({ communeCode }) as UserCommuneEntity),
        }),
      );
      return saved.id;
    });
    return toUserResponse(await this.load(id));
  }

  async list(actor: Actor, q: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const qb = this.users.createQueryBuilder('u').leftJoinAndSelect('u.communes', 'c');
    // Managers read the users of their own province only.
    const province = actor.role === Role.Manager ? actor.provinceCode : q.provinceCode;
    if (actor.role === Role.Manager && q.provinceCode && q.provinceCode !== actor.provinceCode) return pageOf([], 0, q);
    if (province) qb.andWhere('u.province_code = :province', { province });
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.communeCode) qb.andWhere('EXISTS (SELECT 1 FROM user_commune x WHERE x.user_id = u.id AND x.commune_code = :commune)', { commune: q.communeCode });
    if (q.q) qb.andWhere('(u.username ILIKE :q OR unaccent(u.full_name) ILIKE unaccent(:q))', { q: `%${q.q.replace(/[%_\\]/g, '\\$&')}%` });
    const [rows, total] = await qb
      .orderBy('u.username', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(rows.map(toUserResponse), total, q);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    // PartialType makes every field optional, and optional lets null through: only email may be cleared.
    const cleared = (['fullName', 'role', 'password', 'communeCodes', 'active'] as const).filter((f) => dto[f] === null);
    if (cleared.length) throw AppException.validation(cleared.map((field) => ({ field, message: `${field} cannot be cleared` })));
    const user = await this.load(id);
    const role = dto.role ?? user.role;
    const communeCodes = dto.communeCodes ?? user.communes.map((c) => c.communeCode);
    const organisationId = dto.organisationId !== undefined ? dto.organisationId : role === Role.Partner ? user.organisationId : null;
    this.assertShape(role, communeCodes, organisationId ?? null);
    if (dto.password !== undefined) {
      const weak = passwordProblems(dto.password, user.username);
      if (weak.length) throw new AppException(ErrorCode.WeakPassword, 'The password is too weak', weak);
    }
    if (dto.communeCodes) await this.places.assertPlaces(user.provinceCode, dto.communeCodes);
    const passwordHash = dto.password !== undefined ? await hashPassword(dto.password) : undefined;
    await this.write(async (m) => {
      const repo = m.getRepository(UserEntity);
      await repo.update({ id }, {
        ...(dto.fullName !== undefined && { fullName: dto.fullName }),
        ...(dto.email !== undefined && { email: dto.email }),
        ...(dto.active !== undefined && { active: dto.active }),
        ...(passwordHash && { passwordHash, failedLogins: 0, lockedUntil: null }),
        role,
        organisationId: organisationId ?? null,
        version: () => 'version + 1',
      } as never);
      if (dto.communeCodes) {
        await m.getRepository(UserCommuneEntity).delete({ userId: id });
        if (communeCodes.length) await m.getRepository(UserCommuneEntity).insert(communeCodes.map((communeCode) => ({ userId: id, communeCode })));
      }
      // A disabled account, a new password or a new role ends every session.
      if (dto.active === false || passwordHash || role !== user.role) await this.tokens.revokeAllForUser(id, m);
      return id;
    });
    return toUserResponse(await this.load(id));
  }

  private async load(id: string): Promise<UserEntity> {
    const user = await this.users.findOne({ where: { id }, relations: { communes: true } });
    if (!user) throw AppException.notFound('User');
    return user;
  }

  /** Commune staff need communes; partners need exactly one organisation; others need neither. */
  private assertShape(role: Role, communeCodes: string[], organisationId: string | null): void {
    const details: ErrorDetail[] = [];
    if (COMMUNE_ROLES.includes(role) && communeCodes.length === 0) details.push({ field: 'communeCodes', message: `a ${role} needs at least one commune` });
    if (!COMMUNE_ROLES.includes(role) && communeCodes.length > 0) details.push({ field: 'communeCodes', message: `a ${role} has no communes` });
    if (role === Role.Partner && !organisationId) details.push({ field: 'organisationId', message: 'a partner user belongs to an organisation' });
    if (role !== Role.Partner && organisationId) details.push({ field: 'organisationId', message: 'only partner users belong to an organisation' });
    if (details.length) throw AppException.validation(details);
  }

  private async write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.users.manager.transaction(work);
    } catch (e) {
      if (pgCode(e) === '23505') throw new AppException(ErrorCode.UsernameTaken, 'That username is taken', [{ field: 'username', message: 'already taken' }]);
      if (pgCode(e) === '23503') throw AppException.validation([{ field: 'organisationId', message: 'unknown organisation' }]);
      throw e;
    }
  }
}
