import { OPEN_STAGES, Stage } from '../codes/stage.codes';
import { Role } from '../roles';
import { CaseCommandKind } from './case-command.types';
import { Decision, RefusalCode, Requirement } from './decision.types';

const COMMAND_TEXT: Record<CaseCommandKind | 'open', string> = {
  open: 'opening a case',
  assign: 'assigning the case',
  recordAssessment: 'recording this assessment',
  recordEmergencyMeasures: 'recording emergency measures',
  startSeparation: 'starting a temporary separation',
  endSeparation: 'ending the temporary separation',
  draftPlan: 'drafting the plan',
  submitPlan: 'submitting the plan',
  approvePlan: 'approving the plan',
  rejectPlan: 'rejecting the plan',
  requestClosure: 'requesting closure',
  approveClosure: 'approving closure',
  rejectClosure: 'rejecting closure',
  reopen: 'reopening the case',
};

type FixedRequirement = Exclude<Requirement, `stage_${string}` | `role_${string}`>;

const REQUIREMENT_TEXT: Record<FixedRequirement, string> = {
  open_case: 'an open case (reopen it first)',
  actor_assignee: "the case's assignee",
  initial_assessment: 'an initial assessment',
  needs_assessment: 'a needs assessment',
  review_still_at_risk: 'a review assessment finding the child still at risk',
  review_not_at_risk: 'a review assessment finding the child no longer at risk',
  plan_draft: 'a plan draft',
  plan_submitted: 'a submitted plan',
  plan_decision: 'a decision on the submitted plan first',
  approver_not_author: 'an approver who did not draft or submit the plan',
  closure_reason: 'a closure reason from the code list',
  closure_request: 'a pending closure request',
  closure_decision: 'a decision on the pending closure request first',
  danger_cleared:
    'an assessment finding the child no longer in immediate danger (Law art. 52(3); Decree 56 art. 32(1): separation or a court request, not closure)',
  risk_below_high: 'an assessment after the refusal finding the risk below high',
  receiving_commune: 'the receiving commune',
  approver_not_requester: 'an approver who did not request the closure',
  separation_ended: 'the temporary separation to be ended first',
  active_separation: 'this temporary separation to be under way',
  separation_period: 'an end after the start',
  separation_within_limit: 'a separation within the policy maximum, or extended by a competent authority',
  separation_outcome: 'an outcome from the code list (returned home after a safety assessment, alternative care, court request, other)',
  reopen_reason: 'a reason',
  reopen_received_at: "the new report's receipt, not before the closure",
  intake_channel: 'an intake channel from the code list',
  concern_types: 'concern types from the code list',
  danger_identified_at: "a time the danger was identified, not before the episode's receipt",
  assignee_caseworker: 'an assignee who is a caseworker',
  different_assignee: 'an assignee other than the current one',
  assessment_type: 'an assessment type from the code list',
  risk_level: 'a risk level from the code list',
  still_at_risk: 'the review finding (still at risk or not)',
  review_conditions: 'both review findings, no longer at risk of abuse and stable (art. 30(1)(b)), agreeing with stillAtRisk if it is sent',
  referrals_settled: 'every accepted referral completed, withdrawn or marked to continue after closure',
};

function describe(requirement: Requirement): string {
  if (requirement.startsWith('stage_')) return `stage ${requirement.slice('stage_'.length)}`;
  if (requirement.startsWith('role_')) return `role ${requirement.slice('role_'.length)}`;
  return REQUIREMENT_TEXT[requirement as FixedRequirement];
}

/** Stages are alternatives, everything else is cumulative: the message says so. */
function describeAll(missing: Requirement[]): string {
  const stages = missing.filter((m) => m.startsWith('stage_')).map(describe);
  const roles = missing.filter((m) => m.startsWith('role_')).map(describe);
  const rest = missing.filter((m) => !m.startsWith('stage_') && !m.startsWith('role_')).map(describe);
  const parts = [stages.join(' or '), roles.join(' or '), ...rest].filter((p) => p.length > 0);
  return parts.join('; ');
}

export function refuse(code: RefusalCode, command: CaseCommandKind | 'open', stage: Stage, missing: Requirement[]): Decision {
  return {
    ok: false,
    reason: {
      code,
      command,
      stage,
      missing,
      message: `The case is in stage ${stage}; ${COMMAND_TEXT[command]} needs ${describeAll(missing)}.`,
    },
  };
}

export const stageRequirement = (stage: Stage): Requirement => `stage_${stage}`;
export const roleRequirement = (role: Role): Requirement => `role_${role}`;

/** A command possible in every open stage lacks an open case; otherwise name its stages. */
export function stageRequirements(allowed: readonly Stage[]): Requirement[] {
  const everyOpenStage = OPEN_STAGES.every((s) => allowed.includes(s)) && !allowed.includes('closed');
  return everyOpenStage ? ['open_case'] : allowed.map(stageRequirement);
}
