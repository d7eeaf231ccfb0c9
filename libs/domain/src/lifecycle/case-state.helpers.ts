import { Stage } from '../codes/stage.codes';
import { CaseActor } from './case-command.types';
import { CaseEvent } from './case-event.types';
import { CaseState } from './case-state.types';

/** The case's owner: the assignee, or before any assignment whoever opened the case. */
export function workerOfRecord(state: CaseState): string {
  return state.assigneeId ?? state.createdBy;
}

export function isWorkerOfRecord(state: CaseState, actor: CaseActor): boolean {
  return actor.id === workerOfRecord(state);
}

/** A state change and the events that record it, before they become a Decision. */
export interface Outcome {
  state: CaseState;
  events: CaseEvent[];
}

/** Moves the outcome's case to `to`, recording the change; staying put records nothing. */
export function moveTo(outcome: Outcome, to: Stage): Outcome {
  const from = outcome.state.stage;
  if (from === to) return outcome;
  return {
    state: { ...outcome.state, stage: to },
    events: [...outcome.events, { type: 'case.stage_changed', from, to }],
  };
}
