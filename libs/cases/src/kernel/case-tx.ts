import type { EntityManager } from 'typeorm';
import type { CaseAccess, CaseReadWhat, CaseWriteWhat } from '@haven/audit';
import type { Actor } from '@haven/auth';
import type { CaseRecordEvent } from '@haven/domain';
import type { AfterCommit } from '@haven/platform';

/**
 * What one write on a case produces, collected while it runs and written by CaseWork at its end:
 * the case's history events, its access-log entries, and the effects that must wait for the
 * commit (queueing deadline steps, deliveries). The write itself uses `m`, the transaction.
 */
export class CaseTx {
  private caseIdOf: string | null = null;
  private readonly events: CaseRecordEvent[] = [];
  private readonly entries: CaseAccess[] = [];
  private readonly effects: AfterCommit[] = [];
  private readonly reactions: (() => Promise<void>)[] = [];

  constructor(
    readonly m: EntityManager,
    readonly actor: Actor,
    /** The write's one instant (the Clock's, read once when the transaction starts): what its rows and its command record as "now". */
    readonly at: Date,
  ) {}

  /** The case the record is about; set by CaseWork once the case (or the referral) is found, or by intake once the case exists. */
  forCase(caseId: string): void {
    if (this.caseIdOf !== null && this.caseIdOf !== caseId) throw new Error(`CaseTx: already bound to case ${this.caseIdOf}`);
    this.caseIdOf = caseId;
  }

  get caseId(): string {
    if (this.caseIdOf === null) throw new Error('CaseTx: no case yet');
    return this.caseIdOf;
  }

  /** History events, kept in the order they are recorded. */
  record(...events: CaseRecordEvent[]): void {
    this.events.push(...events);
  }

  logWrite(what: CaseWriteWhat): void {
    this.entries.push({ action: 'write', what });
  }

  logRead(what: CaseReadWhat): void {
    this.entries.push({ action: 'read', what });
  }

  /** Runs after the commit, in order; a failure is logged, never thrown (the reconcilers catch up). */
  afterCommit(effect: () => Promise<unknown>): void {
    this.effects.push(async () => {
      await effect();
    });
  }

  /**
   * Runs inside the transaction once the write's own record is written, in order: the reactions of
   * higher libraries (TxEvents) whose history follows the write's (a closure, then what it did to
   * the referrals). A reaction may throw, which rolls the whole write back.
   */
  afterRecord(reaction: () => Promise<void>): void {
    this.reactions.push(reaction);
  }

  /** For CaseWork: what to write before the commit, what reacts to it, and what to run after it. */
  collected(): {
    caseId: string | null;
    events: readonly CaseRecordEvent[];
    entries: readonly CaseAccess[];
    reactions: readonly (() => Promise<void>)[];
    effects: readonly AfterCommit[];
  } {
    return { caseId: this.caseIdOf, events: this.events, entries: this.entries, reactions: this.reactions, effects: this.effects };
  }
}
