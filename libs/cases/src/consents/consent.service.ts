import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, userNames } from '@haven/auth';
import type { ConsentScope } from '@haven/domain';
import { AppException, Clock, ErrorCode, Page, PageQueryDto, pageOf } from '@haven/platform';
import { ageOn, vietnamDate } from '../children/child-dates';
import { CaseWork, OnCaseOptions } from '../kernel/case-work';
import { CHILD_CONSENT_AGE, ConsentDto, RecordConsentDto, toConsent, WithdrawConsentDto } from './consent.dto';
import { ConsentEntity } from './consent.entity';

/** Whose consent to one scope is in force, and whether that is enough. */
export interface ConsentStatus {
  guardian: boolean;
  child: boolean;
  /** The child is 7 or older (or their age is unknown): their own consent is needed too. */
  childConsentNeeded: boolean;
  /** Disclosure for this scope is allowed without an emergency override. */
  granted: boolean;
}

/**
 * Consents to services and to sharing with partners (PDPL 91/2025; Law on Children): who gave
 * them, to what, when, and their withdrawal. Like notes they add to the record without moving the
 * lifecycle, so they bypass decide() and leave the case version alone.
 */
@Injectable()
export class ConsentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly work: CaseWork,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, caseId: string, dto: RecordConsentDto): Promise<ConsentDto> {
    const frame: OnCaseOptions = {
      lock: dto.version !== undefined,
      version: dto.version,
      who: { rule: 'workerOfRecord', doing: 'record consent' },
      open: { doing: 'recording consent', command: 'recordConsent' },
      what: 'consent',
    };
    return this.work.onCase(actor, caseId, frame, async (tx) => {
      const inserted = await tx.m.getRepository(ConsentEntity).insert({
        caseId,
        giver: dto.giver,
        giverName: dto.giverName ?? null,
        scopes: dto.scopes,
        givenAt: new Date(dto.givenAt),
        withdrawnAt: null,
        recordedBy: actor.id,
        withdrawnBy: null,
        createdAt: tx.at,
      });
      const consentId = (inserted.identifiers[0] as { id: string }).id;
      tx.record({ type: 'consent.recorded', consentId, scopes: dto.scopes });
      return this.load(tx.m, consentId);
    });
  }

  /** Withdrawal is a right at any time, so it is accepted on a closed case too (no open-case guard). */
  async withdraw(actor: Actor, caseId: string, consentId: string, dto: WithdrawConsentDto): Promise<ConsentDto> {
    const frame: OnCaseOptions = {
      lock: dto.version !== undefined,
      version: dto.version,
      who: { rule: 'workerOfRecord', doing: 'withdraw consent' },
      what: 'consent-withdrawal',
    };
    return this.work.onCase(actor, caseId, frame, async (tx) => {
      // Locked, so that two withdrawals of the same consent cannot both succeed.
      const consent = await tx.m
        .getRepository(ConsentEntity)
        .createQueryBuilder('c')
        .where('c.id = :consentId AND c.case_id = :caseId', { consentId, caseId })
        .setLock('pessimistic_write')
        .getOne();
      if (!consent) throw AppException.notFound('Consent');
      if (consent.withdrawnAt) {
        throw new AppException(ErrorCode.TransitionNotAllowed, 'The consent was already withdrawn', [
          { field: 'withdrawnAt', message: `already withdrawn at ${consent.withdrawnAt.toISOString()}` },
        ]);
      }
      const withdrawnAt = dto.withdrawnAt ? new Date(dto.withdrawnAt) : tx.at;
      if (withdrawnAt < consent.givenAt) throw AppException.validation([{ field: 'withdrawnAt', message: 'withdrawnAt must not be before givenAt' }]);
      await tx.m.getRepository(ConsentEntity).update({ id: consent.id }, { withdrawnAt, withdrawnBy: actor.id });
      tx.record({ type: 'consent.withdrawn', consentId, scopes: consent.scopes });
      return this.load(tx.m, consent.id);
    });
  }

  /** Every consent of the case, in force or withdrawn, newest first; the read is logged. */
  async list(actor: Actor, caseId: string, q: PageQueryDto): Promise<Page<ConsentDto>> {
    return this.work.read(actor, caseId, { what: 'consents' }, async () => {
      const m = this.dataSource.manager;
      const [consents, total] = await m.getRepository(ConsentEntity).findAndCount({
        where: { caseId },
        order: { givenAt: 'DESC', createdAt: 'DESC', id: 'DESC' },
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
      });
      const names = await userNames(
        m,
        consents.flatMap((c) => [c.recordedBy, c.withdrawnBy]),
      );
      return pageOf(
        consents.map((c) => toConsent(c, names)),
        total,
        q,
      );
    });
  }

  /**
   * May the case's data be used for `scope` on consent alone? The legal representative's consent
   * is always needed, and the child's own from age 7 (PDPL 91/2025; Law on Children); a child
   * whose age is not recorded is treated as old enough to be asked. Callers check access to the
   * case first; pass the transaction's manager to read inside it.
   */
  async hasActiveConsent(caseId: string, scope: ConsentScope, m?: EntityManager): Promise<boolean> {
    return (await this.consentStatus(caseId, scope, m)).granted;
  }

  async consentStatus(caseId: string, scope: ConsentScope, m: EntityManager = this.dataSource.manager): Promise<ConsentStatus> {
    return (await this.consentStatuses([caseId], scope, m)).get(caseId) ?? { guardian: false, child: false, childConsentNeeded: true, granted: false };
  }

  /** consentStatus of several cases in one query (a partner's inbox page); a case that does not exist is left out. */
  async consentStatuses(caseIds: readonly string[], scope: ConsentScope, m: EntityManager = this.dataSource.manager): Promise<Map<string, ConsentStatus>> {
    const statuses = new Map<string, ConsentStatus>();
    if (caseIds.length === 0) return statuses;
    const rows: { id: string; guardian: boolean; child: boolean; date_of_birth: string | null }[] = await m.query(
      `SELECT c.id,
         EXISTS (SELECT 1 FROM consent WHERE case_id = c.id AND giver = 'guardian' AND withdrawn_at IS NULL AND $2 = ANY(scopes)) AS guardian,
         EXISTS (SELECT 1 FROM consent WHERE case_id = c.id AND giver = 'child' AND withdrawn_at IS NULL AND $2 = ANY(scopes)) AS child,
         to_char(ch.date_of_birth, 'YYYY-MM-DD') AS date_of_birth
       FROM "case" c JOIN child ch ON ch.id = c.child_id
       WHERE c.id = ANY($1::uuid[])`,
      [[...new Set(caseIds)], scope],
    );
    const today = vietnamDate(this.clock.now());
    for (const { id, guardian, child, date_of_birth: dateOfBirth } of rows) {
      const childConsentNeeded = dateOfBirth === null || ageOn(dateOfBirth, today) >= CHILD_CONSENT_AGE;
      statuses.set(id, { guardian, child, childConsentNeeded, granted: guardian && (child || !childConsentNeeded) });
    }
    return statuses;
  }

  private async load(m: EntityManager, consentId: string): Promise<ConsentDto> {
    const consent = await m.getRepository(ConsentEntity).findOneByOrFail({ id: consentId });
    return toConsent(consent, await userNames(m, [consent.recordedBy, consent.withdrawnBy]));
  }
}
