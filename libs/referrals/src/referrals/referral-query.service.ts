import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '@haven/auth';
import { CaseRecordService } from '@haven/audit';
import { CaseEntity, CaseWork } from '@haven/cases';
import { Role } from '@haven/domain';
import type { OrganisationType, ReferralStatus, ReferralUrgency, ServiceType } from '@haven/domain';
import { Page, pageOf } from '@haven/platform';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { CaseReferralListQueryDto, ReferralListQueryDto } from './referral.dto';
import { ReferralSummaryDto, ReferralViewDto } from './referral-response.dto';
import { ReferralEntity } from './referral.entity';
import { referralScopeCondition } from './referral-scope';
import { ReferralViews } from './referral-views';

interface SummaryRow {
  id: string;
  case_id: string;
  case_number: string;
  organisation_id: string;
  organisation_name: string;
  organisation_type: OrganisationType;
  service_type: ServiceType;
  urgency: ReferralUrgency;
  status: ReferralStatus;
  created_at: Date;
  responded_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  consent_override: boolean;
  version: number;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Reads of referrals: the inbox and staff lists with the scope in SQL, one referral (logged), a case's referrals (logged). */
@Injectable()
export class ReferralQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly work: CaseWork,
    private readonly caseRecord: CaseRecordService,
    private readonly views: ReferralViews,
  ) {}

  /** A partner's inbox (its organisation's referrals) or, for staff, the referrals of the cases in their scope; newest first. */
  async list(actor: Actor, q: ReferralListQueryDto): Promise<Page<ReferralSummaryDto>> {
    const qb = this.summaries();
    const { sql, params } = referralScopeCondition(actor, 'r', 'c');
    qb.where(sql, params);
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.urgency) qb.andWhere('r.urgency = :urgency', { urgency: q.urgency });
    if (q.serviceType) qb.andWhere('r.service_type = :serviceType', { serviceType: q.serviceType });
    if (q.organisationId) qb.andWhere('r.organisation_id = :organisationId', { organisationId: q.organisationId });
    if (q.receivedFrom) qb.andWhere('r.created_at >= :from', { from: q.receivedFrom });
    if (q.receivedTo) qb.andWhere('r.created_at < :to', { to: q.receivedTo });
    return this.page(qb, actor, q);
  }

  /** One referral: the partner's minimum-necessary view or the staff view. The read goes to the case's access log. */
  async get(actor: Actor, id: string): Promise<ReferralViewDto> {
    const m = this.dataSource.manager;
    const referral = await this.views.findScoped(m, actor, id);
    const view = await this.views.view(m, actor, referral);
    await this.caseRecord.logAccess(undefined, referral.caseId, actor.id, 'read', 'referral');
    return view;
  }

  /** The referrals of one case, newest first (staff in scope; the read is logged). */
  async listForCase(actor: Actor, caseId: string, q: CaseReferralListQueryDto): Promise<Page<ReferralSummaryDto>> {
    return this.work.read(actor, caseId, { what: 'referrals' }, () => {
      const qb = this.summaries().where('r.case_id = :caseId', { caseId });
      if (q.status) qb.andWhere('r.status = :status', { status: q.status });
      return this.page(qb, actor, q);
    });
  }

  private summaries(): SelectQueryBuilder<ReferralEntity> {
    return this.dataSource
      .getRepository(ReferralEntity)
      .createQueryBuilder('r')
      .innerJoin(CaseEntity, 'c', 'c.id = r.case_id')
      .innerJoin(OrganisationEntity, 'o', 'o.id = r.organisation_id')
      .select([
        'r.id AS id',
        'r.case_id AS case_id',
        'c.case_number AS case_number',
        'r.organisation_id AS organisation_id',
        'o.name AS organisation_name',
        'o.type AS organisation_type',
        'r.service_type AS service_type',
        'r.urgency AS urgency',
        'r.status AS status',
        'r.created_at AS created_at',
        'r.responded_at AS responded_at',
        'r.completed_at AS completed_at',
        'r.cancelled_at AS cancelled_at',
        'r.consent_override AS consent_override',
        'r.version AS version',
      ]);
  }

  private async page(qb: SelectQueryBuilder<ReferralEntity>, actor: Actor, q: { page: number; pageSize: number }): Promise<Page<ReferralSummaryDto>> {
    const total = await qb.getCount();
    const rows = await qb
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getRawMany<SummaryRow>();
    // A partner has no access to the case itself: its id stays out of the partner's answers, and
    // each row shows no more than the single read would (partner-view-level.ts).
    const partner = actor.role === Role.Partner;
    const levels = partner
      ? await this.views.partnerLevels(
          this.dataSource.manager,
          rows.map((r) => ({ id: r.id, caseId: r.case_id, status: r.status, consentOverride: r.consent_override })),
        )
      : null;
    return pageOf(
      rows.map((r) => {
        const access = levels?.get(r.id);
        return {
          id: r.id,
          ...(!partner && { caseId: r.case_id }),
          ...(access && { access }),
          ...(access !== 'status' && { caseNumber: r.case_number, serviceType: r.service_type, urgency: r.urgency }),
          organisation: { id: r.organisation_id, name: r.organisation_name, type: r.organisation_type },
          status: r.status,
          createdAt: r.created_at.toISOString(),
          respondedAt: iso(r.responded_at),
          completedAt: iso(r.completed_at),
          cancelledAt: iso(r.cancelled_at),
          version: r.version,
        };
      }),
      total,
      q,
    );
  }
}
