import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@haven/auth';
import { homeProvinceScopeOf } from '@haven/domain';
import { NamedParams, pageOf, scopeSql } from '@haven/platform';
import { DeliveryDto, DeliveryListQueryDto, DeliveryPageDto, toDelivery } from './delivery.dto';
import { DeliveryEntity } from './delivery.entity';

/**
 * Deliveries for admins, above all the dead-letter record (status 'dead'). The route is admin-only,
 * and an administrator is bound to its province (issue 10): it sees the deliveries of notifications
 * to people of its own province only (`homeProvinceScopeOf`), never another province's (their e-mail addresses, their notices).
 */
@Injectable()
export class DeliveryQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, q: DeliveryListQueryDto): Promise<DeliveryPageDto> {
    const p = new NamedParams('deliveryScope');
    const recipientInScope = scopeSql(homeProvinceScopeOf(actor), { province: 'u.province_code' }, p);
    const qb = this.dataSource
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where(`EXISTS (SELECT 1 FROM notification n JOIN app_user u ON u.id = n.recipient_id WHERE n.id = d.notification_id AND ${recipientInScope})`, p.values);
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    if (q.channel) qb.andWhere('d.channel = :channel', { channel: q.channel });
    const [rows, total] = await qb
      .orderBy('d.createdAt', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return pageOf<DeliveryDto>(rows.map(toDelivery), total, q);
  }
}
