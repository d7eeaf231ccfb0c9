import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@haven/auth';
import { pageOf } from '@haven/platform';
import { DeliveryDto, DeliveryListQueryDto, DeliveryPageDto, toDelivery } from './delivery.dto';
import { DeliveryEntity } from './delivery.entity';

/** Deliveries for admins, above all the dead-letter record (status 'dead'). The route is admin-only. */
@Injectable()
export class DeliveryQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(_actor: Actor, q: DeliveryListQueryDto): Promise<DeliveryPageDto> {
    const [rows, total] = await this.dataSource.getRepository(DeliveryEntity).findAndCount({
      where: { ...(q.status && { status: q.status }), ...(q.channel && { channel: q.channel }) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return pageOf<DeliveryDto>(rows.map(toDelivery), total, q);
  }
}
