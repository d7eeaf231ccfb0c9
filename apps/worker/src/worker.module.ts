import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfigModule, DatabaseModule, LoggingModule, MetricsModule, QueueModule, RedisModule, TxEventsModule } from '@haven/platform';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { NotificationJobsModule } from './notifications/notification-jobs.module';
import { DeadlineJobsModule } from './deadlines/deadline-jobs.module';
import { ReportJobsModule } from './reports/report-jobs.module';
import { JobDispatcher } from './jobs/job-dispatcher.service';
import { JobHandlerRegistry } from './jobs/job-handler.registry';
import { JobScheduler } from './jobs/job-scheduler.service';
import { QUEUE_PROCESSORS } from './jobs/queue-processor.factory';
import { QueueDepthSampler } from './jobs/queue-depth.sampler';
import { QueueWorkers } from './jobs/queue-workers.service';
import { WorkerLifecycle } from './jobs/worker-lifecycle.service';

/**
 * The BullMQ application. No AuthModule: it registers a global HTTP guard;
 * the modules holding job handlers import what they need (AuthCoreModule for
 * tokens). DatabaseModule migrates under the same advisory lock as the API.
 */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    TxEventsModule,
    MetricsModule,
    RedisModule,
    DatabaseModule,
    QueueModule,
    DiscoveryModule,
    HousekeepingModule,
    NotificationJobsModule,
    DeadlineJobsModule,
    ReportJobsModule,
  ],
  providers: [JobHandlerRegistry, JobDispatcher, ...Object.values(QUEUE_PROCESSORS), QueueWorkers, JobScheduler, QueueDepthSampler, WorkerLifecycle],
})
export class WorkerModule {}
