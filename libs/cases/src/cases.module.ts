import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@haven/audit';
import { UserEntity } from '@haven/auth';
import { DeadlinesModule } from '@haven/deadlines';
import { ReferenceModule } from '@haven/reference';
import { CaseAccessService } from './access/case-access.service';
import { AssessmentEntity, EmergencyMeasureEntity, SeparationEntity } from './assessments/assessment.entity';
import { AssessmentService } from './assessments/assessment.service';
import { SafetyService } from './assessments/safety.service';
import { AssignmentService } from './cases/assignment.service';
import { CaseEntity } from './cases/case.entity';
import { CaseCommandRunner } from './kernel/case-command.runner';
import { CaseDeadlineQueryService } from './cases/case-deadline-query.service';
import { CaseDeadlineSync } from './kernel/case-deadline-sync';
import { CaseQueryService } from './cases/case-query.service';
import { DecisionNoteEntity } from './kernel/decision-note.entity';
import { IntakeService } from './cases/intake.service';
import { CaseWork } from './kernel/case-work';
import { ChildrenModule } from './children/children.module';
import { ClosureService } from './closure/closure.service';
import { ConsentEntity } from './consents/consent.entity';
import { ConsentService } from './consents/consent.service';
import { NoteEntity } from './notes/note.entity';
import { NoteService } from './notes/note.service';
import { PlanActionEntity, PlanEntity } from './plans/plan.entity';
import { PlanService } from './plans/plan.service';
import { CaseHistoryService } from './history/case-history.service';

/** Every service of the case lifecycle; the API and the worker use them all. */
const SERVICES = [
  CaseAccessService,
  CaseWork,
  CaseDeadlineSync,
  CaseCommandRunner,
  CaseDeadlineQueryService,
  CaseQueryService,
  IntakeService,
  AssignmentService,
  CaseHistoryService,
  AssessmentService,
  SafetyService,
  ClosureService,
  PlanService,
  NoteService,
  ConsentService,
];

@Module({
  imports: [
    AuditModule,
    ChildrenModule,
    ReferenceModule,
    DeadlinesModule,
    TypeOrmModule.forFeature([
      CaseEntity,
      AssessmentEntity,
      EmergencyMeasureEntity,
      SeparationEntity,
      PlanEntity,
      PlanActionEntity,
      NoteEntity,
      ConsentEntity,
      DecisionNoteEntity,
      UserEntity,
    ]),
  ],
  providers: SERVICES,
  // The case record travels with the cases: the referrals and the worker write it in their changes' transactions.
  exports: [...SERVICES, AuditModule],
})
export class CasesModule {}
