import { Module } from '@nestjs/common';
import { AuditModule } from '@haven/audit';
import { DeadlineStepService, DeadlinesModule, STEP_NOTIFIER } from '@haven/deadlines';
import { NotificationsModule } from '@haven/notifications';
import { DeadlineJobs } from './deadline.jobs';
import { DeadlineStepNotifier } from './deadline-step.notifier';

/** The deadline step service of libs/deadlines, its notices bound to libs/notifications here (the two libs are siblings). */
@Module({
  imports: [DeadlinesModule, NotificationsModule, AuditModule],
  providers: [{ provide: STEP_NOTIFIER, useClass: DeadlineStepNotifier }, DeadlineStepService, DeadlineJobs],
})
export class DeadlineJobsModule {}
