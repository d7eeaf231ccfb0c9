import { Module } from '@nestjs/common';
import { ReportsModule } from '@haven/reports';
import { ReportJobs } from './report.jobs';

@Module({
  imports: [ReportsModule],
  providers: [ReportJobs],
})
export class ReportJobsModule {}
