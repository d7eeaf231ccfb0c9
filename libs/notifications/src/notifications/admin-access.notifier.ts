import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Role } from '@haven/domain';
import { AfterCommit, TxEvents, TxEventPayloads } from '@haven/platform';
import { DeliveryScheduler } from '../delivery/delivery-scheduler.service';
import { NotificationsService } from './notifications.service';

/**
 * Tells a province's managers, in the transaction of the change, when an administrator gives
 * someone access to children's cases (issue 10): the watch on the watchers. The deliveries
 * (e-mail, webhook) are queued after the commit; the delivery reconciler catches any missed.
 */
@Injectable()
export class AdminAccessNotifier implements OnModuleInit {
  constructor(
    private readonly events: TxEvents,
    private readonly notifications: NotificationsService,
    private readonly deliveries: DeliveryScheduler,
  ) {}

  onModuleInit(): void {
    this.events.on('user.case_access_granted', (m, event) => this.onGranted(m, event));
  }

  async onGranted(m: EntityManager, event: TxEventPayloads['user.case_access_granted']): Promise<AfterCommit> {
    const rows = (await m.query(
      `SELECT u.id, t.role AS target_role FROM app_user u, app_user t
        WHERE t.id = $2 AND u.province_code = $1 AND u.role = $3 AND u.active AND u.id <> $2`,
      [event.provinceCode, event.targetUserId, Role.Manager],
    )) as { id: string; target_role: Role }[];
    if (!rows.length) return async () => undefined;
    const ids = await this.notifications.notifyStaff(m, {
      recipientIds: rows.map((r) => r.id),
      kind: 'admin.case_access_granted',
      dedupeKey: `admin-audit:${event.auditId}`,
      params: { auditId: event.auditId, targetUserId: event.targetUserId, role: rows[0].target_role },
    });
    return async () => {
      await this.deliveries.enqueue(ids);
    };
  }
}
