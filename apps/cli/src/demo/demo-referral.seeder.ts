import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, ActorsService } from '@haven/auth';
import { ConsentService, RecordConsentDto } from '@haven/cases';
import { REFERRAL_STATUSES } from '@haven/domain';
import type { ReferralStatus } from '@haven/domain';
import { AppException } from '@haven/platform';
import {
  AddReferralUpdateDto,
  CancelReferralDto,
  WithdrawReferralDto,
  CompleteReferralDto,
  DeclineReferralDto,
  PartnerReferralService,
  ReferralService,
  ReferralStepDto,
  SendReferralDto,
} from '@haven/referrals';
import { body } from './demo-case.seeder';
import { DEMO_CASES, demoChildOf } from './demo-cases';
import { DEMO_ORGANISATIONS, DEMO_USERS } from './demo-data';
import { DEMO_REFERRALS, DemoReferral, DemoReferralStep } from './demo-referrals';
import type { DemoOrganisationRow } from './demo-organisation.seeder';

const HOUR_MS = 3_600_000;

export interface DemoReferralsReport {
  /** Demo referrals this run sent. */
  created: number;
  /** Demo referrals an earlier run had sent, left as they are. */
  existing: number;
  /** Demo referrals not sent because their case no longer allows it (someone changed the demo data): named in a warning. */
  skipped: number;
  /** Every demo referral (sent now or before) by its status now. */
  byStatus: Record<ReferralStatus, number>;
}

interface DemoCaseRow {
  assignee_id: string | null;
}

/**
 * Sends the demo referrals (demo-referrals.ts) from the demo cases and walks each through the real
 * referral services, as the demo user whose job each step is: the case's caseworker (its assignee)
 * records the consent to sharing a case still lacks, sends and cancels; demo-supervisor sends the
 * emergency referral without consent, with its justification; the receiving organisation's partner
 * user accepts, declines, reports progress and completes. Nothing is written to the referral tables
 * directly, so every referral has the timeline events, versions and access-log entries the API
 * would have given it.
 *
 * Idempotency: a demo referral is recognised by its case and its reason, which is unique among the
 * demo referrals and which nothing edits after sending. A referral found that way is left as it is
 * (whatever people using the demo did to it since); a missing one is sent and walked. That check
 * is durable and holds per referral, as for the demo cases: an interrupted run sends the missing
 * ones the next time, and referrals people send as demo users never stop the seed. A referral whose
 * case no longer allows it (closed, consent withdrawn, already referred to the same organisation by
 * someone) is skipped with a warning rather than failing the seed. The caller holds the demo seed's
 * advisory lock, so two seeds never race.
 */
@Injectable()
export class DemoReferralSeeder {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: ActorsService,
    private readonly consents: ConsentService,
    private readonly referrals: ReferralService,
    private readonly partnerReferrals: PartnerReferralService,
  ) {}

  async seed(caseIds: ReadonlyMap<string, string>, organisations: readonly DemoOrganisationRow[], now: Date): Promise<DemoReferralsReport> {
    const ids: string[] = [];
    const missing: { spec: DemoReferral; caseId: string }[] = [];
    for (const spec of DEMO_REFERRALS) {
      const caseId = caseIds.get(spec.caseKey);
      if (!caseId) throw new Error(`demo referral ${spec.key}: no demo case ${spec.caseKey}`);
      const found = (await this.dataSource.query(`SELECT id FROM referral WHERE case_id = $1 AND reason = $2 ORDER BY created_at LIMIT 1`, [
        caseId,
        spec.reason,
      ])) as { id: string }[];
      if (found[0]) ids.push(found[0].id);
      else missing.push({ spec, caseId });
    }

    let skipped = 0;
    if (missing.length) {
      this.logger.log(`sending ${missing.length} demo referrals through the referral services`);
      const organisationIds = new Map(organisations.map((o) => [o.key, o.id]));
      const supervisor = await this.actorNamed('demo-supervisor');
      for (const { spec, caseId } of missing) {
        const id = await this.make(spec, caseId, organisationIds, supervisor, now);
        if (id) ids.push(id);
        else skipped += 1;
      }
    }
    return { created: missing.length - skipped, existing: DEMO_REFERRALS.length - missing.length, skipped, byStatus: await this.byStatus(ids) };
  }

  /** Sends one referral and runs its steps; null if its case no longer allows it. Errors name the referral's key, never the child. */
  private async make(spec: DemoReferral, caseId: string, organisationIds: Map<string, string>, supervisor: Actor, now: Date): Promise<string | null> {
    const organisationId = organisationIds.get(spec.organisation);
    if (!organisationId) throw new Error(`demo referral ${spec.key}: unknown demo organisation ${spec.organisation}`);
    const [kase] = (await this.dataSource.query(`SELECT assignee_id FROM "case" WHERE id = $1`, [caseId])) as DemoCaseRow[];
    const caseworker = kase.assignee_id ? await this.actors.findActor(kase.assignee_id) : null;
    if (!caseworker) throw new Error(`demo referral ${spec.key}: case ${spec.caseKey} has no active assignee`);

    let referralId: string;
    try {
      if (spec.consents && !spec.override) await this.ensureSharingConsent(spec, caseId, caseworker, now);
      const dto = await body(SendReferralDto, {
        organisationId,
        serviceType: spec.serviceType,
        urgency: spec.urgency,
        reason: spec.reason,
        ...(spec.forPlanAction && { planActionId: await this.planAction(caseId, spec) }),
        ...(spec.withSharedNotes && { sharedNoteIds: await this.sharedNotes(caseId) }),
        ...(spec.override !== undefined && { overrideConsent: true, justification: spec.override }),
      });
      referralId = (await this.referrals.send(spec.override !== undefined ? supervisor : caseworker, caseId, dto)).id;
    } catch (err) {
      // The demo data was changed since the case was walked (by people using the demo): leave that case alone.
      if (!(err instanceof AppException)) throw err;
      this.logger.warn(`demo referral ${spec.key} not sent: its case ${spec.caseKey} does not allow it now (${err.code})`);
      return null;
    }

    const partner = await this.actorNamed(this.partnerOf(spec.organisation));
    for (const [i, step] of spec.steps.entries()) {
      try {
        await this.step(referralId, step, partner, caseworker);
      } catch (err) {
        this.logger.error(`demo referral ${spec.key}: step ${i + 1} (${step.kind}) failed`);
        throw err;
      }
    }
    const [{ status }] = (await this.dataSource.query(`SELECT status FROM referral WHERE id = $1`, [referralId])) as { status: ReferralStatus }[];
    if (status !== spec.status) throw new Error(`demo referral ${spec.key} ended ${status}, not ${spec.status}: its steps need fixing`);
    return referralId;
  }

  private async step(referralId: string, step: DemoReferralStep, partner: Actor, caseworker: Actor): Promise<void> {
    switch (step.kind) {
      case 'accept':
        await this.partnerReferrals.accept(partner, referralId, await body(ReferralStepDto, {}));
        return;
      case 'decline':
        await this.partnerReferrals.decline(partner, referralId, await body(DeclineReferralDto, { reason: step.reason }));
        return;
      case 'update':
        await this.partnerReferrals.addUpdate(partner, referralId, await body(AddReferralUpdateDto, { body: step.body }));
        return;
      case 'complete':
        await this.partnerReferrals.complete(partner, referralId, await body(CompleteReferralDto, { outcome: step.outcome }));
        return;
      case 'cancel':
        await this.referrals.cancel(caseworker, referralId, await body(CancelReferralDto, { reason: step.reason }));
        return;
      case 'withdraw':
        await this.referrals.withdraw(caseworker, referralId, await body(WithdrawReferralDto, { reason: step.reason }));
        return;
    }
  }

  /**
   * The consent to sharing a case whose walk recorded none, given an hour before the referral: the
   * givers the spec names who have not consented to sharing yet (the guardian is the child's first
   * caregiver). Nothing is recorded if the case already has consent to sharing.
   */
  private async ensureSharingConsent(spec: DemoReferral, caseId: string, caseworker: Actor, now: Date): Promise<void> {
    const status = await this.consents.consentStatus(caseId, 'sharing');
    if (status.granted) return;
    const demoCase = DEMO_CASES.find((c) => c.key === spec.caseKey)!;
    const guardianName = demoChildOf(demoCase).caregivers[0]?.name;
    const givenAt = new Date(now.getTime() - HOUR_MS).toISOString();
    for (const giver of spec.consents ?? []) {
      if (status[giver]) continue;
      const dto = await body(RecordConsentDto, {
        giver,
        scopes: ['services', 'sharing'],
        givenAt,
        ...(giver === 'guardian' && guardianName && { giverName: guardianName }),
      });
      await this.consents.record(caseworker, caseId, dto);
    }
  }

  /**
   * The action of the case's approved plan asking for the referral's service, and the case's shared
   * notes (reads). A case walked by an older demo that lacks them gets a referral without them
   * rather than a failed seed (demo-referrals.spec.ts checks that today's demo cases have them).
   */
  private async planAction(caseId: string, spec: DemoReferral): Promise<string | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT pa.id FROM plan_action pa JOIN plan p ON p.id = pa.plan_id
        WHERE p.case_id = $1 AND p.status = 'approved' AND pa.service_type = $2 ORDER BY pa.position LIMIT 1`,
      [caseId, spec.serviceType],
    )) as { id: string }[];
    return rows[0]?.id;
  }

  private async sharedNotes(caseId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM case_note WHERE case_id = $1 AND visibility = 'shared' ORDER BY occurred_at, id`, [caseId])) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  private partnerOf(organisationKey: string): string {
    const organisation = DEMO_ORGANISATIONS.find((o) => o.key === organisationKey);
    if (!organisation) throw new Error(`unknown demo organisation ${organisationKey}`);
    return organisation.partner.username;
  }

  private async actorNamed(username: string): Promise<Actor> {
    if (!DEMO_USERS.some((u) => u.username === username)) throw new Error(`${username} is not a demo user`);
    const rows = (await this.dataSource.query(`SELECT id FROM app_user WHERE lower(username) = lower($1)`, [username])) as { id: string }[];
    const actor = rows[0] ? await this.actors.findActor(rows[0].id) : null;
    if (!actor) throw new Error(`the demo user ${username} is missing or disabled`);
    return actor;
  }

  private async byStatus(ids: string[]): Promise<Record<ReferralStatus, number>> {
    const counts = Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, 0])) as Record<ReferralStatus, number>;
    const rows = (await this.dataSource.query(`SELECT status, count(*)::int AS n FROM referral WHERE id = ANY($1::uuid[]) GROUP BY status`, [ids])) as {
      status: ReferralStatus;
      n: number;
    }[];
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }
}

/** The demo referrals by status, as plain text: counts only, never anything about a child. */
export function formatDemoReferrals(report: DemoReferralsReport): string {
  const total = REFERRAL_STATUSES.reduce((n, s) => n + report.byStatus[s], 0);
  const width = Math.max(...REFERRAL_STATUSES.map((s) => s.length), 'total'.length);
  const digits = String(total).length;
  const line = (label: string, n: number) => `  ${label.padEnd(width)}  ${String(n).padStart(digits)}`;
  return [...REFERRAL_STATUSES.map((s) => line(s, report.byStatus[s])), line('total', total)].join('\n') + '\n';
}
