import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfigModule, ClockModule, DatabaseModule, LoggingModule, MetricsModule, QueueModule, RedisModule, TxEventsModule } from '@haven/platform';
import { HousekeepingModule } from './handlers/housekeeping.module';
import { NotificationJobsModule } from './handlers/notification-jobs.module';
import { DeadlineJobsModule } from './handlers/deadline-jobs.module';
import { ReportJobsModule } from './handlers/report-jobs.module';
import { JobDispatcher } from './runtime/job-dispatcher.service';
import { JobHandlerRegistry } from './runtime/job-handler.registry';
import { JobScheduler } from './runtime/job-scheduler.service';
import { QUEUE_PROCESSORS } from './runtime/queue-processor.factory';
import { QueueDepthSampler } from './runtime/queue-depth.sampler';
import { QueueWorkers } from './runtime/queue-workers.service';
import { WorkerLifecycle } from './runtime/worker-lifecycle.service';

/**
 * The BullMQ application. No AuthModule: it registers a global HTTP guard;
 * the modules holding job handlers import what they need (AuthCoreModule for
 * tokens). DatabaseModule migrates under the same advisory lock as the API.
 */
@Module({
  imports: [
    AppConfigModule,
    ClockModule,
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
