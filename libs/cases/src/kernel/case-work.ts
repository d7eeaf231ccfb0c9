import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseReadWhat, CaseRecordService, CaseWriteWhat } from '@haven/audit';
import type { Actor } from '@haven/auth';
import { Clock, runAfterCommit } from '@haven/platform';
import { CaseAccessService } from '../access/case-access.service';
import type { CaseEntity } from '../cases/case.entity';
import { checkOptionalVersion, requireCaseTeam, requireOpenCase, requireWorkerOfRecord } from '../common/case-team';
import { CaseTx } from './case-tx';

/** Who of the people in scope may make the write (403 otherwise); `doing` completes the message. */
export type CaseWho = { rule: 'caseTeam' | 'workerOfRecord'; doing: string };

export interface OnCaseOptions {
  /** Lock the case row until the commit: a command, or a version check that must hold until then. */
  lock: boolean;
  /** The version the client saw; checked when given (409 with the current version). */
  version?: number;
  who?: CaseWho;
  /** A closed case refuses the write (409 naming the stage), as the lifecycle does. */
  open?: { doing: string; command: string };
  /** The access-log entry of the write. */
  what: CaseWriteWhat;
}

/**
 * The one frame of a write on a case (the unit of work). In one transaction: the case, found in
 * the actor's scope (404) and locked if asked; the version (409); who may (403); the open-case
 * guard (409); the write; then its history events and access-log entries. After the commit, its
 * effects. The guards run in that order for every write, so the answers agree across routes.
 * The lifecycle runner is the special case that adds decide(); referrals frame their own row on
 * `run` (ReferralWork in libs/referrals).
 */
@Injectable()
export class CaseWork {
  private readonly logger = new Logger(CaseWork.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly caseRecord: CaseRecordService,
    private readonly clock: Clock,
  ) {}

  async onCase<R>(actor: Actor, caseId: string, opts: OnCaseOptions, fn: (tx: CaseTx, kase: CaseEntity) => Promise<R>): Promise<R> {
    return this.run(actor, async (tx) => {
      const kase = await this.access.requireCase(actor, caseId, { manager: tx.m, lock: opts.lock });
      checkOptionalVersion(kase, opts.version);
      if (opts.who?.rule === 'caseTeam') requireCaseTeam(actor, kase, opts.who.doing);
      if (opts.who?.rule === 'workerOfRecord') requireWorkerOfRecord(actor, kase, opts.who.doing);
      if (opts.open) requireOpenCase(kase, opts.open.doing, opts.open.command);
      tx.forCase(kase.id);
      tx.logWrite(opts.what);
      return fn(tx, kase);
    });
  }

  /**
   * The bare frame: a transaction, the record written at its end, the effects after the commit.
   * `fn` finds its case itself and binds the record to it (tx.forCase): intake, which creates the
   * case, and a referral's steps, which lock the referral row first.
   */
  async run<R>(actor: Actor, fn: (tx: CaseTx) => Promise<R>): Promise<R> {
    const { result, effects } = await this.dataSource.transaction(async (m) => {
      const tx = new CaseTx(m, actor, this.clock.now());
      const result = await fn(tx);
      const { caseId, events, entries, reactions } = tx.collected();
      if (caseId !== null) {
        await this.caseRecord.append(m, caseId, actor.id, events);
        for (const entry of entries) await this.caseRecord.logAccess(m, caseId, actor.id, entry.action, entry.what);
      } else if (events.length || entries.length) {
        throw new Error('CaseWork: a record with no case');
      }
      // Reactions write their own history after the write's, and may add effects.
      for (const react of reactions) await react();
      return { result, effects: tx.collected().effects };
    });
    await runAfterCommit(effects, this.logger);
    return result;
  }

  /**
   * A logged read of a case in the actor's scope (404 otherwise; 403 if `who` is given and the
   * actor is not one of them): `fn` reads, then the read is logged, so that a failed read leaves
   * no entry. Reads whose own entry must be part of what they read (the access log) log first,
   * by hand.
   */
  async read<R>(actor: Actor, caseId: string, opts: { what: CaseReadWhat; who?: CaseWho }, fn: (kase: CaseEntity) => Promise<R>): Promise<R> {
    const kase = await this.access.requireCase(actor, caseId);
    if (opts.who?.rule === 'caseTeam') requireCaseTeam(actor, kase, opts.who.doing);
    if (opts.who?.rule === 'workerOfRecord') requireWorkerOfRecord(actor, kase, opts.who.doing);
    const result = await fn(kase);
    await this.caseRecord.logAccess(undefined, caseId, actor.id, 'read', opts.what);
    return result;
  }
}
