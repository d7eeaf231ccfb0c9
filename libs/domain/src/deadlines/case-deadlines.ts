import type { RiskLevel } from '../codes/risk-level.codes';
import type { CaseEvent, CaseEventType } from '../lifecycle/case-event.types';
import { workerOfRecord } from '../lifecycle/case-state.helpers';
import type { CaseState } from '../lifecycle/case-state.types';
import {
  countingStart,
  DeadlineKind,
  DeadlinePolicy,
  DeadlineStep,
  DeadlineVariant,
  DueContexts,
  planDeadline,
  StepRecipients,
  LadderStep,
} from './deadline-policy';
import { WorkingDayCalendar } from './working-days';

/** A deadline is open until the work is done (met) or no longer owed (cancelled: the case closed, the plan changed…). */
export const DEADLINE_STATUSES = ['open', 'met', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/** What a deadline is about besides its case: the referral awaiting an answer, the plan action due. */
export interface DeadlineRef {
  referralId?: string;
  planActionId?: string;
}

export interface DeadlineToOpen {
  kind: DeadlineKind;
  variant: DeadlineVariant;
  dueAt: Date;
  /**
   * The person who owes the work and gets the reminders. Null when a role owes it rather than a
   * person: a plan decision (the commune's supervisors) or a referral's answer (the partner).
   */
  ownerId: string | null;
  /** What the deadline counts from (see `countingStart`): response times are measured from it. */
  countedFrom: Date;
  ref?: DeadlineRef;
}

/** A kind (every open deadline of it on the case), or one deadline of a kind by what it is about. */
export type DeadlineSelector = DeadlineKind | { kind: DeadlineKind; ref: DeadlineRef };

/**
 * What a decision does to a case's deadlines. The service applies it in this order, in the
 * decision's transaction: cancel, meet, recompute, reassign, open — and opening a deadline
 * replaces (cancels) an open one of the same kind and reference, so a case never has two.
 */
export interface DeadlineChanges {
  open: DeadlineToOpen[];
  meet: DeadlineSelector[];
  cancel: DeadlineSelector[] | 'all';
  /** The open deadlines `from` owed now belong to `to` (their reminders follow, as the worker reads the owner when it sends). */
  reassignOwner?: { from: string; to: string };
  /** Open deadlines of these kinds get a new due time from the case's new risk level (see `recomputedDue`). */
  recompute?: { kind: 'review'; riskLevel: RiskLevel | null }[];
}

/** An action of the plan version just approved: each becomes a `plan_action` deadline. */
export interface PlanActionDue {
  id: string;
  dueAt: Date;
  responsibleUserId: string | null;
}

export interface CaseDeadlineContext {
  /** When the decision is taken: what later steps count from. */
  now: Date;
  policy: DeadlinePolicy;
  calendar: WorkingDayCalendar;
  /** The actions of the plan version approved by this decision (`plan.approved`). */
  planActions?: readonly PlanActionDue[];
}

export const NO_DEADLINE_CHANGES: DeadlineChanges = Object.freeze({ open: [], meet: [], cancel: [] }) as DeadlineChanges;

/** Events that may open, meet, cancel or move a deadline; for any other, a service need not load the policy at all. */
export const DEADLINE_EVENT_TYPES: ReadonlySet<CaseEventType> = new Set<CaseEventType>([
  'case.opened',
  'case.assigned',
  'assessment.recorded',
  'emergency_measures.recorded',
  'separation.started',
  'separation.ended',
  'plan.submitted',
  'plan.approved',
  'plan.rejected',
  'closure.approved',
  'case.reopened',
]);

export function hasDeadlineChanges(changes: DeadlineChanges): boolean {
  return (
    changes.open.length > 0 ||
    changes.meet.length > 0 ||
    changes.cancel === 'all' ||
    changes.cancel.length > 0 ||
    changes.reassignOwner !== undefined ||
    (changes.recompute?.length ?? 0) > 0
  );
}

/**
 * The deadline changes of one decision on a case, from the state before it (null at intake), the
 * state after it and the events it emitted. Pure: the caller loads the policy and calendar of the
 * case's province and applies the result in the decision's transaction.
 *
 * Choices the law leaves open, made here:
 * - a rejected plan is met as a decision (`plan_approval`), and a new `plan_submission` opens,
 *   counted from the rejection: the caseworker again has the statutory time to resubmit (counting
 *   from receipt would make it overdue at once);
 * - a review that finds the child still at risk opens a new `plan_submission` counted from the
 *   review (planning starts again, art. 30); otherwise the next `review` counts from this one;
 * - a reopened case starts a new episode with its own receipt (the new report's, `receivedAt` of the
 *   reopening): `initial_assessment`, `emergency_measures` when the new report shows immediate
 *   danger, and (when the plan counts from receipt) `plan_submission` count from it;
 * - `emergency_measures` is due 12 hours after T, when the information that the child faces serious
 *   harm came in (Decree 56 arts. 26(3), 31(2)): the episode's receipt when its report or its initial
 *   assessment shows the danger (the 12 hours do not restart: Mẫu 02 verifies that report),
 *   otherwise when a later assessment's information came in (`CaseState.dangerReceivedAt`). Danger
 *   newly found opens it again even when an earlier one was met; an assessment that finds no
 *   immediate danger cancels it, since the emergency decision has then been taken;
 * - it is met by the first emergency measures, or the first separation under way (art. 26(3):
 *   emergency intervention "or" temporary separation), taken at or after T;
 * - approving a plan version replaces the `review` and `plan_action` deadlines of the version it
 *   supersedes: the review counts from the approval, each action is due when the new plan says.
 */
export function caseDeadlineChanges(before: CaseState | null, after: CaseState, events: readonly CaseEvent[], context: CaseDeadlineContext): DeadlineChanges {
  const { now, policy, calendar } = context;
  const receivedAt = after.episodeReceivedAt;
  const owner = workerOfRecord(after);
  const open: DeadlineToOpen[] = [];
  const meet: DeadlineSelector[] = [];
  const cancel: DeadlineSelector[] = [];
  const recompute: { kind: 'review'; riskLevel: RiskLevel | null }[] = [];
  let reassignOwner: DeadlineChanges['reassignOwner'];
  let cancelAll = false;

  const plan = <K extends DeadlineKind>(kind: K, due: DueContexts[K], ownerId: string | null, ref?: DeadlineRef): void => {
    const planned = planDeadline(kind, due, policy, calendar);
    if (planned) {
      const countedFrom = countingStart(kind, due, policy) ?? now;
      open.push({ kind, variant: planned.variant, dueAt: planned.dueAt, ownerId, countedFrom, ...(ref && { ref }) });
    }
  };
  const planSubmissionFrom = (from: Date): void => plan('plan_submission', { receivedAt: from, needsAssessedAt: from }, owner);
  const nextReview = (): void => plan('review', { from: now, riskLevel: after.riskLevel }, owner);

  for (const event of events) {
    switch (event.type) {
      case 'case.opened':
        plan('initial_assessment', { receivedAt }, owner);
        if (event.immediateDanger) plan('emergency_measures', { receivedAt: after.dangerReceivedAt ?? receivedAt }, owner);
        // Counted from the needs assessment, `dueAt` is null until there is one: nothing opens yet.
        plan('plan_submission', { receivedAt, needsAssessedAt: null }, owner);
        break;
      case 'case.assigned': {
        const from = before ? workerOfRecord(before) : null;
        if (from !== null && from !== event.assigneeId) reassignOwner = { from, to: event.assigneeId };
        break;
      }
      case 'assessment.recorded': {
        const danger = before?.immediateDanger ?? false;
        if (event.assessmentType === 'initial') meet.push('initial_assessment');
        // Set exactly when this assessment is the first to show the danger (assessment.rules.ts).
        if (event.dangerReceivedAt) plan('emergency_measures', { receivedAt: event.dangerReceivedAt }, owner);
        if (!event.immediateDanger && danger) cancel.push('emergency_measures');
        if (event.assessmentType === 'needs' && !before?.hasNeedsAssessment && policy.planSubmissionFrom === 'needs_assessment') {
          plan('plan_submission', { receivedAt, needsAssessedAt: now }, owner);
        }
        if (event.assessmentType === 'review') {
          meet.push('review');
          if (event.stillAtRisk === true) planSubmissionFrom(now);
          else nextReview();
        } else if (before?.riskLevel && before.riskLevel !== event.riskLevel) {
          // A first risk level comes before any plan, so before any review to recompute.
          recompute.push({ kind: 'review', riskLevel: event.riskLevel });
        }
        break;
      }
      case 'emergency_measures.recorded':
        if (actsOnDanger(after, event.takenAt)) meet.push('emergency_measures');
        break;
      case 'separation.started':
        plan('separation_end', { endsAt: event.endAt }, owner);
        // A separation under way protects the child as emergency measures do; a planned one does not yet.
        if (event.startAt.getTime() <= now.getTime() && actsOnDanger(after, event.startAt)) meet.push('emergency_measures');
        break;
      case 'separation.ended':
        meet.push('separation_end');
        break;
      case 'plan.submitted':
        meet.push('plan_submission');
        plan('plan_approval', { submittedAt: now }, null);
        break;
      case 'plan.rejected':
        meet.push('plan_approval');
        planSubmissionFrom(now);
        break;
      case 'plan.approved':
        meet.push('plan_approval');
        cancel.push('review', 'plan_action');
        nextReview();
        for (const action of context.planActions ?? []) {
          plan('plan_action', { dueAt: action.dueAt }, action.responsibleUserId ?? owner, { planActionId: action.id });
        }
        break;
      case 'closure.approved':
        cancelAll = true;
        break;
      case 'case.reopened':
        plan('initial_assessment', { receivedAt: event.receivedAt }, owner);
        if (event.immediateDanger) plan('emergency_measures', { receivedAt: event.receivedAt }, owner);
        if (policy.planSubmissionFrom === 'receipt') planSubmissionFrom(event.receivedAt);
        break;
      default:
        break;
    }
  }
  if (cancelAll) return { open: [], meet: [], cancel: 'all' };
  return { open, meet, cancel, ...(reassignOwner && { reassignOwner }), ...(recompute.length > 0 && { recompute }) };
}

/** An action taken at `at` answers the danger known now when it came at or after the information (T). */
function actsOnDanger(state: CaseState, at: Date): boolean {
  return state.dangerReceivedAt === null || at.getTime() >= state.dangerReceivedAt.getTime();
}

/** The referral events that move a `referral_response` deadline (the referral service emits the timeline's own). */
export type ReferralDeadlineEvent =
  | { type: 'referral.sent'; referralId: string; urgency: 'normal' | 'emergency'; referredAt: Date }
  | { type: 'referral.answered'; referralId: string }
  | { type: 'referral.cancelled'; referralId: string }
  | { type: 'referral.completed'; referralId: string; planActionId: string | null };

/**
 * A referral is answered within 2 working days (an emergency one within 4 hours), by the partner
 * organisation: the deadline has no personal owner. Accepting or declining meets it, withdrawing
 * cancels it; completing a referral made for a plan action meets that action's deadline.
 */
export function referralDeadlineChanges(event: ReferralDeadlineEvent, context: Pick<CaseDeadlineContext, 'policy' | 'calendar'>): DeadlineChanges {
  const ref = { referralId: event.referralId };
  switch (event.type) {
    case 'referral.sent': {
      const planned = planDeadline(
        'referral_response',
        { referredAt: event.referredAt, emergency: event.urgency === 'emergency' },
        context.policy,
        context.calendar,
      );
      return { open: planned ? [{ ...planned, ownerId: null, countedFrom: event.referredAt, ref }] : [], meet: [], cancel: [] };
    }
    case 'referral.answered':
      return { open: [], meet: [{ kind: 'referral_response', ref }], cancel: [] };
    case 'referral.cancelled':
      return { open: [], meet: [], cancel: [{ kind: 'referral_response', ref }] };
    case 'referral.completed':
      return { open: [], meet: event.planActionId ? [{ kind: 'plan_action', ref: { planActionId: event.planActionId } }] : [], cancel: [] };
  }
}

/**
 * The due time and variant of a deadline whose rule depends on the case's risk level, counted
 * again from when it opened: a `review` of a case that became high risk is due 30 days after the
 * plan's approval (or the last review) instead of 90, and the other way round.
 */
export function recomputedDue(
  deadline: { kind: 'review'; openedAt: Date },
  riskLevel: RiskLevel | null,
  policy: DeadlinePolicy,
  calendar: WorkingDayCalendar,
): { variant: DeadlineVariant; dueAt: Date } {
  const planned = planDeadline('review', { from: deadline.openedAt, riskLevel }, policy, calendar);
  if (!planned) throw new RangeError('a review is always due');
  return { variant: planned.variant, dueAt: planned.dueAt };
}

/** Who a step goes to, by its name (the same rule as `stepLadder`). */
export function stepRecipients(step: DeadlineStep): StepRecipients {
  if (step === 'escalation:1') return 'supervisors';
  if (step === 'escalation:2') return 'managers';
  return 'owner';
}

/** 0 for a reminder, 1 or 2 for an escalation. */
export function escalationLevelOf(step: DeadlineStep): 0 | 1 | 2 {
  if (step === 'escalation:1') return 1;
  if (step === 'escalation:2') return 2;
  return 0;
}

const STEP_NAME = /^(reminder:\d{1,3}|escalation:[12])$/;

export function isDeadlineStep(value: unknown): value is DeadlineStep {
  return typeof value === 'string' && STEP_NAME.test(value);
}

/**
 * The step to schedule next on an open deadline's step ladder (from `stepLadder()`): the first after
 * `done` (the step just sent; none when the deadline opens or its due time changed) that is still
 * worth sending at `now`. A reminder whose time has passed is skipped — a late reminder is noise,
 * the next step is coming — but an escalation never is: one already due fires at once, so a
 * deadline opened late, or a worker that was down, still reaches the supervisors and managers.
 * Escalations at or below `escalationLevel` were sent already and are skipped.
 */
export function nextDeadlineStep(
  steps: readonly LadderStep[],
  now: Date,
  progress: { done?: DeadlineStep | null; escalationLevel?: number } = {},
): LadderStep | null {
  const level = progress.escalationLevel ?? 0;
  const doneAt = progress.done ? steps.findIndex((s) => s.step === progress.done) : -1;
  for (const s of steps.slice(doneAt + 1)) {
    const stepLevel = escalationLevelOf(s.step);
    if (stepLevel === 0 ? s.at.getTime() > now.getTime() : stepLevel > level) return s;
  }
  return null;
}
