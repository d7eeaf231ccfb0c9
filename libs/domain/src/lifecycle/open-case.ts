import { Role } from '../roles';
import { applyAssignment } from './assignment.rules';
import { CaseActor } from './case-command.types';
import { CaseState } from './case-state.types';
import { Decision } from './decision.types';
import { refuse, roleRequirement } from './refusal';

export interface OpenCaseInput {
  createdBy: CaseActor;
  /** Reported immediate danger (Mẫu 01), until an assessment says otherwise. */
  immediateDanger: boolean;
  /** When the report was received (Mẫu 01): the first episode's receipt. */
  receivedAt: Date;
  /** An assignee named at intake: the case then starts in assessment. */
  assignee?: CaseActor | null;
}

/** Who may record a report (api.md, POST /cases). */
export const CASE_OPENER_ROLES: readonly Role[] = [Role.IntakeOfficer, Role.Caseworker, Role.Supervisor];

/** The state of a case that has just been reported. */
export function initialCaseState(createdBy: string, immediateDanger: boolean, receivedAt: Date): CaseState {
  return {
    stage: 'intake',
    createdBy,
    assigneeId: null,
    riskLevel: null,
    immediateDanger,
    episodeReceivedAt: receivedAt,
    dangerReceivedAt: immediateDanger ? receivedAt : null,
    hasInitialAssessment: false,
    hasNeedsAssessment: false,
    lastReviewStillAtRisk: null,
    emergencyMeasuresCount: 0,
    activeSeparation: null,
    plan: null,
    approvedPlanVersion: null,
    closureRequest: null,
    closure: null,
    reopenCount: 0,
  };
}

/**
 * Opens a case (intake, Mẫu 01). Naming an assignee at intake is the first assignment, whoever
 * records the report: a commune caseworker who takes a report themselves owns it from the start,
 * so the case moves straight to assessment, as api.md's intake → assessment rule says.
 */
export function openCase(input: OpenCaseInput): Decision {
  if (!CASE_OPENER_ROLES.includes(input.createdBy.role)) {
    return refuse('ACTOR_NOT_ALLOWED', 'open', 'intake', CASE_OPENER_ROLES.map(roleRequirement));
  }
  const state = initialCaseState(input.createdBy.id, input.immediateDanger, input.receivedAt);
  const opened = { type: 'case.opened', immediateDanger: input.immediateDanger } as const;
  if (!input.assignee) return { ok: true, state, events: [opened] };

  if (input.assignee.role !== Role.Caseworker) {
    return refuse('INVALID_COMMAND', 'open', 'intake', ['assignee_caseworker']);
  }
  const assigned = applyAssignment(state, input.assignee.id);
  return { ok: true, state: assigned.state, events: [opened, ...assigned.events] };
}
