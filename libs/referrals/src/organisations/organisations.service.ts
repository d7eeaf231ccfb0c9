import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Actor, AdminAuditService, FieldChange } from '@haven/auth';
import { homeProvinceScopeOf, partnerScopeOf, Role, Scope, scopeAdmits, STAFF_ROLES } from '@haven/domain';
import type { ServiceType } from '@haven/domain';
import { AppException, Clock, ErrorCode, ErrorDetail, NamedParams, Page, pageOf, scopeSql } from '@haven/platform';
import { PlacesService } from '@haven/reference';
import { CreateOrganisationDto, OrganisationDto, OrganisationListQueryDto, toOrganisation, UpdateOrganisationDto } from './organisation.dto';
import { OrganisationEntity } from './organisation.entity';

/** The fields of an organisation the admin audit records, before and after. */
const AUDITED = ['name', 'type', 'serviceTypes', 'provinceCode', 'communeCodes', 'contactEmail', 'contactPhone', 'active'] as const;

function changesOf(before: Partial<OrganisationDto>, after: OrganisationDto): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of AUDITED) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) changes[field] = { from: before[field] ?? null, to: after[field] };
  }
  return changes;
}

/** The organisations an admin manages (its province's) or a partner user belongs to (its own): their scope. */
const scopeOf = (actor: Actor): Scope => (actor.role === Role.Partner ? partnerScopeOf(actor) : homeProvinceScopeOf(actor));

/** A scope as a condition on the organisation table (`o`). */
function organisationCondition(scope: Scope): [string, Record<string, unknown>] {
  const p = new NamedParams('organisationScope');
  return [scopeSql(scope, { province: 'o.province_code', organisation: 'o.id' }, p), p.values];
}

/**
 * Partner organisations. Admins manage those of their own province (another province's answers
 * 404, and cannot be created); every change is in the admin audit. Staff find the active ones by
 * service and commune to refer to; a partner user sees its own organisation only (any other
 * answers 404). `null` as the actor is the operator at the command line (the demo seed).
 */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly places: PlacesService,
    private readonly audit: AdminAuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor | null, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    const communeCodes = dto.communeCodes ?? [];
    if (actor) this.assertOwnProvince(actor, dto.provinceCode);
    return this.dataSource.transaction(async (m) => {
      await this.places.assertPlaces(dto.provinceCode, communeCodes, undefined, m);
      const now = this.clock.now();
      const inserted = await m.getRepository(OrganisationEntity).insert({
        name: dto.name,
        type: dto.type,
        serviceTypes: dto.serviceTypes,
        provinceCode: dto.provinceCode,
        communeCodes,
        contactEmail: dto.contactEmail ?? null,
        contactPhone: dto.contactPhone ?? null,
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      const created = toOrganisation(await m.getRepository(OrganisationEntity).findOneByOrFail({ id: (inserted.identifiers[0] as { id: string }).id }));
      await this.audit.record(m, {
        actor,
        provinceCode: created.provinceCode,
        targetType: 'organisation',
        targetId: created.id,
        action: 'organisation.created',
        changes: changesOf({}, created),
      });
      return created;
    });
  }

  async list(actor: Actor, q: OrganisationListQueryDto): Promise<Page<OrganisationDto>> {
    const qb = this.visible(this.dataSource.manager, actor);
    if (actor.role === Role.Admin && q.active !== undefined) qb.andWhere('o.active = :active', { active: q.active });
    if (q.serviceType) qb.andWhere(':serviceType = ANY(o.service_types)', { serviceType: q.serviceType });
    if (q.provinceCode) qb.andWhere('o.province_code = :province', { province: q.provinceCode });
    if (q.type) qb.andWhere('o.type = :type', { type: q.type });
    if (q.communeCode) {
      // Serving a commune: naming it, or serving the whole of the commune's province.
      qb.andWhere(
        `(:commune = ANY(o.commune_codes) OR (cardinality(o.commune_codes) = 0 AND EXISTS (SELECT 1 FROM commune cm WHERE cm.code = :commune AND cm.province_code = o.province_code)))`,
        { commune: q.communeCode },
      );
    }
    if (q.q?.trim()) {
      qb.andWhere(`haven_fold(o.name) LIKE '%' || haven_fold(:name) || '%'`, { name: q.q.trim().replace(/[%_\\]/g, '\\$&') });
    }
    const [rows, total] = await qb
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf(rows.map(toOrganisation), total, q);
  }

  /** One organisation: staff may open an inactive one (an older referral names it); partners only their own. */
  async get(actor: Actor, id: string): Promise<OrganisationDto> {
    const qb = this.dataSource.manager.getRepository(OrganisationEntity).createQueryBuilder('o').where('o.id = :id', { id });
    if (actor.role === Role.Partner || actor.role === Role.Admin) qb.andWhere(...organisationCondition(scopeOf(actor)));
    else if (!STAFF_ROLES.includes(actor.role)) qb.andWhere('FALSE');
    const found = await qb.getOne();
    if (!found) throw AppException.notFound('Organisation');
    return toOrganisation(found);
  }

  async update(actor: Actor | null, id: string, dto: UpdateOrganisationDto): Promise<OrganisationDto> {
    if (actor && dto.provinceCode !== undefined) this.assertOwnProvince(actor, dto.provinceCode);
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(OrganisationEntity);
      const current = await repo.createQueryBuilder('o').where('o.id = :id', { id }).setLock('pessimistic_write').getOne();
      if (!current || (actor && !scopeAdmits(homeProvinceScopeOf(actor), { provinceCode: current.provinceCode }))) throw AppException.notFound('Organisation');
      const provinceCode = dto.provinceCode ?? current.provinceCode;
      const communeCodes = dto.communeCodes ?? current.communeCodes;
      if (dto.provinceCode !== undefined || dto.communeCodes !== undefined) await this.places.assertPlaces(provinceCode, communeCodes, undefined, m);
      await repo.update(
        { id },
        {
          ...(dto.name !== undefined && { name: dto.name }),
          ...(dto.type !== undefined && { type: dto.type }),
          ...(dto.serviceTypes !== undefined && { serviceTypes: dto.serviceTypes }),
          ...(dto.contactEmail !== undefined && { contactEmail: dto.contactEmail }),
          ...(dto.contactPhone !== undefined && { contactPhone: dto.contactPhone }),
          ...(dto.active !== undefined && { active: dto.active }),
          provinceCode,
          communeCodes,
          updatedAt: this.clock.now(),
        },
      );
      const updated = toOrganisation(await repo.findOneByOrFail({ id }));
      const changes = changesOf(toOrganisation(current), updated);
      if (Object.keys(changes).length) {
        await this.audit.record(m, {
          actor,
          provinceCode: current.provinceCode,
          targetType: 'organisation',
          targetId: id,
          action: 'organisation.updated',
          changes,
        });
      }
      return updated;
    });
  }

  private assertOwnProvince(actor: Actor, provinceCode: string): void {
    if (provinceCode !== actor.provinceCode) {
      throw new AppException(ErrorCode.Forbidden, 'An administrator manages the organisations of its own province only', [
        { field: 'provinceCode', message: `must be ${actor.provinceCode}, your province` },
      ]);
    }
  }

  /**
   * The receiver of a new referral: it must exist, be active and offer the service. Problems
   * come back as details of a 400 (the caller adds its own before throwing), never as a 404:
   * the organisation is a field of the request, not the resource of the route.
   */
  async referrableProblems(m: EntityManager, organisationId: string, serviceType: ServiceType): Promise<ErrorDetail[]> {
    const organisation = await m.getRepository(OrganisationEntity).findOneBy({ id: organisationId });
    if (!organisation || !organisation.active) return [{ field: 'organisationId', message: 'must be an active organisation' }];
    if (!organisation.serviceTypes.includes(serviceType)) {
      return [{ field: 'serviceType', message: `the organisation does not offer ${serviceType}`, offered: organisation.serviceTypes }];
    }
    return [];
  }

  /** What a caller may list: admins their province's, staff the active organisations, a partner its own. */
  private visible(m: EntityManager, actor: Actor): SelectQueryBuilder<OrganisationEntity> {
    const qb = m.getRepository(OrganisationEntity).createQueryBuilder('o');
    if (actor.role === Role.Admin || actor.role === Role.Partner) return qb.where(...organisationCondition(scopeOf(actor)));
    if (STAFF_ROLES.includes(actor.role)) return qb.where('o.active');
    return qb.where('FALSE');
  }
}
