import { Module } from '@nestjs/common';
import { AuthModule } from '@haven/auth';
import { AppConfigModule, ClockModule, DatabaseModule, LoggingModule, MetricsModule, RedisModule, TxEventsModule } from '@haven/platform';
import { ReferenceModule } from '@haven/reference';
import { ChildrenModule } from '@haven/cases';
import { CasesModule, ReassignmentModule } from '@haven/cases';
import { ReferralsModule } from '@haven/referrals';
import { NotificationsModule } from '@haven/notifications';
import { DeadlinesModule } from '@haven/deadlines';
import { ReportsModule } from '@haven/reports';
import { AdminAuditController } from './controllers/admin-audit.controller';
import { AuthController } from './controllers/auth.controller';
import { CaseAssessmentsController } from './controllers/case-assessments.controller';
import { CasesController } from './controllers/cases.controller';
import { CaseClosureController } from './controllers/case-closure.controller';
import { CaseConsentsController } from './controllers/case-consents.controller';
import { CaseNotesController } from './controllers/case-notes.controller';
import { CasePlanController } from './controllers/case-plan.controller';
import { CaseReferralsController } from './controllers/case-referrals.controller';
import { ChildrenController } from './controllers/children.controller';
import { CodesController } from './controllers/codes.controller';
import { DeadlinePolicyController } from './controllers/deadline-policy.controller';
import { CaseDeadlinesController, DeadlinesController } from './controllers/deadlines.controller';
import { HolidaysController } from './controllers/holidays.controller';
import { MeController } from './controllers/me.controller';
import { DeliveriesController, NotificationsController } from './controllers/notifications.controller';
import { OrganisationsController } from './controllers/organisations.controller';
import { PlacesController } from './controllers/places.controller';
import { ReferralsController } from './controllers/referrals.controller';
import { ReportsController } from './controllers/reports.controller';
import { UsersController } from './controllers/users.controller';
import { HealthModule } from './health/health.module';

@Module({
  imports: [
    AppConfigModule,
    ClockModule,
    LoggingModule,
    TxEventsModule,
    MetricsModule,
    RedisModule,
    DatabaseModule,
    AuthModule,
    ReferenceModule,
    HealthModule,
    ChildrenModule,
    CasesModule,
    ReassignmentModule,
    ReferralsModule,
    NotificationsModule,
    DeadlinesModule,
    ReportsModule,
  ],
  controllers: [
    AuthController,
    MeController,
    UsersController,
    AdminAuditController,
    PlacesController,
    ChildrenController,
    CasesController,
    CaseAssessmentsController,
    CaseClosureController,
    CasePlanController,
    CaseNotesController,
    CaseConsentsController,
    OrganisationsController,
    CaseReferralsController,
    ReferralsController,
    CodesController,
    NotificationsController,
    DeliveriesController,
    HolidaysController,
    DeadlinePolicyController,
    CaseDeadlinesController,
    DeadlinesController,
    ReportsController,
  ],
})
export class AppModule {}
