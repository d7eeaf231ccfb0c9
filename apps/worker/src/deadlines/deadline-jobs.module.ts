import { Module } from '@nestjs/common';
import { CasesModule } from '@haven/cases';
import { DeadlinesModule } from '@haven/deadlines';
import { NotificationsModule } from '@haven/notifications';
import { DeadlineJobs } from './deadline.jobs';

@Module({
  imports: [DeadlinesModule, NotificationsModule, CasesModule],
  providers: [DeadlineJobs],
})
export class DeadlineJobsModule {}
