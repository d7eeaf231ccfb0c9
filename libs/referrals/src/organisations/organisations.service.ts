import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '@haven/auth';
import { Role, STAFF_ROLES } from '@haven/domain';
import type { ServiceType } from '@haven/domain';
import { AppException, ErrorDetail, Page, pageOf } from '@haven/platform';
import { PlacesService } from '@haven/reference';
import { CreateOrganisationDto, OrganisationDto, OrganisationListQueryDto, toOrganisation, UpdateOrganisationDto } from './organisation.dto';
import { OrganisationEntity } from './organisation.entity';

/**
 * Partner organisations. Admins manage them; staff find the active ones by service and commune
 * to refer to; a partner user sees its own organisation only (any other answers 404).
 */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly places: PlacesService,
  ) {}

  async create(_actor: Actor, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    const communeCodes = dto.communeCodes ?? [];
    return this.dataSource.transaction(async (m) => {
      await this.places.assertPlaces(dto.provinceCode, communeCodes, undefined, m);
      const now = new Date();
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
      return toOrganisation(await m.getRepository(OrganisationEntity).findOneByOrFail({ id: (inserted.identifiers[0] as { id: string }).id }));
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
    if (actor.role === Role.Partner) qb.andWhere('o.id = :own', { own: actor.organisationId });
    else if (actor.role !== Role.Admin && !STAFF_ROLES.includes(actor.role)) qb.andWhere('FALSE');
    const found = await qb.getOne();
    if (!found) throw AppException.notFound('Organisation');
    return toOrganisation(found);
  }

  async update(_actor: Actor, id: string, dto: UpdateOrganisationDto): Promise<OrganisationDto> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(OrganisationEntity);
      const current = await repo.createQueryBuilder('o').where('o.id = :id', { id }).setLock('pessimistic_write').getOne();
      if (!current) throw AppException.notFound('Organisation');
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
          updatedAt: new Date(),
        },
      );
      return toOrganisation(await repo.findOneByOrFail({ id }));
    });
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

  /** What a caller may list: admins everything, staff the active organisations, a partner its own. */
  private visible(m: EntityManager, actor: Actor): SelectQueryBuilder<OrganisationEntity> {
    const qb = m.getRepository(OrganisationEntity).createQueryBuilder('o');
    if (actor.role === Role.Admin) return qb;
    if (actor.role === Role.Partner) return actor.organisationId ? qb.where('o.id = :own', { own: actor.organisationId }) : qb.where('FALSE');
    if (STAFF_ROLES.includes(actor.role)) return qb.where('o.active');
    return qb.where('FALSE');
  }
}
