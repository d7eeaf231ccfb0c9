import { Role } from '../roles';
import { CommandOf } from './case-command.types';
import { Outcome, moveTo } from './case-state.helpers';
import { CaseState } from './case-state.types';
import { Decision } from './decision.types';
import { refuse } from './refusal';

/** Assigns and, in intake, starts the assessment: the assignee now owes the initial assessment. */
export function applyAssignment(state: CaseState, assigneeId: string): Outcome {
  const assigned: Outcome = {
    state: { ...state, assigneeId },
    events: [{ type: 'case.assigned', assigneeId, previousAssigneeId: state.assigneeId }],
  };
  return state.stage === 'intake' ? moveTo(assigned, 'assessment') : assigned;
}

export function decideAssign(state: CaseState, command: CommandOf<'assign'>): Decision {
  // An intake officer hands a new case to the commune once; moving it later is a supervisor's call.
  if (command.actor.role === Role.IntakeOfficer && state.assigneeId !== null) {
    return refuse('ACTOR_NOT_ALLOWED', command.kind, state.stage, ['role_supervisor']);
  }
  if (command.assignee.role !== Role.Caseworker) {
    return refuse('INVALID_COMMAND', command.kind, state.stage, ['assignee_caseworker']);
  }
  if (command.assignee.id === state.assigneeId) {
    return refuse('INVALID_COMMAND', command.kind, state.stage, ['different_assignee']);
  }
  return { ok: true, ...applyAssignment(state, command.assignee.id) };
}
