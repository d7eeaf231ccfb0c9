import { CaseActor, CommandOf } from './case-command.types';
import { Outcome, isWorkerOfRecord, moveTo } from './case-state.helpers';
import { CaseState, PlanVersionState } from './case-state.types';
import { Decision, Requirement } from './decision.types';
import { refuse } from './refusal';

/*
 * Plan versions (Decree 56 arts. 28–29): a draft is edited in place until submitted; once
 * submitted its content is frozen, and any change is a new version: after a rejection (the
 * rejected version stays on file with its decision) or to amend an approved plan, which stays
 * in force until the new version is approved and supersedes it.
 */

export function decideDraftPlan(state: CaseState, command: CommandOf<'draftPlan'>): Decision {
  if (!isWorkerOfRecord(state, command.actor)) {
    return refuse('ACTOR_NOT_ALLOWED', command.kind, state.stage, ['actor_assignee']);
  }
  const missing: Requirement[] = [];
  if (state.closureRequest) missing.push('closure_decision');
  // From review, planning starts again only if the review found the child still at risk (art. 30).
  if (state.stage === 'review' && state.lastReviewStillAtRisk !== true) missing.push('review_still_at_risk');
  if (state.plan?.status === 'submitted') missing.push('plan_decision');
  if (missing.length > 0) return refuse('TRANSITION_NOT_ALLOWED', command.kind, state.stage, missing);

  const { plan, newVersion } = nextDraft(state.plan, command.actor);
  const drafted: Outcome = {
    state: { ...state, plan },
    events: [{ type: 'plan.drafted', planVersion: plan.version, newVersion }],
  };
  return { ok: true, ...moveTo(drafted, 'planning') };
}

function nextDraft(current: PlanVersionState | null, author: CaseActor): { plan: PlanVersionState; newVersion: boolean } {
  if (current?.status === 'draft') {
    const authorIds = current.authorIds.includes(author.id) ? current.authorIds : [...current.authorIds, author.id];
    return { plan: { ...current, authorIds }, newVersion: false };
  }
  const version = (current?.version ?? 0) + 1;
  return { plan: { version, status: 'draft', authorIds: [author.id], submittedBy: null }, newVersion: true };
}

export function decideSubmitPlan(state: CaseState, command: CommandOf<'submitPlan'>): Decision {
  if (!isWorkerOfRecord(state, command.actor)) {
    return refuse('ACTOR_NOT_ALLOWED', command.kind, state.stage, ['actor_assignee']);
  }
  const current = state.plan;
  const missing: Requirement[] = [];
  if (state.closureRequest) missing.push('closure_decision');
  if (current?.status !== 'draft') missing.push('plan_draft');
  if (missing.length > 0 || current === null) return refuse('TRANSITION_NOT_ALLOWED', command.kind, state.stage, missing);

  const plan: PlanVersionState = { ...current, status: 'submitted', submittedBy: command.actor.id };
  return { ok: true, state: { ...state, plan }, events: [{ type: 'plan.submitted', planVersion: plan.version }] };
}

/** Shared guard of approve and reject: a submitted plan, decided by someone who did not write it. */
function checkPlanDecision(state: CaseState, command: CommandOf<'approvePlan' | 'rejectPlan'>): { refusal: Decision } | { plan: PlanVersionState } {
  const current = state.plan;
  const missing: Requirement[] = [];
  if (state.closureRequest) missing.push('closure_decision');
  if (current?.status !== 'submitted') missing.push('plan_submitted');
  if (missing.length > 0 || current === null) {
    return { refusal: refuse('TRANSITION_NOT_ALLOWED', command.kind, state.stage, missing) };
  }
  // Separation of duties, following from the roles (the worker drafts, the commune PC chair decides under
  // Decree 56 art. 28(4)), not from that article: the author may not approve their own plan; the submitter
  // answers for it too.
  if (isPlanAuthor(current, command.actor.id)) {
    return { refusal: refuse('TRANSITION_NOT_ALLOWED', command.kind, state.stage, ['approver_not_author']) };
  }
  return { plan: current };
}

export function isPlanAuthor(plan: PlanVersionState | null, actorId: string): boolean {
  return plan !== null && (plan.authorIds.includes(actorId) || plan.submittedBy === actorId);
}

export function decideApprovePlan(state: CaseState, command: CommandOf<'approvePlan'>): Decision {
  const checked = checkPlanDecision(state, command);
  if ('refusal' in checked) return checked.refusal;

  const plan: PlanVersionState = { ...checked.plan, status: 'approved' };
  const previous = state.approvedPlanVersion;
  const supersededVersion = previous !== null && previous !== plan.version ? previous : null;
  const approved: Outcome = {
    state: { ...state, plan, approvedPlanVersion: plan.version },
    events: [{ type: 'plan.approved', planVersion: plan.version, supersededVersion }],
  };
  return { ok: true, ...moveTo(approved, 'intervention') };
}

export function decideRejectPlan(state: CaseState, command: CommandOf<'rejectPlan'>): Decision {
  const checked = checkPlanDecision(state, command);
  if ('refusal' in checked) return checked.refusal;

  const plan: PlanVersionState = { ...checked.plan, status: 'rejected' };
  return { ok: true, state: { ...state, plan }, events: [{ type: 'plan.rejected', planVersion: plan.version }] };
}
