import { ClosureReason } from '../codes/closure-reason.codes';
import { PlanStatus } from '../codes/plan-status.codes';
import { RiskLevel } from '../codes/risk-level.codes';
import { Stage } from '../codes/stage.codes';

/** The newest version of the case's plan: the one the plan commands act on. */
export interface PlanVersionState {
  /** 1, 2, 3…; a version's content is frozen once submitted, a change after that is a new version. */
  version: number;
  /** Never `superseded`: a superseded version is by definition not the newest. */
  status: Exclude<PlanStatus, 'superseded'>;
  /** Everyone who drafted this version; none of them may approve or reject it. */
  authorIds: string[];
  /** Who submitted it (null while a draft); answers for it like an author. */
  submittedBy: string | null;
}

export interface ClosureRequestState {
  reason: ClosureReason;
  requestedBy: string;
}

export interface ClosureState {
  reason: ClosureReason;
  requestedBy: string;
  approvedBy: string;
  closedAt: Date;
}

export interface SeparationState {
  separationId: string;
  startAt: Date;
  endAt: Date;
  extendedByAuthority: boolean;
}

/**
 * What the lifecycle guards need to know about a case, and nothing about the child. The service
 * loads it from the case row (and the newest plan version), passes it to `decide`, and writes
 * back the state `decide` returns.
 */
export interface CaseState {
  stage: Stage;
  createdBy: string;
  /** The caseworker who owns the case; null until the first assignment. */
  assigneeId: string | null;
  /** Risk level of the latest assessment; null before any. */
  riskLevel: RiskLevel | null;
  /** From the episode's report, then from the latest assessment that says; reset by a reopening to what the new report says. */
  immediateDanger: boolean;
  /**
   * When the episode's report was received (Mẫu 01): the case's report, then each reopening's.
   * The episode's deadlines count from it (Decree 56 arts. 26(3), 31(2): "from receiving the information").
   */
  episodeReceivedAt: Date;
  /**
   * When the information that the child faces serious harm came in (T of Decree 56 arts. 26(3),
   * 31(2)): the episode's receipt when its report or its initial assessment shows the danger,
   * otherwise when a later assessment found it. Null while no danger is known. Emergency measures
   * or a separation at or after it meet the emergency deadline.
   */
  dangerReceivedAt: Date | null;
  /** Recorded in the current episode (a reopen starts a new one). */
  hasInitialAssessment: boolean;
  hasNeedsAssessment: boolean;
  /** Finding of the latest review assessment of the episode; null before any. */
  lastReviewStillAtRisk: boolean | null;
  /** How many times emergency measures were recorded in this episode (a reopening resets it). */
  emergencyMeasuresCount: number;
  /** The temporary separation under way, if any (at most one at a time). */
  activeSeparation: SeparationState | null;
  plan: PlanVersionState | null;
  /** The approved version in force (may be older than `plan` while an amendment is drafted). */
  approvedPlanVersion: number | null;
  /** A closure request awaiting a supervisor's decision; while it waits the case is frozen. */
  closureRequest: ClosureRequestState | null;
  /** Set exactly when `stage` is `closed`. */
  closure: ClosureState | null;
  reopenCount: number;
}
