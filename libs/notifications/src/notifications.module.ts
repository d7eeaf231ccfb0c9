import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@haven/platform';
import { DeliveryEntity } from './delivery/delivery.entity';
import { DeliveryQueryService } from './delivery/delivery-query.service';
import { DeliveryScheduler } from './delivery/delivery-scheduler.service';
import { AdminAccessNotifier } from './notifications/admin-access.notifier';
import { NotificationEntity } from './notifications/notification.entity';
import { NotificationInbox } from './notifications/notification-inbox.service';
import { NotificationsService } from './notifications/notifications.service';

/**
 * The in-app inbox and the producer side of delivery: owns the notification and delivery tables.
 * Callers write notifications in their own transaction (NotificationsService.notify) and, after
 * the commit, enqueue their delivery (DeliveryScheduler.enqueue).
 */
@Module({
  imports: [QueueModule, TypeOrmModule.forFeature([NotificationEntity, DeliveryEntity])],
  providers: [NotificationsService, NotificationInbox, DeliveryScheduler, DeliveryQueryService, AdminAccessNotifier],
  exports: [NotificationsService, NotificationInbox, DeliveryScheduler, DeliveryQueryService],
})
export class NotificationsModule {}
