import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { COMMUNE_ROLES, homeProvinceScopeOf, Role, scopeAdmits } from '@haven/domain';
import { AfterCommit, AppException, ErrorCode, ErrorDetail, NamedParams, Page, pageOf, runAfterCommit, scopeSql, TxEvents, pgCode } from '@haven/platform';
import { PlacesService } from '@haven/reference';
import type { Actor } from '../access/actor';
import { AdminAuditService } from '../admin-audit/admin-audit.service';
import { TokenService } from '../tokens/token.service';
import { hashPassword, passwordProblems } from './password';
import { summariseUserChange, UserState } from './user-changes';
import { UserCommuneEntity } from './user-commune.entity';
import { UserEntity } from './user.entity';
import { CreateUserDto, ListUsersQueryDto, toUserResponse, UpdateUserDto, UserResponseDto } from './users.dto';

/** Who changes a user: a signed-in administrator (bound to its province), or the operator at the command line. */
type Changer = { kind: 'admin'; actor: Actor } | { kind: 'operator' };

const stateOf = (u: UserEntity): UserState => ({
  fullName: u.fullName,
  email: u.email,
  role: u.role,
  communeCodes: (u.communes ?? []).map((c) => c.communeCode),
  organisationId: u.organisationId,
  active: u.active,
});

/**
 * Users and their scope. An administrator acts within its own province only: a user of another
 * province is not found, and nobody changes their own role, communes or organisation. Every change
 * is in the admin audit, in the same transaction; what widens someone's access to children's data
 * is announced (TxEvents) for the managers' notices, and what narrows an account or changes its
 * credentials ends its sessions at once.
 */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly places: PlacesService,
    private readonly tokens: TokenService,
    private readonly audit: AdminAuditService,
    private readonly events: TxEvents,
  ) {}

  async me(actor: Actor): Promise<UserResponseDto> {
    return toUserResponse(await this.load(actor.id));
  }

  /** GET /users/{id}: a user of the caller's province, else 404. */
  async get(actor: Actor, id: string): Promise<UserResponseDto> {
    const user = await this.load(id);
    if (!scopeAdmits(homeProvinceScopeOf(actor), { provinceCode: user.provinceCode })) throw AppException.notFound('User');
    return toUserResponse(user);
  }

  /** POST /users: in the administrator's own province; the password is temporary. */
  create(actor: Actor, input: CreateUserDto): Promise<UserResponseDto> {
    if (input.provinceCode !== undefined && input.provinceCode !== actor.provinceCode) {
      throw new AppException(ErrorCode.Forbidden, 'An administrator creates users of its own province only', [
        { field: 'provinceCode', message: `must be ${actor.provinceCode}, your province` },
      ]);
    }
    return this.createAs({ kind: 'admin', actor }, { ...input, provinceCode: actor.provinceCode }, { temporaryPassword: true });
  }

  /**
   * A user made by the operator at the command line (a province's first admin, the demo seed):
   * any province. The password is temporary unless the caller says otherwise (the demo users).
   */
  provision(input: CreateUserDto & { provinceCode: string }, options: { temporaryPassword: boolean }): Promise<UserResponseDto> {
    return this.createAs({ kind: 'operator' }, input, options);
  }

  async list(actor: Actor, q: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    // Administrators and managers read the users of their own province only.
    if (q.provinceCode && q.provinceCode !== actor.provinceCode) return pageOf([], 0, q);
    const p = new NamedParams('userScope');
    const qb = this.users
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.communes', 'c')
      .where(scopeSql(homeProvinceScopeOf(actor), { province: 'u.province_code' }, p), p.values);
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

  /** PATCH /users/{id}: a user of the administrator's province; a new password is temporary. */
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    if (id === actor.id) {
      const own = (['role', 'communeCodes', 'organisationId', 'active', 'password'] as const).filter((f) => dto[f] !== undefined);
      if (own.length) {
        throw new AppException(
          ErrorCode.Forbidden,
          'Nobody changes their own role, communes, organisation or status; your own password is changed with POST /me/password',
          own.map((field) => ({ field, message: 'not on your own account' })),
        );
      }
    }
    return this.updateAs({ kind: 'admin', actor }, id, dto, { temporaryPassword: true });
  }

  /** A change by the operator at the command line (the demo seed restoring its users). */
  operatorUpdate(id: string, dto: UpdateUserDto, options: { temporaryPassword: boolean }): Promise<UserResponseDto> {
    return this.updateAs({ kind: 'operator' }, id, dto, options);
  }

  private async createAs(by: Changer, input: CreateUserDto & { provinceCode: string }, options: { temporaryPassword: boolean }): Promise<UserResponseDto> {
    const dto = { ...input, communeCodes: input.communeCodes ?? [] };
    this.assertShape(dto.role, dto.communeCodes, dto.organisationId ?? null);
    const weak = passwordProblems(dto.password, { username: dto.username, fullName: dto.fullName });
    if (weak.length) throw new AppException(ErrorCode.WeakPassword, 'The password is too weak', weak);
    await this.places.assertPlaces(dto.provinceCode, dto.communeCodes);
    const passwordHash = await hashPassword(dto.password);
    const { result: id, after } = await this.write(async (m) => {
      await this.assertOrganisationInProvince(m, dto.organisationId ?? null, dto.provinceCode);
      const repo = m.getRepository(UserEntity);
      const saved = await repo.save(
        repo.create({
          username: dto.username,
          fullName: dto.fullName,
          role: dto.role,
          provinceCode: dto.provinceCode,
          organisationId: dto.organisationId ?? null,
          email: dto.email ?? null,
          passwordHash,
          mustChangePassword: options.temporaryPassword,
          communes: dto.communeCodes.map((communeCode) => ({ communeCode }) as UserCommuneEntity),
        }),
      );
      const state: UserState = { ...stateOf(saved), communeCodes: dto.communeCodes };
      const nobody: UserState = { ...state, active: false, communeCodes: [], organisationId: null };
      const summary = summariseUserChange(nobody, state, false);
      const auditId = await this.audit.record(m, {
        actor: by.kind === 'admin' ? by.actor : null,
        provinceCode: dto.provinceCode,
        targetType: 'user',
        targetId: saved.id,
        action: 'user.created',
        changes: { ...summary.changes, username: { from: null, to: dto.username } },
      });
      const later = summary.grantsCaseAccess ? [await this.granted(m, by, auditId, dto.provinceCode, saved.id)] : [];
      return { result: saved.id, after: later };
    });
    await runAfterCommit(after, this.logger);
    return toUserResponse(await this.load(id));
  }

  private async updateAs(by: Changer, id: string, dto: UpdateUserDto, options: { temporaryPassword: boolean }): Promise<UserResponseDto> {
    // PartialType makes every field optional, and optional lets null through: only email may be cleared.
    const cleared = (['fullName', 'role', 'password', 'communeCodes', 'active'] as const).filter((f) => dto[f] === null);
    if (cleared.length) throw AppException.validation(cleared.map((field) => ({ field, message: `${field} cannot be cleared` })));
    const user = await this.load(id);
    if (by.kind === 'admin' && !scopeAdmits(homeProvinceScopeOf(by.actor), { provinceCode: user.provinceCode })) throw AppException.notFound('User');
    const before = stateOf(user);
    const role = dto.role ?? user.role;
    const communeCodes = dto.communeCodes ?? before.communeCodes;
    const organisationId = dto.organisationId !== undefined ? dto.organisationId : role === Role.Partner ? user.organisationId : null;
    this.assertShape(role, [...communeCodes], organisationId ?? null);
    if (dto.password !== undefined) {
      const weak = passwordProblems(dto.password, { username: user.username, fullName: dto.fullName ?? user.fullName });
      if (weak.length) throw new AppException(ErrorCode.WeakPassword, 'The password is too weak', weak);
    }
    if (dto.communeCodes) await this.places.assertPlaces(user.provinceCode, dto.communeCodes);
    const passwordHash = dto.password !== undefined ? await hashPassword(dto.password) : undefined;
    const after: UserState = {
      fullName: dto.fullName ?? user.fullName,
      email: dto.email !== undefined ? dto.email : user.email,
      role,
      communeCodes,
      organisationId: organisationId ?? null,
      active: dto.active ?? user.active,
    };
    const summary = summariseUserChange(before, after, passwordHash !== undefined);
    const { after: later } = await this.write(async (m) => {
      await this.assertOrganisationInProvince(m, dto.organisationId ?? null, user.provinceCode);
      await m.getRepository(UserEntity).update({ id }, {
        fullName: after.fullName,
        email: after.email,
        active: after.active,
        role,
        organisationId: after.organisationId,
        ...(passwordHash && { passwordHash, mustChangePassword: options.temporaryPassword, passwordChangedAt: () => 'now()' }),
        ...(summary.endsSessions && { sessionVersion: () => 'session_version + 1' }),
        version: () => 'version + 1',
      } as never);
      if (dto.communeCodes) {
        await m.getRepository(UserCommuneEntity).delete({ userId: id });
        if (communeCodes.length) await m.getRepository(UserCommuneEntity).insert(communeCodes.map((communeCode) => ({ userId: id, communeCode })));
      }
      if (summary.endsSessions) await this.tokens.revokeAllForUser(id, m);
      const effects: AfterCommit[] = [];
      if (summary.kinds.length === 0) return { result: id, after: effects };
      const auditId = await this.audit.record(m, {
        actor: by.kind === 'admin' ? by.actor : null,
        provinceCode: user.provinceCode,
        targetType: 'user',
        targetId: id,
        action: 'user.updated',
        kinds: summary.kinds,
        changes: summary.changes,
      });
      if (summary.grantsCaseAccess) effects.push(await this.granted(m, by, auditId, user.provinceCode, id));
      if (summary.lostCommunes.length && COMMUNE_ROLES.includes(before.role)) {
        effects.push(
          await this.events.emit(m, { type: 'user.communes_removed', userId: id, provinceCode: user.provinceCode, communeCodes: summary.lostCommunes }),
        );
      }
      return { result: id, after: effects };
    });
    await runAfterCommit(later, this.logger);
    return toUserResponse(await this.load(id));
  }

  private granted(m: EntityManager, by: Changer, auditId: string, provinceCode: string, targetUserId: string): Promise<AfterCommit> {
    return this.events.emit(m, {
      type: 'user.case_access_granted',
      auditId,
      provinceCode,
      targetUserId,
      actorId: by.kind === 'admin' ? by.actor.id : null,
    });
  }

  private async load(id: string): Promise<UserEntity> {
    const user = await this.users.findOne({ where: { id }, relations: { communes: true } });
    if (!user) throw AppException.notFound('User');
    return user;
  }

  /** A partner user belongs to an organisation of the user's own province. */
  private async assertOrganisationInProvince(m: EntityManager, organisationId: string | null, provinceCode: string): Promise<void> {
    if (!organisationId) return;
    const rows = (await m.query(`SELECT province_code FROM organisation WHERE id = $1`, [organisationId])) as { province_code: string }[];
    // Another province's organisation answers as an unknown one: the answer must not tell which ids exist.
    if (!rows.length || rows[0].province_code !== provinceCode) {
      throw AppException.validation([{ field: 'organisationId', message: 'unknown organisation' }]);
    }
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

  private async write<T>(work: (m: EntityManager) => Promise<{ result: T; after: AfterCommit[] }>): Promise<{ result: T; after: AfterCommit[] }> {
    try {
      return await this.users.manager.transaction(work);
    } catch (e) {
      if (pgCode(e) === '23505') throw new AppException(ErrorCode.UsernameTaken, 'That username is taken', [{ field: 'username', message: 'already taken' }]);
      if (pgCode(e) === '23503') throw AppException.validation([{ field: 'organisationId', message: 'unknown organisation' }]);
      throw e;
    }
  }
}
