import type { ConcernType } from '../codes/concern-type.codes';
import type { ConsentScope } from '../codes/consent.codes';
import type { IntakeChannel } from '../codes/intake-channel.codes';
import type { NoteKind, NoteVisibility } from '../codes/note.codes';
import type { ReferralStatus, ReferralUrgency } from '../codes/referral.codes';
import type { ServiceType } from '../codes/service-type.codes';
import type { DeadlineKind, DeadlineStep } from '../deadlines/deadline-policy';
import { CASE_EVENT_TYPES, type CaseEvent, type CaseEventType } from '../lifecycle/case-event.types';

/**
 * Everything a case's history (case_event) can say, one spelling per event. Like CaseEvent, the
 * payloads carry ids, codes, numbers and times only: the people's words stay on their own rows
 * (notes, decision notes, referral reasons), so the history can feed notices and webhooks safely.
 * The stored row is `{ type, payload }`, the payload being the event without its type.
 */

/**
 * What the services add to a lifecycle event once the rows it wrote exist (the decision cannot
 * know their ids). Keyed by the event type; a type not listed gets nothing.
 */
export interface CaseEventLinks {
  /** At intake: the case number (known only once assigned), and the report's codes and child. */
  'case.opened': { caseNumber: string; channel: IntakeChannel; concernTypes: readonly ConcernType[]; childId: string };
  'assessment.recorded': { assessmentId: string };
  /** `measures`: codes of the emergency measures list (libs/cases assessment.dto.ts); the note, if any, by id. */
  'emergency_measures.recorded': { emergencyMeasureId: string; noteId?: string; measures: readonly string[] };
  'plan.drafted': { planId: string };
  'plan.submitted': { planId: string };
  'plan.approved': { planId: string };
  'plan.rejected': { planId: string };
  /** The decision's note (its reason or comment), when one was given. */
  'closure.requested': { noteId?: string };
  'closure.approved': { noteId?: string };
  'closure.rejected': { noteId?: string };
  'case.reopened': { noteId?: string };
}

type LinksOf<T extends CaseEventType> = T extends keyof CaseEventLinks ? Partial<CaseEventLinks[T]> : unknown;

/** A lifecycle event as recorded: the decision's event with the ids the service linked to it. */
export type LinkedCaseEvent = { [T in CaseEventType]: Extract<CaseEvent, { type: T }> & LinksOf<T> }[CaseEventType];

/** One open referral as a closure request found it. */
export interface OpenReferralEntry {
  referralId: string;
  organisationId: string;
  status: ReferralStatus;
  continuesAfterClosure: boolean;
}

/** A referral's steps; the reason, the notes and the outcome stay on the referral's rows. */
export type ReferralEvent =
  | {
      type: 'referral.sent';
      referralId: string;
      organisationId: string;
      serviceType: ServiceType;
      urgency: ReferralUrgency;
      planActionId: string | null;
      sharedNoteIds: readonly string[];
      consentOverride: boolean;
    }
  /** `byClosure`: cancelled by the case's closure (pending then), not by the case team's step. */
  | { type: 'referral.cancelled'; referralId: string; organisationId: string; byClosure?: true }
  /** An accepted referral ended by the case side: by hand, or by the closure (`byClosure`) when it was not marked to continue. */
  | { type: 'referral.withdrawn'; referralId: string; organisationId: string; byClosure: boolean }
  /** The case team marked an accepted referral to go on after the case closes (the reason stays on the referral). */
  | { type: 'referral.continues_after_closure'; referralId: string; organisationId: string }
  /** At a closure request: the case's open referrals, and which are marked to continue (recorded only when there are some). */
  | { type: 'closure.open_referrals'; referrals: readonly OpenReferralEntry[] }
  | { type: 'referral.accepted'; referralId: string; organisationId: string }
  /** `notifyUserIds`: who was told of the decline (the worker of record and the sender). */
  | { type: 'referral.declined'; referralId: string; organisationId: string; serviceType: ServiceType; notifyUserIds: readonly string[] }
  | { type: 'referral.updated'; referralId: string; organisationId: string; updateId: string }
  | { type: 'referral.completed'; referralId: string; organisationId: string };

/** Consent given, withdrawn, or overridden by a supervisor for an emergency referral (the justification by note id). */
export type ConsentEvent =
  | { type: 'consent.recorded'; consentId: string; scopes: readonly ConsentScope[] }
  | { type: 'consent.withdrawn'; consentId: string; scopes: readonly ConsentScope[] }
  | { type: 'consent.overridden'; referralId: string; scope: ConsentScope; noteId: string };

/** A note exists, and of what kind; never its body. */
export type NoteEvent = { type: 'note.added'; noteId: string; kind: NoteKind; visibility: NoteVisibility };

/** A deadline step that notified someone: level 0 reminds the owner, 1 and 2 escalate. Recorded by the worker, with no actor. */
export type DeadlineEvent = {
  type: 'deadline.reminder' | 'deadline.escalated';
  deadlineId: string;
  kind: DeadlineKind;
  step: DeadlineStep;
  level: number;
  dueAt: Date;
};

export type CaseRecordEvent = LinkedCaseEvent | ReferralEvent | ConsentEvent | NoteEvent | DeadlineEvent;
export type CaseRecordEventType = CaseRecordEvent['type'];

// Keyed by the union so that a new event type cannot be forgotten here; the lifecycle's own
// events come from its exhaustive list (EVENT_TYPE_SET), so they are written once.
const RECORD_EVENT_TYPES: Record<CaseRecordEventType, true> = {
  ...(Object.fromEntries(CASE_EVENT_TYPES.map((type) => [type, true])) as Record<CaseEventType, true>),
  'referral.sent': true,
  'referral.cancelled': true,
  'referral.accepted': true,
  'referral.declined': true,
  'referral.updated': true,
  'referral.completed': true,
  'referral.withdrawn': true,
  'referral.continues_after_closure': true,
  'closure.open_referrals': true,
  'consent.recorded': true,
  'consent.withdrawn': true,
  'consent.overridden': true,
  'note.added': true,
  'deadline.reminder': true,
  'deadline.escalated': true,
};

/** Every type the case history may hold, in one list. */
export const CASE_RECORD_EVENT_TYPES = Object.keys(RECORD_EVENT_TYPES) as readonly CaseRecordEventType[];
