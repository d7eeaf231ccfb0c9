import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { homeProvinceScopeOf } from '@haven/domain';
import { Page, pageOf, scopeSql, SqlParams } from '@haven/platform';
import type { Actor } from '../access/actor';
import { AdminAuditEntryDto, AdminAuditQueryDto } from './admin-audit.dto';
import type { AdminAuditEntry } from './admin-audit.types';

interface AuditRow {
  id: string;
  at: Date;
  actor_kind: 'user' | 'operator';
  actor_id: string | null;
  actor_username: string | null;
  province_code: string;
  target_type: AdminAuditEntryDto['targetType'];
  target_id: string;
  target_username: string | null;
  action: AdminAuditEntryDto['action'];
  kinds: string[];
  changes: AdminAuditEntryDto['changes'];
  total: string;
}

/**
 * The append-only record of administrative changes (the table's trigger refuses UPDATE and
 * DELETE). Written in the caller's transaction, so a change and its record commit together.
 */
@Injectable()
export class AdminAuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(m: EntityManager, entry: AdminAuditEntry): Promise<string> {
    const [row] = (await m.query(
      `INSERT INTO admin_audit (actor_id, actor_kind, province_code, target_type, target_id, action, kinds, changes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING id`,
      [
        entry.actor?.id ?? null,
        entry.actor ? 'user' : 'operator',
        entry.provinceCode,
        entry.targetType,
        entry.targetId,
        entry.action,
        [...(entry.kinds ?? [])],
        JSON.stringify(entry.changes),
      ],
    )) as { id: string }[];
    return row.id;
  }

  /** GET /admin-audit: the caller's own province only (`homeProvinceScopeOf`), newest first. */
  async list(actor: Actor, q: AdminAuditQueryDto): Promise<Page<AdminAuditEntryDto>> {
    const p = new SqlParams();
    const where = [scopeSql(homeProvinceScopeOf(actor), { province: 'a.province_code' }, p)];
    if (q.targetType) where.push(`a.target_type = ${p.add(q.targetType)}`);
    if (q.targetId) where.push(`a.target_id = lower(${p.add(q.targetId)})`);
    if (q.actorId) where.push(`a.actor_id = ${p.add(q.actorId)}`);
    if (q.action) where.push(`a.action = ${p.add(q.action)}`);
    if (q.from) where.push(`a.at >= ${p.add(q.from)}`);
    if (q.to) where.push(`a.at < ${p.add(q.to)}`);
    const values = p.values;
    values.push(q.pageSize, (q.page - 1) * q.pageSize);
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.at, a.actor_kind, a.actor_id, au.username AS actor_username, a.province_code, a.target_type, a.target_id,
              tu.username AS target_username, a.action, a.kinds, a.changes, count(*) OVER () AS total
         FROM admin_audit a
         LEFT JOIN app_user au ON au.id = a.actor_id
         LEFT JOIN app_user tu ON a.target_type = 'user' AND tu.id::text = a.target_id
        WHERE ${where.join(' AND ')}
        ORDER BY a.at DESC, a.id DESC
        LIMIT $${values.length - 1} OFFSET $${values.length}`,
      values,
    )) as AuditRow[];
    const total = rows.length ? Number(rows[0].total) : q.page === 1 ? 0 : await this.count(where, values.slice(0, -2));
    return pageOf(rows.map(toDto), total, q);
  }

  private async count(where: string[], values: unknown[]): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*) AS n FROM admin_audit a WHERE ${where.join(' AND ')}`, values)) as { n: string }[];
    return Number(row.n);
  }
}

function toDto(r: AuditRow): AdminAuditEntryDto {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorUsername: r.actor_username,
    provinceCode: r.province_code,
    targetType: r.target_type,
    targetId: r.target_id,
    targetUsername: r.target_username,
    action: r.action,
    kinds: r.kinds,
    changes: r.changes,
  };
}
