import { Role } from '@haven/domain';
import type { Actor } from '@haven/auth';
import { AppException, ErrorCode } from '@haven/platform';
import type { CaseEntity } from '../cases/case.entity';

/**
 * The case's owner: the assignee, or before any assignment whoever opened the case (the same
 * rule as the domain's workerOfRecord, read from the row for records that bypass decide()).
 */
export const isWorkerOfRecord = (actor: Actor, kase: CaseEntity): boolean => actor.id === (kase.assigneeId ?? kase.createdBy);

/** The people who work the case day to day: its owner and the supervisors of its commune (scope already checked). */
export function requireCaseTeam(actor: Actor, kase: CaseEntity, doing: string): void {
  if (actor.role === Role.Supervisor || isWorkerOfRecord(actor, kase)) return;
  throw AppException.forbidden(`Only the case’s assignee or a supervisor may ${doing}`);
}

export function requireWorkerOfRecord(actor: Actor, kase: CaseEntity, doing: string): void {
  if (isWorkerOfRecord(actor, kase)) return;
  throw AppException.forbidden(`Only the case’s assignee may ${doing}`);
}

/** A closed case is frozen until reopened: the same answer the lifecycle gives (409 naming the stage). */
export function requireOpenCase(kase: CaseEntity, doing: string, command: string): void {
  if (kase.stage !== 'closed') return;
  throw new AppException(ErrorCode.TransitionNotAllowed, `The case is in stage closed; ${doing} needs an open case (reopen it first).`, [
    { message: 'the case is in stage closed', stage: kase.stage, missing: ['open_case'], command },
  ]);
}

/** Records that do not move the lifecycle may still name the version the client saw: if given, it must be current. */
export function checkOptionalVersion(kase: CaseEntity, version: number | undefined): void {
  if (version !== undefined && version !== kase.version) throw AppException.versionConflict(kase.version);
}
