import { AssessmentType, ASSESSMENT_TYPES } from '../codes/assessment-type.codes';
import { isCode } from '../codes/code-list.types';
import { REVIEW_ONLY_CLOSURE_REASONS } from '../codes/closure-reason.codes';
import { OPEN_STAGES, Stage } from '../codes/stage.codes';
import { Role } from '../roles';
import { CaseCommand, CaseCommandKind } from './case-command.types';

/**
 * Roles that may issue each command at all (api.md "who" column). Finer rules that depend on
 * the case (the assignee, approver ≠ author, first assignment only) live in the rule files.
 */
export const COMMAND_ROLES: Readonly<Record<CaseCommandKind, readonly Role[]>> = {
  assign: [Role.Supervisor, Role.IntakeOfficer],
  recordAssessment: [Role.Caseworker, Role.Supervisor],
  recordEmergencyMeasures: [Role.Caseworker, Role.Supervisor],
  startSeparation: [Role.Supervisor],
  endSeparation: [Role.Supervisor],
  draftPlan: [Role.Caseworker, Role.Supervisor],
  submitPlan: [Role.Caseworker, Role.Supervisor],
  approvePlan: [Role.Supervisor],
  rejectPlan: [Role.Supervisor],
  requestClosure: [Role.Caseworker, Role.Supervisor],
  approveClosure: [Role.Supervisor],
  rejectClosure: [Role.Supervisor],
  reopen: [Role.Supervisor, Role.Manager],
};

const ASSESSMENT_STAGES: Record<AssessmentType, readonly Stage[]> = {
  // The initial assessment verifies the report: it opens the assessment stage or repeats in it.
  initial: ['intake', 'assessment'],
  // A needs assessment may be refined while the plan is being written.
  needs: ['assessment', 'planning'],
  // A review assesses a plan being carried out, and may be repeated before the decision.
  review: ['intervention', 'review'],
};

/** Stages in which each command kind may ever be accepted (the union over its variants). */
export const COMMAND_STAGES: Readonly<Record<CaseCommandKind, readonly Stage[]>> = {
  assign: OPEN_STAGES,
  recordAssessment: OPEN_STAGES,
  recordEmergencyMeasures: OPEN_STAGES,
  startSeparation: OPEN_STAGES,
  endSeparation: OPEN_STAGES,
  // Drafting in review starts planning again (art. 30); an approved plan changes only that way.
  draftPlan: ['planning', 'review'],
  submitPlan: ['planning'],
  approvePlan: ['planning'],
  rejectPlan: ['planning'],
  requestClosure: OPEN_STAGES,
  approveClosure: OPEN_STAGES,
  rejectClosure: OPEN_STAGES,
  reopen: ['closed'],
};

/** Stages in which this very command may be accepted: some variants narrow their kind's stages. */
export function allowedStages(command: CaseCommand): readonly Stage[] {
  if (command.kind === 'recordAssessment' && isCode(ASSESSMENT_TYPES, command.assessmentType)) {
    return ASSESSMENT_STAGES[command.assessmentType];
  }
  if (command.kind === 'requestClosure' && REVIEW_ONLY_CLOSURE_REASONS.includes(command.reason)) {
    return ['review'];
  }
  return COMMAND_STAGES[command.kind];
}
