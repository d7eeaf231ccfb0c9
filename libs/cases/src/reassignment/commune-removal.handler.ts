import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeliveryScheduler, NotificationsService, NotifyInput } from '@haven/notifications';
import { AfterCommit, TxEventPayloads, TxEvents } from '@haven/platform';

interface OrphanedCase {
  id: string;
  case_number: string;
  commune_code: string;
}

/**
 * When a commune staff member stops working in some communes (or is disabled), their open cases
 * there are out of their scope at once (case-scope.ts) and have nobody working on them. Inside
 * the user change's transaction, each such case's supervisors (the active supervisors of its
 * commune) get one notice per case asking them to reassign it; the case is found again with
 * GET /cases?assigneeId=<user>&communeCode=<commune>. Notices carry the case number and commune
 * code only (notification-templates.ts), and are delivered after the commit.
 */
@Injectable()
export class CommuneRemovalHandler implements OnModuleInit {
  constructor(
    private readonly txEvents: TxEvents,
    private readonly notifications: NotificationsService,
    private readonly delivery: DeliveryScheduler,
  ) {}

  onModuleInit(): void {
    this.txEvents.on('user.communes_removed', (m, event) => this.onCommunesRemoved(m, event));
  }

  async onCommunesRemoved(m: EntityManager, event: TxEventPayloads['user.communes_removed']): Promise<AfterCommit | void> {
    if (event.communeCodes.length === 0) return;
    const cases: OrphanedCase[] = await m.query(
      `SELECT c.id, c.case_number, c.commune_code FROM "case" c
        WHERE c.assignee_id = $1 AND c.province_code = $2 AND c.commune_code = ANY($3::varchar[]) AND c.stage <> 'closed'
        ORDER BY c.case_number`,
      [event.userId, event.provinceCode, event.communeCodes],
    );
    if (cases.length === 0) return;
    const supervisors: { id: string; commune_code: string }[] = await m.query(
      `SELECT u.id, uc.commune_code FROM app_user u JOIN user_commune uc ON uc.user_id = u.id
        WHERE u.active AND u.role = 'supervisor' AND u.province_code = $1 AND uc.commune_code = ANY($2::varchar[]) AND u.id <> $3`,
      [event.provinceCode, [...new Set(cases.map((c) => c.commune_code))], event.userId],
    );
    const inputs: NotifyInput<'case.reassignment_needed'>[] = cases.map((c) => ({
      recipientIds: supervisors.filter((s) => s.commune_code === c.commune_code).map((s) => s.id),
      caseId: c.id,
      caseNumber: c.case_number,
      kind: 'case.reassignment_needed',
      // One notice per case, supervisor and removed caseworker, however often the change is replayed.
      dedupeKey: `${c.id}:reassign:${event.userId}`,
      params: { previousAssigneeId: event.userId, communeCode: c.commune_code },
    }));
    const created = (await this.notifications.notifyMany(m, inputs)).flat();
    // Never throws; with Redis away the delivery reconciler enqueues them.
    return async () => {
      await this.delivery.enqueue(created);
    };
  }
}
