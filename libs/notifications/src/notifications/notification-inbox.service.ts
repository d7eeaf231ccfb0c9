import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import type { Actor } from '@haven/auth';
import { AppException } from '@haven/platform';
import { NotificationDto, NotificationListQueryDto, NotificationPageDto, ReadAllResponseDto, toNotification } from './notification.dto';
import { NotificationEntity } from './notification.entity';

/**
 * A person's in-app inbox. Everyone sees their own notifications only; another person's answers
 * 404, like anything outside one's scope, so ids cannot be probed.
 */
@Injectable()
export class NotificationInbox {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(NotificationEntity);
  }

  async list(actor: Actor, q: NotificationListQueryDto): Promise<NotificationPageDto> {
    const where = { recipientId: actor.id, ...(q.unread !== undefined && { readAt: q.unread ? IsNull() : Not(IsNull()) }) };
    const [[rows, total], unread] = await Promise.all([
      this.repo.findAndCount({ where, order: { createdAt: 'DESC', id: 'DESC' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
      this.repo.countBy({ recipientId: actor.id, readAt: IsNull() }),
    ]);
    return { items: rows.map(toNotification), total, page: q.page, pageSize: q.pageSize, unread };
  }

  /** Idempotent: reading it again keeps the first read time. */
  async markRead(actor: Actor, id: string): Promise<NotificationDto> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('id = :id AND recipient_id = :me AND read_at IS NULL', { id, me: actor.id })
      .execute();
    const found = await this.repo.findOneBy({ id, recipientId: actor.id });
    if (!found) throw AppException.notFound('Notification');
    return toNotification(found);
  }

  async markAllRead(actor: Actor): Promise<ReadAllResponseDto> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('recipient_id = :me AND read_at IS NULL', { me: actor.id })
      .execute();
    return { updated: result.affected ?? 0 };
  }
}
