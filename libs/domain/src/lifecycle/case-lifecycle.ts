import { decideRecordAssessment } from './assessment.rules';
import { decideAssign } from './assignment.rules';
import { CaseCommand, CaseCommandKind, CommandOf } from './case-command.types';
import { CaseState } from './case-state.types';
import { decideApproveClosure, decideRejectClosure, decideReopen, decideRequestClosure } from './closure.rules';
import { COMMAND_ROLES, allowedStages } from './command.rules';
import { Decision } from './decision.types';
import { DEFAULT_LIFECYCLE_POLICY, LifecyclePolicy } from './lifecycle.policy';
import { decideApprovePlan, decideDraftPlan, decideRejectPlan, decideSubmitPlan } from './plan.rules';
import { refuse, roleRequirement, stageRequirements } from './refusal';
import { decideEndSeparation, decideRecordEmergencyMeasures, decideStartSeparation } from './safety.rules';

type Handler<K extends CaseCommandKind> = (state: CaseState, command: CommandOf<K>, policy: LifecyclePolicy) => Decision;

const HANDLERS: { [K in CaseCommandKind]: Handler<K> } = {
  assign: decideAssign,
  recordAssessment: decideRecordAssessment,
  recordEmergencyMeasures: decideRecordEmergencyMeasures,
  startSeparation: decideStartSeparation,
  endSeparation: decideEndSeparation,
  draftPlan: decideDraftPlan,
  submitPlan: decideSubmitPlan,
  approvePlan: decideApprovePlan,
  rejectPlan: decideRejectPlan,
  requestClosure: decideRequestClosure,
  approveClosure: decideApproveClosure,
  rejectClosure: decideRejectClosure,
  reopen: decideReopen,
};

/**
 * The case lifecycle: given what the case is and a command, either the next state and the events
 * that record the change, or a refusal naming the stage and what is missing. Pure: it never
 * throws, never mutates `state`, and reads no clock (times come in the command).
 *
 * Checks run from the general to the particular: the actor's role, the stage, then (in the
 * rule files) the actor's relation to the case, the command's data, the case's prerequisites and
 * the separation of duties.
 */
export function decide(state: CaseState, command: CaseCommand, policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY): Decision {
  const roles = COMMAND_ROLES[command.kind];
  if (!roles.includes(command.actor.role)) {
    return refuse('ACTOR_NOT_ALLOWED', command.kind, state.stage, roles.map(roleRequirement));
  }
  const stages = allowedStages(command);
  if (!stages.includes(state.stage)) {
    return refuse('TRANSITION_NOT_ALLOWED', command.kind, state.stage, stageRequirements(stages));
  }
  return dispatch(state, command, policy);
}

// The union cannot index HANDLERS with a correlated type, so one generic call site narrows it.
function dispatch<K extends CaseCommandKind>(state: CaseState, command: CommandOf<K>, policy: LifecyclePolicy): Decision {
  const handler = HANDLERS[command.kind] as Handler<K>;
  return handler(state, command, policy);
}
