import type { CaseState } from '@haven/domain';
import type { SeparationEntity } from '../assessments/assessment.entity';
import type { PlanEntity } from '../plans/plan.entity';
import type { CaseEntity } from '../cases/case.entity';

/** The lifecycle state of a case, from its row, its newest plan version and its active separation. */
export function toCaseState(kase: CaseEntity, plan: PlanEntity | null, separation: SeparationEntity | null): CaseState {
  return {
    stage: kase.stage,
    createdBy: kase.createdBy,
    assigneeId: kase.assigneeId,
    riskLevel: kase.riskLevel,
    immediateDanger: kase.immediateDanger,
    episodeReceivedAt: kase.episodeReceivedAt,
    dangerReceivedAt: kase.dangerReceivedAt,
    hasInitialAssessment: kase.hasInitialAssessment,
    hasNeedsAssessment: kase.hasNeedsAssessment,
    lastReviewStillAtRisk: kase.lastReviewStillAtRisk,
    emergencyMeasuresCount: kase.emergencyMeasuresCount,
    activeSeparation: separation
      ? { separationId: separation.id, startAt: separation.startAt, endAt: separation.endAt, extendedByAuthority: separation.extendedByAuthority }
      : null,
    plan:
      plan && plan.status !== 'superseded' ? { version: plan.versionNo, status: plan.status, authorIds: plan.authorIds, submittedBy: plan.submittedBy } : null,
    approvedPlanVersion: kase.approvedPlanVersion,
    closureRequest: kase.closureRequestReason && kase.closureRequestedBy ? { reason: kase.closureRequestReason, requestedBy: kase.closureRequestedBy } : null,
    closure:
      kase.stage === 'closed' && kase.closureReason && kase.closureApprovedBy && kase.closedAt
        ? {
            reason: kase.closureReason,
            requestedBy: kase.closureRequestedBy ?? kase.closureApprovedBy,
            approvedBy: kase.closureApprovedBy,
            closedAt: kase.closedAt,
          }
        : null,
    reopenCount: kase.reopenCount,
  };
}

/** The case columns that mirror a lifecycle state (plan and separation live in their own tables). */
export function caseColumnsOf(state: CaseState): Partial<CaseEntity> {
  return {
    stage: state.stage,
    assigneeId: state.assigneeId,
    riskLevel: state.riskLevel,
    immediateDanger: state.immediateDanger,
    episodeReceivedAt: state.episodeReceivedAt,
    dangerReceivedAt: state.dangerReceivedAt,
    hasInitialAssessment: state.hasInitialAssessment,
    hasNeedsAssessment: state.hasNeedsAssessment,
    lastReviewStillAtRisk: state.lastReviewStillAtRisk,
    emergencyMeasuresCount: state.emergencyMeasuresCount,
    approvedPlanVersion: state.approvedPlanVersion,
    closureRequestReason: state.closureRequest?.reason ?? null,
    closureRequestedBy: state.closureRequest?.requestedBy ?? state.closure?.requestedBy ?? null,
    closureReason: state.closure?.reason ?? null,
    closureApprovedBy: state.closure?.approvedBy ?? null,
    closedAt: state.closure?.closedAt ?? null,
    reopenCount: state.reopenCount,
  };
}
