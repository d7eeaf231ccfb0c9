import type { EntityManager } from 'typeorm';
import type { DeadlineKind, DeadlineStep } from '@haven/domain';

/** What a reminder or an escalation says: ids, codes and instants only (the notice's template writes the text). */
export interface StepNoticeParams {
  deadlineId: string;
  step: DeadlineStep;
  deadlineKind: DeadlineKind;
  dueAt: Date;
}

/**
 * One step's notice, to its recipients: the notification kinds `deadline.reminder` (level 0) and
 * `deadline.escalation` (levels 1 and 2) with their params, one per recipient and dedupe key
 * (`<deadline id>:<step>`).
 */
export type StepNotice = {
  recipientIds: readonly string[];
  caseId: string;
  caseNumber: string;
  dedupeKey: string;
} & ({ kind: 'deadline.reminder'; params: StepNoticeParams } | { kind: 'deadline.escalation'; params: StepNoticeParams & { level: 1 | 2 } });

/**
 * The port through which a deadline step notifies (notifications is a sibling of deadlines, so
 * the step cannot import it; the app binds an adapter to STEP_NOTIFIER).
 */
export interface StepNotifier {
  /**
   * Inside the step's transaction: writes the notices (guarded, one per recipient and dedupe
   * key) and resolves to the ids of those newly created, per notice, in order.
   */
  notifyMany(m: EntityManager, notices: readonly StepNotice[]): Promise<string[][]>;
  /** After the commit: hands the created notices to delivery. Never throws. */
  deliverAfterCommit(notificationIds: readonly string[]): Promise<void>;
}

export const STEP_NOTIFIER = Symbol('StepNotifier');
