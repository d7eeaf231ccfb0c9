import type { Refusal } from '@haven/domain';
import { AppException, ErrorCode } from '@haven/platform';

const CODE: Record<Refusal['code'], ErrorCode> = {
  TRANSITION_NOT_ALLOWED: ErrorCode.TransitionNotAllowed,
  ACTOR_NOT_ALLOWED: ErrorCode.Forbidden,
  INVALID_COMMAND: ErrorCode.ValidationFailed,
};

/** A domain refusal as an API error: 409 for the case's state, 403 for the actor, 400 for the command's data. */
export function refusalToException(refusal: Refusal): AppException {
  return new AppException(CODE[refusal.code], refusal.message, [
    { message: `the case is in stage ${refusal.stage}`, stage: refusal.stage, missing: refusal.missing, command: refusal.command },
  ]);
}
