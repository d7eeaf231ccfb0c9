import { Module } from '@nestjs/common';
import { DeliveryModule } from '@haven/notifications';
import { NotificationJobs } from './notification.jobs';

@Module({
  imports: [DeliveryModule],
  providers: [NotificationJobs],
})
export class NotificationJobsModule {}
