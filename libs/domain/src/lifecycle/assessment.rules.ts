import { ASSESSMENT_TYPES } from '../codes/assessment-type.codes';
import { isCode } from '../codes/code-list.types';
import { RISK_LEVELS } from '../codes/risk-level.codes';
import { CommandOf } from './case-command.types';
import { Outcome, isWorkerOfRecord, moveTo } from './case-state.helpers';
import { CaseState } from './case-state.types';
import { Decision } from './decision.types';
import { refuse } from './refusal';
import { ReviewFinding, reviewFinding } from './review-conditions';

export function decideRecordAssessment(state: CaseState, command: CommandOf<'recordAssessment'>): Decision {
  const { kind, assessmentType, riskLevel } = command;
  if (!isWorkerOfRecord(state, command.actor)) {
    return refuse('ACTOR_NOT_ALLOWED', kind, state.stage, ['actor_assignee']);
  }
  if (!isCode(ASSESSMENT_TYPES, assessmentType)) return refuse('INVALID_COMMAND', kind, state.stage, ['assessment_type']);
  if (!isCode(RISK_LEVELS, riskLevel)) return refuse('INVALID_COMMAND', kind, state.stage, ['risk_level']);
  // The review's finding decides between a new plan and closure (art. 30): it cannot be implied.
  let review: ReviewFinding | null = null;
  if (assessmentType === 'review') {
    const found = reviewFinding(command);
    if (typeof found === 'string') return refuse('INVALID_COMMAND', kind, state.stage, [found]);
    review = found;
  }
  const identified = command.dangerIdentifiedAt;
  if (identified !== undefined && !(identified instanceof Date && identified.getTime() >= state.episodeReceivedAt.getTime())) {
    return refuse('INVALID_COMMAND', kind, state.stage, ['danger_identified_at']);
  }
  const finding = review?.stillAtRisk ?? null;
  // The supervisor decides on the closure request as it was made.
  if (state.closureRequest) return refuse('TRANSITION_NOT_ALLOWED', kind, state.stage, ['closure_decision']);

  const immediateDanger = command.immediateDanger ?? state.immediateDanger;
  const newlyFound = immediateDanger && !state.immediateDanger;
  const dangerReceivedAt = immediateDanger ? (newlyFound ? dangerInformationAt(state, command) : state.dangerReceivedAt) : null;
  const next: CaseState = {
    ...state,
    riskLevel,
    immediateDanger,
    dangerReceivedAt,
    hasInitialAssessment: state.hasInitialAssessment || assessmentType === 'initial',
    hasNeedsAssessment: state.hasNeedsAssessment || assessmentType === 'needs',
    lastReviewStillAtRisk: finding ?? state.lastReviewStillAtRisk,
  };
  const recorded: Outcome = {
    state: next,
    events: [
      {
        type: 'assessment.recorded',
        assessmentType,
        riskLevel,
        immediateDanger,
        stillAtRisk: finding,
        ...(newlyFound && dangerReceivedAt && { dangerReceivedAt }),
        ...(review && { noLongerAtRiskOfAbuse: review.noLongerAtRiskOfAbuse, stable: review.stable }),
      },
    ],
  };
  return { ok: true, ...moveTo(recorded, stageAfterAssessment(next)) };
}

/**
 * T of Decree 56 arts. 26(3) and 31(2), for danger this assessment is the first to show: the
 * episode's receipt when it is the initial assessment (Mẫu 02 verifies that report, so the 12 hours
 * do not restart), otherwise when the information came in (`dangerIdentifiedAt`, at most the
 * recording instant; absent, the recording instant).
 */
function dangerInformationAt(state: CaseState, command: CommandOf<'recordAssessment'>): Date {
  if (command.assessmentType === 'initial') return state.episodeReceivedAt;
  const identified = command.dangerIdentifiedAt;
  return identified && identified.getTime() < command.at.getTime() ? identified : command.at;
}

function stageAfterAssessment(state: CaseState): CaseState['stage'] {
  switch (state.stage) {
    case 'intake':
      // Only an initial assessment is accepted in intake (command.rules.ts).
      return 'assessment';
    case 'assessment':
      return state.hasInitialAssessment && state.hasNeedsAssessment ? 'planning' : 'assessment';
    case 'intervention':
      // Only a review assessment is accepted in intervention.
      return 'review';
    default:
      return state.stage;
  }
}
