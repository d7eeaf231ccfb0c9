// What other libs and the apps may use. Entities are exported only where another lib reads their
// rows in its own queries (CaseEntity, NoteEntity, PlanActionEntity by referrals; ChildEntity is
// what ChildrenService answers); the tables are written here only.
export * from './cases.module';

// Kernel: the case, its access, the unit of work and the lifecycle runner.
export * from './access/case-scope';
export * from './access/case-access.service';
export * from './cases/case.entity';
export * from './kernel/case-tx';
export * from './kernel/case-work';
export * from './kernel/case-command.runner';
export * from './kernel/case-deadline-sync';
export * from './kernel/command.dto';
export * from './kernel/decision-notes';
export * from './kernel/refusal.mapper';
export type { DecisionNoteKind } from './kernel/decision-note.entity';
export * from './common/case-team';
export * from './common/input.validators';
export * from './common/only-when.validator';

// Features.
export * from './cases/case.dto';
export * from './cases/case-query.dto';
export * from './cases/intake.dto';
export * from './cases/case-query.service';
export * from './cases/case-deadline-query.service';
export * from './cases/intake.service';
export * from './cases/assignment.service';
export * from './history/timeline.dto';
export * from './history/case-history.service';
export * from './children/child.entity';
export * from './children/child-dates';
export * from './children/child-scope';
export * from './children/children.dto';
export * from './children/child-response.dto';
export * from './children/children-search.service';
export * from './children/children.service';
export * from './children/children.module';
export * from './assessments/assessment.dto';
export * from './assessments/assessment-response.dto';
export * from './assessments/assessment.service';
export * from './assessments/safety.service';
export * from './closure/closure.dto';
export * from './closure/closure.service';
export { PlanActionEntity } from './plans/plan.entity';
export * from './plans/plan.dto';
export * from './plans/plan.service';
export * from './notes/note.entity';
export * from './notes/note.dto';
export * from './notes/note.service';
export * from './consents/consent.dto';
export * from './consents/consent.service';
export * from './reassignment/reassignment.module';
export * from './reassignment/commune-removal.handler';
