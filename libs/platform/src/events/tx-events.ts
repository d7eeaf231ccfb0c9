import { Global, Injectable, Logger, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClosureReason, Stage } from '@haven/domain';

/**
 * Facts a lower library announces inside its transaction for higher ones to act on, so that the
 * dependency direction stays downward: auth does not import notifications or cases, yet a role
 * change still notifies the managers in the same commit. Ids and codes only, never personal data.
 */
export interface TxEventPayloads {
  /** Someone gained (or regained) the power to read cases: a new or re-roled case-reading user, or a password reset of one. */
  'user.case_access_granted': { auditId: string; provinceCode: string; targetUserId: string; actorId: string | null };
  /** A commune staff member no longer works in these communes; their open cases there need a new owner. */
  'user.communes_removed': { userId: string; provinceCode: string; communeCodes: string[] };
  /**
   * Cases accepted a closure request (its record written): the case's open referrals are listed on
   * the record, and for `resolved` a handler refuses (409 `referrals_settled`) while an accepted
   * referral is unsettled (libs/referrals, closure-referrals.ts in the domain).
   */
  'case.closure_requested': { caseId: string; stage: Stage; reason: ClosureReason; actorId: string };
  /** Cases closed the case (its record written): its referrals are cancelled or withdrawn, their partners told. */
  'case.closure_approved': { caseId: string; caseNumber: string; reason: ClosureReason; actorId: string; closedAt: Date };
}

export type TxEventType = keyof TxEventPayloads;
export type TxEvent = { [T in TxEventType]: { type: T } & TxEventPayloads[T] }[TxEventType];

/** What a handler may leave for after the commit (queueing deliveries, say); it must not throw. */
export type AfterCommit = () => Promise<void>;
export type TxEventHandler<T extends TxEventType> = (m: EntityManager, event: { type: T } & TxEventPayloads[T]) => Promise<AfterCommit | void>;

/**
 * A synchronous, in-process event bus bound to the caller's transaction: `emit` runs every
 * handler with the caller's EntityManager (a handler's failure rolls the whole change back) and
 * returns the after-commit work for the caller to run once the transaction has committed.
 * Handlers register at module init (OnModuleInit) of the library that owns the reaction.
 */
@Injectable()
export class TxEvents {
  private readonly handlers = new Map<TxEventType, TxEventHandler<TxEventType>[]>();

  on<T extends TxEventType>(type: T, handler: TxEventHandler<T>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as unknown as TxEventHandler<TxEventType>);
    this.handlers.set(type, list);
  }

  async emit(m: EntityManager, event: TxEvent): Promise<AfterCommit> {
    const later: AfterCommit[] = [];
    for (const handler of this.handlers.get(event.type) ?? []) {
      const after = await handler(m, event as never);
      if (after) later.push(after);
    }
    return async () => {
      for (const run of later) await run();
    };
  }
}

/** Runs after-commit effects in order; they never undo a committed change, so a failure is logged and the reconcilers catch up. */
export async function runAfterCommit(effects: readonly AfterCommit[], logger: Logger): Promise<void> {
  for (const run of effects) {
    try {
      await run();
    } catch (err) {
      logger.warn({ err }, 'an after-commit effect failed; the reconciler will catch up');
    }
  }
}

@Global()
@Module({ providers: [TxEvents], exports: [TxEvents] })
export class TxEventsModule {}
