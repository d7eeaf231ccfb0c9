import { Module } from '@nestjs/common';
import { CasesModule } from '@haven/cases';
import { DeadlinesModule } from '@haven/deadlines';
import { NotificationsModule } from '@haven/notifications';
import { DeadlineJobs } from './deadline.jobs';
import { DeadlineStepProcessor } from '../deadlines/deadline-step.processor';

@Module({
  imports: [DeadlinesModule, NotificationsModule, CasesModule],
  providers: [DeadlineStepProcessor, DeadlineJobs],
})
export class DeadlineJobsModule {}
