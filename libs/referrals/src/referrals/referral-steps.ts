import type { CaseTx } from '@haven/cases';
import { referralMove, ReferralStatus, ReferralStep } from '@haven/domain';
import { AppException, ErrorCode } from '@haven/platform';
import { ReferralEntity } from './referral.entity';

/** A step that the referral's status does not allow: 409 naming the status and what the step needs. */
export function refusal(referral: ReferralEntity, step: ReferralStep, allowedFrom: readonly ReferralStatus[]): AppException {
  return new AppException(ErrorCode.TransitionNotAllowed, `The referral is ${referral.status}; ${step} needs it ${allowedFrom.join(' or ')}.`, [
    { message: `the referral is ${referral.status}`, status: referral.status, allowedFrom: [...allowedFrom], command: step },
  ]);
}

/** The move a step makes from the referral's status, or the 409 refusing it. */
export function requireMove(referral: ReferralEntity, step: ReferralStep): { changed: boolean; to: ReferralStatus } {
  const move = referralMove(referral.status, step);
  if (!move.ok) throw refusal(referral, step, move.allowedFrom);
  return move;
}

/** A step may name the referral version the client saw: if given, it must be current. */
export function checkReferralVersion(referral: ReferralEntity, version: number | undefined): void {
  if (version !== undefined && version !== referral.version) throw AppException.versionConflict(referral.version);
}

/** Writes a step's changes with the next version, at the step's instant; returns the referral as it now is. */
export async function writeStep(tx: Pick<CaseTx, 'm' | 'at'>, referral: ReferralEntity, changes: Partial<ReferralEntity>): Promise<ReferralEntity> {
  const next = { ...changes, updatedAt: tx.at, version: referral.version + 1 };
  await tx.m.getRepository(ReferralEntity).update({ id: referral.id }, next);
  return { ...referral, ...next };
}
