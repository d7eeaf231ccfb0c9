import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Actor } from '@haven/auth';
import { COMMUNE_ROLES, STAFF_ROLES } from '@haven/domain';
import { AppException, Clock, ErrorCode, ErrorDetail, pageOf, validateObject } from '@haven/platform';
import { PlacesService } from '@haven/reference';
import { ChildAccessLog } from '@haven/audit';
import { caseScopeCondition } from '../access/case-scope';
import { CaseEntity } from '../cases/case.entity';
import { birthProblems, estimatedDateOfBirth, resolveBirth, vietnamDate } from './child-dates';
import { ChildDuplicatesDto, ChildPageDto, ChildResponseDto, toChildResponse } from './child-response.dto';
import { applyChildScope } from './child-scope';
import { Caregiver, ChildEntity } from './child.entity';
import { ChildDuplicatesQueryDto, ListChildrenQueryDto, NewChildDto, UpdateChildDto } from './children.dto';
import { ChildrenSearchService } from './children-search.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PATCH may clear these with null; the others must keep a value. */
const NOT_NULL_FIELDS = ['fullName', 'sex', 'dateOfBirth', 'estimatedAge', 'communeCode', 'caregivers', 'specialCircumstances'] as const;

/** The given name of a Vietnamese full name is its last word ("Nguyễn Văn An" → "An"). */
export const givenNameOf = (fullName: string): string => fullName.split(' ').at(-1)!;

const caregiversOf = (list: NewChildDto['caregivers']): Caregiver[] =>
  (list ?? []).map(({ name, relationship, phone }) => ({ name, relationship, ...(phone ? { phone } : {}) }));

/**
 * The child registry. A child exists independently of cases (one child, several cases over
 * time) and is created only through intake, inside the intake's transaction. Every read is
 * scoped in SQL (child-scope.ts): outside the scope is indistinguishable from absent. Reads and
 * changes go to the access log, where each of the child's cases shows them (libs/audit/src/child-access-log.service.ts).
 */
@Injectable()
export class ChildrenService {
  constructor(
    @InjectRepository(ChildEntity) private readonly children: Repository<ChildEntity>,
    private readonly search: ChildrenSearchService,
    private readonly accessLog: ChildAccessLog,
    private readonly places: PlacesService,
    private readonly clock: Clock,
  ) {}

  /** The child if it exists and the actor may see it, else 404 NOT_FOUND. Pass `m` inside a transaction. */
  async requireInScope(actor: Actor, id: string, m?: EntityManager): Promise<ChildEntity> {
    if (!UUID.test(id)) throw AppException.notFound('Child');
    const repo = m ? m.getRepository(ChildEntity) : this.children;
    const child = await applyChildScope(repo.createQueryBuilder('child').where('child.id = :id', { id }), actor, 'child').getOne();
    if (!child) throw AppException.notFound('Child');
    return child;
  }

  /**
   * Registers a new child within the caller's transaction. The input is validated here as well
   * as by any DTO that nests it (fields reported as `child.*`): the intake body carries the child
   * as either a reference or a new child, so the pipe cannot always know which to check.
   */
  async createForIntake(m: EntityManager, actor: Actor, input: NewChildDto): Promise<ChildEntity> {
    const dto = await validateObject(NewChildDto, input, 'child');
    const today = vietnamDate(this.clock.now());
    const problems = birthProblems(dto, today, 'child.', true);
    if (problems.length) throw AppException.validation(problems);
    await this.assertCommune(actor, dto.communeCode, 'child.', actor.provinceCode, m);
    const birth = resolveBirth(dto, today)!;
    const repo = m.getRepository(ChildEntity);
    return repo.save(
      repo.create({
        provinceCode: actor.provinceCode,
        communeCode: dto.communeCode,
        fullName: dto.fullName,
        givenName: givenNameOf(dto.fullName),
        sex: dto.sex,
        dateOfBirth: birth.dateOfBirth,
        dateOfBirthEstimated: birth.dateOfBirthEstimated,
        address: dto.address ?? null,
        caregivers: caregiversOf(dto.caregivers),
        specialCircumstances: dto.specialCircumstances ?? [],
        ethnicity: dto.ethnicity ?? null,
        createdBy: actor.id,
      }),
    );
  }

  /**
   * The child if the actor may change its record: it is in their registry scope and they may open
   * at least one of its cases (the case scope, as CaseAccessService). Seeing a child of one's
   * commune is not enough to rewrite it: its record belongs to the team of its cases. Anything
   * else answers 404, like an absent child.
   */
  async requireWritable(actor: Actor, id: string, m: EntityManager): Promise<ChildEntity> {
    const child = await this.requireInScope(actor, id, m);
    const { sql, params } = caseScopeCondition(actor, 'c');
    const ownCase = await m
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      .select('c.id')
      .where('c.child_id = :childId', { childId: child.id })
      .andWhere(sql, params)
      .limit(1)
      .getRawOne();
    if (!ownCase) throw AppException.notFound('Child');
    return child;
  }

  async get(actor: Actor, id: string): Promise<ChildResponseDto> {
    const child = await this.requireInScope(actor, id);
    await this.accessLog.record(undefined, actor.id, [child.id], { action: 'read', what: 'child' });
    return this.toChildResponse(child);
  }

  /**
   * Changes the fields given, and logs the change in the same transaction. The UPDATE itself
   * carries the version condition, so two editors holding the same version cannot both win: the
   * second gets 409 VERSION_CONFLICT.
   */
  async update(actor: Actor, id: string, dto: UpdateChildDto): Promise<ChildResponseDto> {
    const nulls = NOT_NULL_FIELDS.filter((f) => dto[f] === null).map((field) => ({ field, message: `${field} cannot be cleared` }));
    if (nulls.length) throw AppException.validation(nulls);
    return this.children.manager.transaction(async (m) => {
      const child = await this.requireWritable(actor, id, m);
      const today = vietnamDate(this.clock.now());
      const problems = birthProblems(dto, today, '', false);
      if (problems.length) throw AppException.validation(problems);
      if (child.version !== dto.version) throw AppException.versionConflict(child.version);
      if (dto.communeCode !== undefined && dto.communeCode !== child.communeCode) await this.assertCommune(actor, dto.communeCode, '', child.provinceCode, m);

      const changes = this.changesOf(dto, today);
      if (Object.keys(changes).length === 0) {
        await this.accessLog.record(m, actor.id, [child.id], { action: 'read', what: 'child' });
        return this.toChildResponse(child);
      }
      // The query builder adds version = version + 1 and updated_at = now() itself.
      const result = await m
        .createQueryBuilder()
        .update(ChildEntity)
        .set(changes)
        .where('id = :id AND version = :version', { id, version: dto.version })
        .execute();
      if (!result.affected) {
        const current = await m.getRepository(ChildEntity).findOneBy({ id });
        throw current ? AppException.versionConflict(current.version) : AppException.notFound('Child');
      }
      await this.accessLog.record(m, actor.id, [child.id], { action: 'write', what: 'child-update' });
      return this.toChildResponse(await m.getRepository(ChildEntity).findOneByOrFail({ id }));
    });
  }

  /**
   * A search answers whole records (name, date of birth, address, caregivers), so it is a read of
   * each child it returns, logged like GET /children/:id; the children it only counted are not.
   */
  async list(actor: Actor, query: ListChildrenQueryDto): Promise<ChildPageDto> {
    const { items, total, totalIsLowerBound } = await this.search.search(actor, query);
    await this.accessLog.record(
      undefined,
      actor.id,
      items.map((c) => c.id),
      { action: 'read', what: 'child-search' },
    );
    return {
      ...pageOf(
        items.map((c) => this.toChildResponse(c)),
        total,
        query,
      ),
      ...(totalIsLowerBound ? { totalIsLowerBound } : {}),
    };
  }

  async duplicates(actor: Actor, query: ChildDuplicatesQueryDto): Promise<ChildDuplicatesDto> {
    if (query.dateOfBirth && query.estimatedAge !== undefined) {
      throw AppException.validation([
        { field: 'dateOfBirth', message: 'give either dateOfBirth or estimatedAge, not both' },
        { field: 'estimatedAge', message: 'give either dateOfBirth or estimatedAge, not both' },
      ]);
    }
    const estimated = query.estimatedAge !== undefined;
    const candidates = await this.search.duplicates(actor, {
      fullName: query.fullName,
      dateOfBirth: estimated ? estimatedDateOfBirth(query.estimatedAge!, vietnamDate(this.clock.now())) : (query.dateOfBirth ?? null),
      dateOfBirthEstimated: estimated,
      communeCode: query.communeCode ?? null,
    });
    // Candidates are whole records too: each is a read, as in a search.
    await this.accessLog.record(
      undefined,
      actor.id,
      candidates.map((c) => c.child.id),
      { action: 'read', what: 'child-duplicates' },
    );
    return {
      items: candidates.map((c) => ({
        score: c.score,
        signals: { nameSimilarity: c.nameSimilarity, sameDateOfBirth: c.sameDateOfBirth, sameCommune: c.sameCommune },
        child: this.toChildResponse(c.child),
      })),
    };
  }

  /** The API view of a child; the age is counted on today's date in Vietnam. */
  toChildResponse(child: ChildEntity): ChildResponseDto {
    return toChildResponse(child, vietnamDate(this.clock.now()));
  }

  /**
   * A child lives in a commune of the actor's province and, for commune staff, in one of the
   * actor's communes. Admins and partners register nobody.
   */
  private async assertCommune(actor: Actor, communeCode: string, prefix: string, provinceCode = actor.provinceCode, m?: EntityManager): Promise<void> {
    if (!STAFF_ROLES.includes(actor.role)) throw AppException.forbidden();
    const field = `${prefix}communeCode`;
    await this.places.assertPlaces(provinceCode, [communeCode], { province: field, communes: field }, m);
    if (COMMUNE_ROLES.includes(actor.role) && !actor.communeCodes.includes(communeCode)) {
      const detail: ErrorDetail = { field, message: 'not one of your communes' };
      throw new AppException(ErrorCode.Forbidden, 'You may register and move children only within your own communes', [detail]);
    }
  }

  private changesOf(dto: UpdateChildDto, today: string): QueryDeepPartialEntity<ChildEntity> {
    const birth = resolveBirth(dto, today);
    return {
      ...(dto.fullName !== undefined && { fullName: dto.fullName, givenName: givenNameOf(dto.fullName) }),
      ...(dto.sex !== undefined && { sex: dto.sex }),
      ...(birth && { dateOfBirth: birth.dateOfBirth, dateOfBirthEstimated: birth.dateOfBirthEstimated }),
      ...(dto.communeCode !== undefined && { communeCode: dto.communeCode }),
      ...(dto.address !== undefined && { address: dto.address }),
      ...(dto.caregivers !== undefined && { caregivers: caregiversOf(dto.caregivers) }),
      ...(dto.specialCircumstances !== undefined && { specialCircumstances: dto.specialCircumstances }),
      ...(dto.ethnicity !== undefined && { ethnicity: dto.ethnicity }),
    };
  }
}
