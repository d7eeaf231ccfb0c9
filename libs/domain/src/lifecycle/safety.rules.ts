import { isCode } from '../codes/code-list.types';
import { SEPARATION_OUTCOMES } from '../codes/separation-outcome.codes';
import { Role } from '../roles';
import { CommandOf } from './case-command.types';
import { isWorkerOfRecord } from './case-state.helpers';
import { CaseState } from './case-state.types';
import { Decision } from './decision.types';
import { LifecyclePolicy } from './lifecycle.policy';
import { refuse } from './refusal';
import { separationPeriodProblems } from './separation-period';

/*
 * Emergency measures and temporary separation protect the child's life: they are accepted in
 * every open stage and even while a closure request waits, because safety cannot wait for paperwork.
 */

export function decideRecordEmergencyMeasures(state: CaseState, command: CommandOf<'recordEmergencyMeasures'>): Decision {
  // A supervisor may act on any case in scope; a caseworker only on their own.
  if (command.actor.role !== Role.Supervisor && !isWorkerOfRecord(state, command.actor)) {
    return refuse('ACTOR_NOT_ALLOWED', command.kind, state.stage, ['actor_assignee']);
  }
  return {
    ok: true,
    state: { ...state, emergencyMeasuresCount: state.emergencyMeasuresCount + 1 },
    events: [{ type: 'emergency_measures.recorded', takenAt: command.takenAt }],
  };
}

export function decideStartSeparation(state: CaseState, command: CommandOf<'startSeparation'>, policy: LifecyclePolicy): Decision {
  const problems = separationPeriodProblems(command, policy);
  if (problems.length > 0) return refuse('INVALID_COMMAND', command.kind, state.stage, problems);
  // One placement at a time: the current separation ends before another starts.
  if (state.activeSeparation) return refuse('TRANSITION_NOT_ALLOWED', command.kind, state.stage, ['separation_ended']);

  const { separationId, startAt, endAt, extendedByAuthority } = command;
  return {
    ok: true,
    state: { ...state, activeSeparation: { separationId, startAt, endAt, extendedByAuthority } },
    events: [{ type: 'separation.started', separationId, startAt, endAt, extendedByAuthority }],
  };
}

export function decideEndSeparation(state: CaseState, command: CommandOf<'endSeparation'>): Decision {
  const active = state.activeSeparation;
  if (!active || active.separationId !== command.separationId) {
    return refuse('TRANSITION_NOT_ALLOWED', command.kind, state.stage, ['active_separation']);
  }
  if (!(command.endedAt instanceof Date) || Number.isNaN(command.endedAt.getTime()) || command.endedAt < active.startAt) {
    return refuse('INVALID_COMMAND', command.kind, state.stage, ['separation_period']);
  }
  const { outcome } = command;
  if (outcome !== undefined && !isCode(SEPARATION_OUTCOMES, outcome)) return refuse('INVALID_COMMAND', command.kind, state.stage, ['separation_outcome']);
  return {
    ok: true,
    state: { ...state, activeSeparation: null },
    events: [{ type: 'separation.ended', separationId: active.separationId, endedAt: command.endedAt, ...(outcome && { outcome }) }],
  };
}
