import { Stage } from '../../codes/stage.codes';
import { Role } from '../../roles';
import { CaseActor } from '../case-command.types';
import { CaseState } from '../case-state.types';
import { initialCaseState } from '../open-case';

/*
 * Builders for lifecycle tests: plain data, no test framework, so that service and integration
 * tests may reuse them. Ids are fixed strings that read well in failure messages.
 */

export const ACTORS = {
  intake: { id: 'u-intake', role: Role.IntakeOfficer },
  cw: { id: 'u-cw', role: Role.Caseworker },
  cw2: { id: 'u-cw2', role: Role.Caseworker },
  sup: { id: 'u-sup', role: Role.Supervisor },
  sup2: { id: 'u-sup2', role: Role.Supervisor },
  mgr: { id: 'u-mgr', role: Role.Manager },
  admin: { id: 'u-admin', role: Role.Admin },
  partner: { id: 'u-partner', role: Role.Partner },
} satisfies Record<string, CaseActor>;

export const T0 = new Date('2026-03-02T08:00:00+07:00');

/** When a new report reopens the case `caseIn('closed')` (closed 90 days after T0): a day after the closure. */
export const REOPEN_RECEIVED = new Date(T0.getTime() + 91 * 24 * 60 * 60 * 1000);

export function hoursAfter(base: Date, hours: number): Date {
  return new Date(base.getTime() + hours * 60 * 60 * 1000);
}

/**
 * A typical case in each stage, with the caseworker `u-cw` as its owner: in intake the case is
 * unassigned and `u-cw` opened it; from assessment on it is assigned to `u-cw`.
 */
export function caseIn(stage: Stage, overrides: Partial<CaseState> = {}): CaseState {
  const intake = initialCaseState(ACTORS.cw.id, false, T0);
  const assessment: CaseState = {
    ...intake,
    stage: 'assessment',
    assigneeId: ACTORS.cw.id,
    hasInitialAssessment: true,
    riskLevel: 'medium',
  };
  const planning: CaseState = { ...assessment, stage: 'planning', hasNeedsAssessment: true };
  const intervention: CaseState = {
    ...planning,
    stage: 'intervention',
    plan: { version: 1, status: 'approved', authorIds: [ACTORS.cw.id], submittedBy: ACTORS.cw.id },
    approvedPlanVersion: 1,
  };
  const review: CaseState = { ...intervention, stage: 'review', lastReviewStillAtRisk: true };
  const closed: CaseState = {
    ...review,
    stage: 'closed',
    lastReviewStillAtRisk: false,
    closure: { reason: 'resolved', requestedBy: ACTORS.cw.id, approvedBy: ACTORS.sup.id, closedAt: hoursAfter(T0, 24 * 90) },
  };
  const byStage: Record<Stage, CaseState> = { intake, assessment, planning, intervention, review, closed };
  return { ...byStage[stage], ...overrides };
}

/** Freezes a value and everything it holds, so that a test fails if the code under test mutates it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
