import { Module } from '@nestjs/common';
import { AdminAuditModule } from '@haven/auth';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@haven/platform';
import { ReferenceModule } from '@haven/reference';
import { DeadlineQueryService } from './deadlines/deadline-query.service';
import { DeadlineRepository } from './deadlines/deadline.repository';
import { DeadlineReconciler } from './deadlines/deadline-reconciler.service';
import { DeadlineRulesService } from './deadlines/deadline-rules.service';
import { DeadlineScheduler } from './deadlines/deadline-scheduler.service';
import { DeadlinesService } from './deadlines/deadlines.service';
import { CalendarService } from './holidays/calendar.service';
import { HolidayEntity } from './holidays/holiday.entity';
import { HolidaysService } from './holidays/holidays.service';
import { DeadlinePolicyEntity } from './policy/deadline-policy.entity';
import { DeadlinePolicyService } from './policy/deadline-policy.service';

const SERVICES = [
  HolidaysService,
  CalendarService,
  DeadlinePolicyService,
  DeadlineRulesService,
  DeadlineRepository,
  DeadlinesService,
  DeadlineScheduler,
  DeadlineReconciler,
  DeadlineQueryService,
];

/**
 * Deadlines (issue 5): the working-day calendar (holiday table), the per-province deadline
 * policy, the deadline rows with their scheduling into BullMQ, and the reconciler. The pure rules
 * live in @haven/domain (deadlines/).
 */
@Module({
  imports: [QueueModule, ReferenceModule, AdminAuditModule, TypeOrmModule.forFeature([HolidayEntity, DeadlinePolicyEntity])],
  providers: SERVICES,
  exports: SERVICES,
})
export class DeadlinesModule {}
