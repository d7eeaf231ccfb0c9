import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@haven/auth';
import { deadlineScopeOf } from '@haven/domain';
import { Clock, Page, pageOf, scopeSql, SqlParams } from '@haven/platform';
import { DeadlineDto, DeadlineListQueryDto, DeadlineListRow, toDeadlineDto } from './deadline.dto';

const COLUMNS = `d.id, d.case_id, c.case_number, d.kind, d.variant, d.status, d.due_at, d.escalation_level, d.owner_id, o.full_name AS owner_full_name,
  d.referral_id, d.plan_action_id, d.next_step, d.next_step_at, d.commune_code, d.opened_at, d.met_at, d.cancelled_at`;
const FROM = `FROM deadline d JOIN "case" c ON c.id = d.case_id LEFT JOIN app_user o ON o.id = d.owner_id`;

/**
 * Reads of deadlines. The supervisors' and managers' list applies their scope (`deadlineScopeOf`:
 * the case scope of these roles) on the deadline's own province and commune, copied from the
 * case; a case's deadlines are read after the caller checked access to the case.
 */
@Injectable()
export class DeadlineQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** GET /deadlines: a manager's province, a supervisor's communes; overdue first, then by due time. */
  async list(actor: Actor, q: DeadlineListQueryDto, now = this.clock.now()): Promise<Page<DeadlineDto>> {
    const p = new SqlParams();
    const where = [`d.status = ${p.add(q.status)}`, scopeSql(deadlineScopeOf(actor), { province: 'd.province_code', commune: 'd.commune_code' }, p)];
    if (q.overdue === true) where.push(`d.status = 'open' AND d.due_at < ${p.add(now)}`);
    if (q.overdue === false) where.push(`d.status = 'open' AND d.due_at >= ${p.add(now)}`);
    if (q.kind) where.push(`d.kind = ${p.add(q.kind)}`);
    if (q.communeCode) where.push(`d.commune_code = ${p.add(q.communeCode)}`);
    if (q.assigneeId) where.push(`d.owner_id = ${p.add(q.assigneeId.toLowerCase())}`);
    const params = p.values;
    const condition = where.join(' AND ');
    const m = this.dataSource.manager;
    const [{ total }]: { total: number }[] = await m.query(`SELECT count(*)::int AS total FROM deadline d WHERE ${condition}`, params);
    const at = params.length + 1;
    const rows: DeadlineListRow[] = await m.query(
      `SELECT ${COLUMNS} ${FROM} WHERE ${condition}
        ORDER BY (d.status = 'open' AND d.due_at < $${at}) DESC, d.due_at, d.id
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      [...params, now],
    );
    return pageOf(
      rows.map((r) => toDeadlineDto(r, now)),
      total,
      q,
    );
  }

  /** Every deadline of a case, open ones first, then by due time. The caller checked access. */
  async forCase(caseId: string, options: { openOnly?: boolean; manager?: EntityManager } = {}, now = this.clock.now()): Promise<DeadlineDto[]> {
    const rows: DeadlineListRow[] = await (options.manager ?? this.dataSource.manager).query(
      `SELECT ${COLUMNS} ${FROM} WHERE d.case_id = $1 ${options.openOnly ? `AND d.status = 'open'` : ''}
        ORDER BY (d.status = 'open') DESC, d.due_at, d.id`,
      [caseId],
    );
    return rows.map((r) => toDeadlineDto(r, now));
  }
}
