import { Module } from '@nestjs/common';
import { AuthCoreModule } from '@haven/auth';
import { HousekeepingJobs } from './housekeeping.jobs';

@Module({
  imports: [AuthCoreModule],
  providers: [HousekeepingJobs],
})
export class HousekeepingModule {}
