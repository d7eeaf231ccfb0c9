import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StepNotice, StepNotifier } from '@haven/deadlines';
import { DeliveryScheduler, NotificationKind, NotificationsService, NotifyInput } from '@haven/notifications';

/** A step notice is the NotifyInput of its kind, as it is: the compiler holds the kinds and params of both libs together. */
function notifyInput(n: StepNotice): NotifyInput<NotificationKind> {
  switch (n.kind) {
    case 'deadline.reminder':
      return n satisfies NotifyInput<'deadline.reminder'>;
    case 'deadline.escalation':
      return n satisfies NotifyInput<'deadline.escalation'>;
  }
}

/** The deadline step's port to notifications: NotificationsService (its guard and templates) in the step's transaction, DeliveryScheduler after it. */
@Injectable()
export class DeadlineStepNotifier implements StepNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly delivery: DeliveryScheduler,
  ) {}

  notifyMany(m: EntityManager, notices: readonly StepNotice[]): Promise<string[][]> {
    return this.notifications.notifyMany(m, notices.map(notifyInput));
  }

  async deliverAfterCommit(notificationIds: readonly string[]): Promise<void> {
    await this.delivery.enqueue(notificationIds);
  }
}
