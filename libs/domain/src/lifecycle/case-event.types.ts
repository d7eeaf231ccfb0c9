import { AssessmentType } from '../codes/assessment-type.codes';
import { ClosureReason } from '../codes/closure-reason.codes';
import { ConcernType } from '../codes/concern-type.codes';
import { IntakeChannel } from '../codes/intake-channel.codes';
import { RiskLevel } from '../codes/risk-level.codes';
import { SeparationOutcome } from '../codes/separation-outcome.codes';
import { Stage } from '../codes/stage.codes';

/**
 * What a decision records on the case's timeline. Payloads carry codes, ids, numbers and times
 * only: no names, no free text (notes, comments and reasons typed by people stay in their own
 * records), so that events can feed notifications and webhooks safely. The actor and the time
 * are the command's; the service stores them with each event.
 */
export type CaseEvent =
  | { type: 'case.opened'; immediateDanger: boolean }
  | { type: 'case.assigned'; assigneeId: string; previousAssigneeId: string | null }
  | { type: 'case.stage_changed'; from: Stage; to: Stage }
  | {
      type: 'assessment.recorded';
      assessmentType: AssessmentType;
      riskLevel: RiskLevel;
      immediateDanger: boolean;
      stillAtRisk: boolean | null;
      /** Set when this assessment newly found the danger: when that information came in (the emergency clock's start). */
      dangerReceivedAt?: Date;
      /** Review only: the two conditions of art. 30(1)(b); null where an old-style finding does not say which failed. */
      noLongerAtRiskOfAbuse?: boolean | null;
      stable?: boolean | null;
    }
  | { type: 'emergency_measures.recorded'; takenAt: Date }
  | { type: 'separation.started'; separationId: string; startAt: Date; endAt: Date; extendedByAuthority: boolean }
  | { type: 'separation.ended'; separationId: string; endedAt: Date; outcome?: SeparationOutcome }
  /** `newVersion`: true when this draft opened a version (insert), false when it edits the open draft. */
  | { type: 'plan.drafted'; planVersion: number; newVersion: boolean }
  | { type: 'plan.submitted'; planVersion: number }
  | { type: 'plan.approved'; planVersion: number; supersededVersion: number | null }
  | { type: 'plan.rejected'; planVersion: number }
  | { type: 'closure.requested'; reason: ClosureReason }
  | { type: 'closure.approved'; reason: ClosureReason; requestedBy: string; closedAt: Date }
  | { type: 'closure.rejected'; reason: ClosureReason; requestedBy: string }
  /** A new episode: its report's receipt and channel, the concern types it added, whether it reports immediate danger. */
  | {
      type: 'case.reopened';
      reopenCount: number;
      receivedAt: Date;
      channel: IntakeChannel;
      addedConcernTypes: ConcernType[];
      immediateDanger: boolean;
    };

export type CaseEventType = CaseEvent['type'];

// Keyed by the union so that a new event type cannot be forgotten here.
const EVENT_TYPE_SET: Record<CaseEventType, true> = {
  'case.opened': true,
  'case.assigned': true,
  'case.stage_changed': true,
  'assessment.recorded': true,
  'emergency_measures.recorded': true,
  'separation.started': true,
  'separation.ended': true,
  'plan.drafted': true,
  'plan.submitted': true,
  'plan.approved': true,
  'plan.rejected': true,
  'closure.requested': true,
  'closure.approved': true,
  'closure.rejected': true,
  'case.reopened': true,
};

export const CASE_EVENT_TYPES = Object.keys(EVENT_TYPE_SET) as readonly CaseEventType[];
