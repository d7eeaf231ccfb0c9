import { Module } from '@nestjs/common';
import { QueueModule } from '@haven/platform';
import { DeliveryReconciler } from './delivery/delivery-reconciler.service';
import { DeliveryService } from './delivery/delivery.service';
import { EmailSender } from './delivery/email.sender';
import { WebhookSender } from './delivery/webhook.sender';
import { NotificationsModule } from './notifications.module';

/** The consumer side of delivery, for the worker: the channels and the reconciler. */
@Module({
  imports: [QueueModule, NotificationsModule],
  providers: [DeliveryService, DeliveryReconciler, EmailSender, WebhookSender],
  exports: [NotificationsModule, DeliveryService, DeliveryReconciler],
})
export class DeliveryModule {}
