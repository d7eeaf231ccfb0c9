import { Module } from '@nestjs/common';
import { AuthModule } from '@haven/auth';
import { AppConfigModule, Clock, DatabaseModule, LoggingModule, MetricsModule, RedisModule } from '@haven/platform';
import { ReferenceModule } from '@haven/reference';
import { ChildrenModule } from '@haven/cases';
import { CasesModule } from '@haven/cases';
import { AuthController } from './controllers/auth.controller';
import { CaseAssessmentsController } from './controllers/case-assessments.controller';
import { CasesController } from './controllers/cases.controller';
import { CaseClosureController } from './controllers/case-closure.controller';
import { CaseConsentsController } from './controllers/case-consents.controller';
import { CaseNotesController } from './controllers/case-notes.controller';
import { CasePlanController } from './controllers/case-plan.controller';
import { ChildrenController } from './controllers/children.controller';
import { CodesController } from './controllers/codes.controller';
import { MeController } from './controllers/me.controller';
import { PlacesController } from './controllers/places.controller';
import { UsersController } from './controllers/users.controller';
import { HealthModule } from './health/health.module';

@Module({
  imports: [AppConfigModule, LoggingModule, MetricsModule, RedisModule, DatabaseModule, AuthModule, ReferenceModule, HealthModule, ChildrenModule, CasesModule],
  controllers: [
    AuthController,
    MeController,
    UsersController,
    PlacesController,
    ChildrenController,
    CasesController,
    CaseAssessmentsController,
    CaseClosureController,
    CasePlanController,
    CaseNotesController,
    CaseConsentsController,
    CodesController,
  ],
  providers: [Clock],
})
export class AppModule {}
