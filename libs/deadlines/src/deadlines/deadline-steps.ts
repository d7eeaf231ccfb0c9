import type { DeadlineKind, DeadlinePolicy, DeadlineStep, DeadlineVariant, LadderStep, WorkingDayCalendar } from '@haven/domain';
import { nextDeadlineStep, stepLadder } from '@haven/domain';

/** A step to put on the queue after the transaction that decided it has committed. */
export interface ScheduledStep {
  deadlineId: string;
  step: DeadlineStep;
  /** When it should fire. */
  at: Date;
  /** The deadline's due time as the step was computed: a job whose due time is no longer the deadline's is stale. */
  dueAtMs: number;
}

/** What a deadline's step ladder is computed with: the province's policy and the working-day calendar. */
export interface DeadlineRules {
  policy: DeadlinePolicy;
  calendar: WorkingDayCalendar;
}

/**
 * The deterministic BullMQ job id of a step: adding it again while the job exists is a no-op, and a
 * new due time gives a new id (the old job then finds the deadline changed and skips). BullMQ
 * refuses custom ids with ':' (other than its own three-part repeat ids), so the step's ':'
 * becomes '.' and the parts are joined with '-': `dl-<deadline id>-escalation.1-<due ms>`.
 */
export const deadlineJobId = (s: Pick<ScheduledStep, 'deadlineId' | 'step' | 'dueAtMs'>): string =>
  `dl-${s.deadlineId}-${s.step.replace(':', '.')}-${s.dueAtMs}`;

/** The step ladder of a deadline as stored. */
export function stepsOf(deadline: { kind: DeadlineKind; variant: DeadlineVariant | null; dueAt: Date }, rules: DeadlineRules): LadderStep[] {
  return stepLadder({ kind: deadline.kind, dueAt: deadline.dueAt, variant: deadline.variant ?? 'standard' }, rules.policy, rules.calendar);
}

/** The next step of a deadline to schedule (see nextDeadlineStep), or null. */
export function nextStepOf(
  deadline: { kind: DeadlineKind; variant: DeadlineVariant | null; dueAt: Date },
  rules: DeadlineRules,
  now: Date,
  progress: { done?: DeadlineStep | null; escalationLevel?: number } = {},
): LadderStep | null {
  return nextDeadlineStep(stepsOf(deadline, rules), now, progress);
}
