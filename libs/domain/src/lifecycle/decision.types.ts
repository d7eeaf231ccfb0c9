import { Stage } from '../codes/stage.codes';
import { Role } from '../roles';
import { CaseCommandKind } from './case-command.types';
import { CaseEvent } from './case-event.types';
import { CaseState } from './case-state.types';

/**
 * Why a command was refused, and so which HTTP answer it gets:
 * - TRANSITION_NOT_ALLOWED (409): the case's stage or state lacks something the step needs,
 *   including the separation of duties that api.md lists among the transition rules
 *   (approver ≠ author, closure approver ≠ requester);
 * - ACTOR_NOT_ALLOWED (403): this actor may not issue the command on this case (role, or not
 *   the case's assignee);
 * - INVALID_COMMAND (400): the command's own data break a rule (a separation longer than the
 *   policy allows, an assignee who is not a caseworker).
 */
export const REFUSAL_CODES = ['TRANSITION_NOT_ALLOWED', 'ACTOR_NOT_ALLOWED', 'INVALID_COMMAND'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * What a refused command lacks, as stable snake_case codes a client can translate.
 * `stage_<x>` entries of one refusal are alternatives (any of these stages); the other
 * entries are all needed.
 */
export type Requirement =
  | `stage_${Stage}`
  | 'open_case'
  | `role_${Role}`
  | 'actor_assignee'
  | 'initial_assessment'
  | 'needs_assessment'
  | 'review_still_at_risk'
  | 'review_not_at_risk'
  | 'plan_draft'
  | 'plan_submitted'
  | 'plan_decision'
  | 'approver_not_author'
  | 'closure_reason'
  | 'closure_request'
  | 'closure_decision'
  | 'danger_cleared'
  | 'risk_below_high'
  | 'receiving_commune'
  | 'approver_not_requester'
  | 'separation_ended'
  | 'active_separation'
  | 'separation_period'
  | 'separation_within_limit'
  | 'separation_outcome'
  | 'reopen_reason'
  | 'reopen_received_at'
  | 'intake_channel'
  | 'concern_types'
  | 'danger_identified_at'
  | 'assignee_caseworker'
  | 'different_assignee'
  | 'assessment_type'
  | 'risk_level'
  | 'still_at_risk'
  | 'review_conditions'
  /** Closure as `resolved`: every accepted referral completed, withdrawn or marked to continue after closure (closure-referrals.ts). */
  | 'referrals_settled';

export interface Refusal {
  code: RefusalCode;
  /** The refused command, or `open` when opening the case itself was refused. */
  command: CaseCommandKind | 'open';
  /** The stage the case is in (unchanged by the refusal). */
  stage: Stage;
  missing: Requirement[];
  /** English, for logs and API messages; carries no personal data. */
  message: string;
}

export type Decision = { ok: true; state: CaseState; events: CaseEvent[] } | { ok: false; reason: Refusal };
