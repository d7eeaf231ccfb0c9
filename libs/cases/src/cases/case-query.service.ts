import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '@haven/auth';
import { DeadlineQueryService } from '@haven/deadlines';
import { Clock, Page, pageOf } from '@haven/platform';
import { CaseWork } from '../kernel/case-work';
import { applyCaseScope } from '../access/case-scope';
import { CaseEntity } from './case.entity';
import { CaseDetailDto, CaseSummaryDto } from './case.dto';
import { CaseListQueryDto } from './case-query.dto';
import { CaseRow, toCaseDetail, toCaseSummary } from './case.mapper';

interface RawCaseRow {
  child_id: string;
  child_full_name: string;
  child_sex: string;
  child_date_of_birth: string | null;
  child_date_of_birth_estimated: boolean;
  child_commune_code: string;
  assignee_full_name: string | null;
}

const RISK_ORDER = `CASE c.risk_level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END`;

/** Reads of cases: lists with the scope in SQL, and single cases (each read is logged). */
@Injectable()
export class CaseQueryService {
  constructor(
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
    private readonly work: CaseWork,
    private readonly deadlines: DeadlineQueryService,
    private readonly clock: Clock,
  ) {}

  /**
   * The count and the page both filter the case table alone (joining the child only for `q`),
   * so the count never goes through the joins and the page joins child and assignee for its own
   * rows only; covering indexes (SearchIndexes1795950100000) let both read just the index.
   */
  async list(actor: Actor, q: CaseListQueryDto, now = this.clock.now()): Promise<Page<CaseSummaryDto>> {
    const [column, direction] = q.sort.startsWith('-') ? [q.sort.slice(1), 'DESC' as const] : [q.sort, 'ASC' as const];
    const ordered = <T extends SelectQueryBuilder<CaseEntity>>(qb: T): T => {
      if (column === 'riskLevel') qb.orderBy(RISK_ORDER, direction);
      else if (column === 'nextDueAt') qb.orderBy('c.next_due_at', direction, direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST');
      else qb.orderBy('c.opened_at', direction);
      return qb.addOrderBy('c.id', direction);
    };
    const pageIds = ordered(this.matching(actor, q, now).select('c.id', 'id'))
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize);
    const [total, { entities, raw }] = await Promise.all([
      this.matching(actor, q, now)
        .select('COUNT(*)', 'total')
        .getRawOne<{ total: string }>()
        .then((r) => Number(r?.total ?? 0)),
      ordered(this.baseQuery().innerJoin(`(${pageIds.getQuery()})`, 'page', 'page.id = c.id'))
        .setParameters(pageIds.getParameters())
        .getRawAndEntities<RawCaseRow>(),
    ]);
    return pageOf(
      entities.map((kase, i) => toCaseSummary(this.row(kase, raw[i]))),
      total,
      q,
    );
  }

  /**
   * The cases the actor may see that pass the list's filters: the case table, and the child for `q`.
   * Overdue is as of `now` (the Clock's), the instant the deadline list and the caseload report use.
   */
  private matching(actor: Actor, q: CaseListQueryDto, now: Date): SelectQueryBuilder<CaseEntity> {
    const qb = this.cases.createQueryBuilder('c');
    applyCaseScope(qb, actor, 'c');
    if (q.stage) qb.andWhere('c.stage = :stage', { stage: q.stage });
    if (q.riskLevel) qb.andWhere('c.risk_level = :risk', { risk: q.riskLevel });
    // Containment, not `= ANY(...)`: only this form can use the GIN index on concern_types.
    if (q.concernType) qb.andWhere('c.concern_types @> ARRAY[:concern]::text[]', { concern: q.concernType });
    if (q.communeCode) qb.andWhere('c.commune_code = :commune', { commune: q.communeCode });
    if (q.assigneeId) qb.andWhere('c.assignee_id = :assignee', { assignee: q.assigneeId });
    if (q.overdue === true) qb.andWhere(`c.stage <> 'closed' AND c.next_due_at < :now`, { now });
    if (q.overdue === false) qb.andWhere(`(c.next_due_at IS NULL OR c.next_due_at >= :now OR c.stage = 'closed')`, { now });
    if (q.openedFrom) qb.andWhere('c.opened_at >= :from', { from: q.openedFrom });
    if (q.openedTo) qb.andWhere('c.opened_at < :to', { to: q.openedTo });
    if (q.q) {
      const text = q.q.trim();
      qb.innerJoin('child', 'ch', 'ch.id = c.child_id').andWhere(
        new Brackets((w) =>
          w
            .where('c.case_number LIKE :numberPrefix', { numberPrefix: `${text.replace(/[%_\\]/g, '\\$&')}%` })
            .orWhere('haven_fold(ch.full_name) % haven_fold(:name)', { name: text }),
        ),
      );
    }
    return qb;
  }

  async get(actor: Actor, caseId: string): Promise<CaseDetailDto> {
    return this.work.read(actor, caseId, { what: 'case' }, () => this.load(caseId));
  }

  /** The detail of a case, without any scope check: callers check access first. */
  async load(caseId: string, m?: EntityManager): Promise<CaseDetailDto> {
    const qb = this.baseQuery(m)
      .where('c.id = :caseId', { caseId })
      .leftJoin('app_user', 'cr', 'cr.id = c.created_by')
      .addSelect('cr.full_name', 'creator_full_name');
    const { entities, raw } = await qb.getRawAndEntities<RawCaseRow & { creator_full_name: string }>();
    const kase = entities[0];
    const consents: { scope: string }[] = await (m ?? this.cases.manager).query(
      `SELECT DISTINCT unnest(scopes) AS scope FROM consent WHERE case_id = $1 AND withdrawn_at IS NULL ORDER BY 1`,
      [caseId],
    );
    const openDeadlines = await this.deadlines.forCase(caseId, { openOnly: true, manager: m });
    return {
      ...toCaseDetail(
        this.row(kase, raw[0]),
        { id: kase.createdBy, fullName: raw[0].creator_full_name },
        consents.map((c) => c.scope),
      ),
      openDeadlines,
    };
  }

  private baseQuery(m?: EntityManager): SelectQueryBuilder<CaseEntity> {
    return (m ? m.getRepository(CaseEntity) : this.cases)
      .createQueryBuilder('c')
      .innerJoin('child', 'ch', 'ch.id = c.child_id')
      .leftJoin('app_user', 'a', 'a.id = c.assignee_id')
      .addSelect(['ch.id AS child_id', 'ch.full_name AS child_full_name', 'ch.sex AS child_sex', 'ch.commune_code AS child_commune_code'])
      .addSelect(`to_char(ch.date_of_birth, 'YYYY-MM-DD')`, 'child_date_of_birth')
      .addSelect('ch.date_of_birth_estimated', 'child_date_of_birth_estimated')
      .addSelect('a.full_name', 'assignee_full_name');
  }

  private row(kase: CaseEntity, raw: RawCaseRow): CaseRow {
    return {
      kase,
      child: {
        id: raw.child_id,
        fullName: raw.child_full_name,
        sex: raw.child_sex as CaseRow['child']['sex'],
        dateOfBirth: raw.child_date_of_birth,
        dateOfBirthEstimated: raw.child_date_of_birth_estimated,
        communeCode: raw.child_commune_code,
      },
      assignee: kase.assigneeId ? { id: kase.assigneeId, fullName: raw.assignee_full_name ?? '' } : null,
    };
  }
}
