import { CLOSURE_REASONS, DANGER_EXEMPT_CLOSURE_REASONS } from '../codes/closure-reason.codes';
import { isCode } from '../codes/code-list.types';
import { CONCERN_TYPES } from '../codes/concern-type.codes';
import { INTAKE_CHANNELS } from '../codes/intake-channel.codes';
import { Role } from '../roles';
import { CommandOf } from './case-command.types';
import { Outcome, isWorkerOfRecord, moveTo } from './case-state.helpers';
import { CaseState, ClosureRequestState } from './case-state.types';
import { Decision, Requirement } from './decision.types';
import { refuse } from './refusal';

export function decideRequestClosure(state: CaseState, command: CommandOf<'requestClosure'>): Decision {
  const { kind, reason } = command;
  // The assignee proposes closure; a supervisor may too (a duplicate caught before assignment).
  if (command.actor.role !== Role.Supervisor && !isWorkerOfRecord(state, command.actor)) {
    return refuse('ACTOR_NOT_ALLOWED', kind, state.stage, ['actor_assignee']);
  }
  if (!isCode(CLOSURE_REASONS, reason)) return refuse('TRANSITION_NOT_ALLOWED', kind, state.stage, ['closure_reason']);

  const missing: Requirement[] = [];
  if (state.closureRequest) missing.push('closure_decision');
  // A submitted plan would otherwise wait for a decision through the closure and a reopen.
  if (state.plan?.status === 'submitted') missing.push('plan_decision');
  // Someone must decide where the child lives before the case ends.
  if (state.activeSeparation) missing.push('separation_ended');
  // Art. 30: `resolved` needs a review that found the child no longer at risk and stable.
  if (reason === 'resolved' && state.lastReviewStillAtRisk !== false) missing.push('review_not_at_risk');
  missing.push(...safeToClose(state, command));
  if (missing.length > 0) return refuse('TRANSITION_NOT_ALLOWED', kind, state.stage, missing);

  return {
    ok: true,
    state: { ...state, closureRequest: { reason, requestedBy: command.actor.id } },
    events: [{ type: 'closure.requested', reason }],
  };
}

/**
 * No closure while the child is in danger (Law art. 52(3); Decree 56 art. 32(1)): a danger that
 * stands must first be cleared by an assessment, except for the reasons in
 * DANGER_EXEMPT_CLOSURE_REASONS. A family's refusal ends the case only once the latest assessment
 * (the refusal itself is not recorded, so the latest assessment stands for "after it") found the
 * risk below high. A transfer names the commune that takes the child over.
 */
function safeToClose(state: CaseState, command: CommandOf<'requestClosure'>): Requirement[] {
  const missing: Requirement[] = [];
  // `resolved` has its own, stricter guard: a review that found the child no longer at risk.
  const dangerGuarded = command.reason !== 'resolved' && !DANGER_EXEMPT_CLOSURE_REASONS.includes(command.reason);
  if (state.immediateDanger && dangerGuarded) missing.push('danger_cleared');
  if (command.reason === 'family_refused' && (state.riskLevel === null || state.riskLevel === 'high')) missing.push('risk_below_high');
  if (command.reason === 'transferred' && !/^\d{5}$/.test(command.receivingCommuneCode ?? '')) missing.push('receiving_commune');
  return missing;
}

/** Shared guard of approve and reject: a pending request, decided by someone other than its author. */
function checkClosureDecision(
  state: CaseState,
  command: CommandOf<'approveClosure' | 'rejectClosure'>,
  extra: Requirement[],
): { refusal: Decision } | { request: ClosureRequestState } {
  const request = state.closureRequest;
  if (!request) return { refusal: refuse('TRANSITION_NOT_ALLOWED', command.kind, state.stage, ['closure_request']) };
  if (extra.length > 0) return { refusal: refuse('TRANSITION_NOT_ALLOWED', command.kind, state.stage, extra) };
  if (request.requestedBy === command.actor.id) {
    return { refusal: refuse('TRANSITION_NOT_ALLOWED', command.kind, state.stage, ['approver_not_requester']) };
  }
  return { request };
}

export function decideApproveClosure(state: CaseState, command: CommandOf<'approveClosure'>): Decision {
  // A separation may have started while the request waited (safety commands are never frozen).
  const checked = checkClosureDecision(state, command, state.activeSeparation ? ['separation_ended'] : []);
  if ('refusal' in checked) return checked.refusal;

  const { reason, requestedBy } = checked.request;
  const approved: Outcome = {
    state: {
      ...state,
      closureRequest: null,
      closure: { reason, requestedBy, approvedBy: command.actor.id, closedAt: command.at },
    },
    events: [{ type: 'closure.approved', reason, requestedBy, closedAt: command.at }],
  };
  return { ok: true, ...moveTo(approved, 'closed') };
}

export function decideRejectClosure(state: CaseState, command: CommandOf<'rejectClosure'>): Decision {
  const checked = checkClosureDecision(state, command, []);
  if ('refusal' in checked) return checked.refusal;

  const { reason, requestedBy } = checked.request;
  return {
    ok: true,
    state: { ...state, closureRequest: null },
    events: [{ type: 'closure.rejected', reason, requestedBy }],
  };
}

export function decideReopen(state: CaseState, command: CommandOf<'reopen'>): Decision {
  if (typeof command.reason !== 'string' || command.reason.trim().length === 0) {
    return refuse('TRANSITION_NOT_ALLOWED', command.kind, state.stage, ['reopen_reason']);
  }
  const { receivedAt, channel } = command;
  const addedConcernTypes = [...(command.addedConcernTypes ?? [])];
  const invalid: Requirement[] = [];
  // The new report reopens the case: it cannot have come in before the case closed.
  const closedAt = state.closure?.closedAt;
  if (!isValidDate(receivedAt) || (closedAt && receivedAt.getTime() < closedAt.getTime())) invalid.push('reopen_received_at');
  if (!isCode(INTAKE_CHANNELS, channel)) invalid.push('intake_channel');
  if (!addedConcernTypes.every((c) => isCode(CONCERN_TYPES, c))) invalid.push('concern_types');
  if (invalid.length > 0) return refuse('INVALID_COMMAND', command.kind, state.stage, invalid);

  const immediateDanger = command.immediateDanger ?? false;
  const reopenCount = state.reopenCount + 1;
  const reopened: Outcome = {
    state: {
      ...state,
      closure: null,
      // A reopen is a new episode, with its own receipt (Decree 56 arts. 26(3), 31(2) count from
      // receiving the information): new information calls for fresh initial and needs assessments
      // before anyone plans again, an old review finding must not close the case again, and the
      // danger and the emergency measures of the last episode say nothing about this one.
      episodeReceivedAt: receivedAt,
      immediateDanger,
      dangerReceivedAt: immediateDanger ? receivedAt : null,
      emergencyMeasuresCount: 0,
      hasInitialAssessment: false,
      hasNeedsAssessment: false,
      lastReviewStillAtRisk: null,
      reopenCount,
    },
    events: [{ type: 'case.reopened', reopenCount, receivedAt, channel, addedConcernTypes, immediateDanger }],
  };
  return { ok: true, ...moveTo(reopened, 'assessment') };
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
