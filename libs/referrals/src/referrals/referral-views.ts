import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, userNames } from '@haven/auth';
import { ageOn, CaseEntity, ConsentService, decisionNoteBody, NoteEntity, vietnamDate } from '@haven/cases';
import { Role } from '@haven/domain';
import type { Sex } from '@haven/domain';
import { AppException, Clock } from '@haven/platform';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { PartnerViewLevel, partnerViewLevel } from './partner-view-level';
import { PartnerReferralDto, ReferralOrganisationDto, ReferralUpdateDto, ReferralViewDto, StaffReferralDto } from './referral-response.dto';
import { ReferralEntity, ReferralUpdateEntity } from './referral.entity';
import { referralScopeCondition } from './referral-scope';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** What a partner may know about the case behind a referral, read in one query. */
interface PartnerCaseRow {
  case_number: string;
  given_name: string;
  sex: Sex;
  commune_code: string;
  date_of_birth: string | null;
  date_of_birth_estimated: boolean;
  worker_name: string | null;
  worker_email: string | null;
}

/**
 * Finding a referral within the actor's scope, and the two views of it: the partner's
 * minimum-necessary view, built field by field from a query that selects nothing more, and the
 * case team's full view. Used inside the callers' transactions (pass their manager).
 */
@Injectable()
export class ReferralViews {
  constructor(
    private readonly consents: ConsentService,
    private readonly clock: Clock,
  ) {}

  /** The referral if the actor may see it, else 404; `lock` holds its row until the transaction ends. */
  async findScoped(m: EntityManager, actor: Actor, id: string, lock = false): Promise<ReferralEntity> {
    const qb = m.getRepository(ReferralEntity).createQueryBuilder('r').innerJoin(CaseEntity, 'c', 'c.id = r.case_id').where('r.id = :id', { id });
    const { sql, params } = referralScopeCondition(actor, 'r', 'c');
    qb.andWhere(sql, params);
    // Only the referral row: concurrent steps on it queue here, the case row stays free.
    if (lock) qb.setLock('pessimistic_write', undefined, ['r']);
    const found = await qb.getOne();
    if (!found) throw AppException.notFound('Referral');
    return found;
  }

  /** The view the actor's role gets: partners the minimum-necessary one, staff the full one. */
  view(m: EntityManager, actor: Actor, referral: ReferralEntity): Promise<ReferralViewDto> {
    return actor.role === Role.Partner ? this.partnerView(m, referral) : this.staffView(m, referral);
  }

  /** How much the partner may see of these referrals now (partner-view-level.ts), by referral id; consents read in one query. */
  async partnerLevels(
    m: EntityManager,
    referrals: readonly Pick<ReferralEntity, 'id' | 'caseId' | 'status' | 'consentOverride'>[],
  ): Promise<Map<string, PartnerViewLevel>> {
    const consents = await this.consents.consentStatuses(
      referrals.map((r) => r.caseId),
      'sharing',
      m,
    );
    return new Map(
      referrals.map((r) => [
        r.id,
        partnerViewLevel({ status: r.status, consentOverride: r.consentOverride, sharingConsent: consents.get(r.caseId)?.granted ?? false }),
      ]),
    );
  }

  async partnerView(m: EntityManager, r: ReferralEntity): Promise<PartnerReferralDto> {
    const level = (await this.partnerLevels(m, [r])).get(r.id)!;
    const statusAndDates = {
      view: 'partner' as const,
      access: level,
      id: r.id,
      organisation: await this.organisation(m, r.organisationId),
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      respondedAt: iso(r.respondedAt),
      completedAt: iso(r.completedAt),
      cancelledAt: iso(r.cancelledAt),
      version: r.version,
    };
    // Nothing of the case is even read when the partner may not see it.
    if (level === 'status') return statusAndDates;
    // Only these columns are read: the reporter, full name, date-of-birth-as-such and address never leave the database.
    const rows: PartnerCaseRow[] = await m.query(
      `SELECT c.case_number, ch.given_name, ch.sex, ch.commune_code,
              to_char(ch.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, ch.date_of_birth_estimated,
              w.full_name AS worker_name, w.email AS worker_email
         FROM "case" c
         JOIN child ch ON ch.id = c.child_id
         LEFT JOIN app_user w ON w.id = coalesce(c.assignee_id, c.created_by)
        WHERE c.id = $1`,
      [r.caseId],
    );
    const row = rows[0];
    // Shared notes only, of this case only, whatever the stored ids say.
    const notes = r.sharedNoteIds.length
      ? await m.getRepository(NoteEntity).find({
          where: { id: In(r.sharedNoteIds), caseId: r.caseId, visibility: 'shared' },
          order: { occurredAt: 'ASC', createdAt: 'ASC', id: 'ASC' },
        })
      : [];
    return {
      ...statusAndDates,
      caseNumber: row.case_number,
      child: {
        givenName: row.given_name,
        age: row.date_of_birth ? ageOn(row.date_of_birth, vietnamDate(this.clock.now())) : null,
        ageEstimated: row.date_of_birth_estimated,
        sex: row.sex,
        communeCode: row.commune_code,
      },
      serviceType: r.serviceType,
      urgency: r.urgency,
      reason: r.reason,
      sharedNotes: notes.map((n) => ({ kind: n.kind, occurredAt: n.occurredAt.toISOString(), body: n.body })),
      caseworker: { fullName: row.worker_name ?? '', email: row.worker_email },
      declineReason: r.declineReason,
      outcome: r.outcome,
      updates: await this.updates(m, r.id),
    };
  }

  async staffView(m: EntityManager, r: ReferralEntity): Promise<StaffReferralDto> {
    const [kase] = await m.getRepository(CaseEntity).find({ where: { id: r.caseId }, select: { id: true, caseNumber: true } });
    const justification = r.overrideNoteId ? await decisionNoteBody(m, r.overrideNoteId) : null;
    const names = await userNames(m, [r.createdBy, r.respondedBy, r.completedBy, r.cancelledBy, r.withdrawnBy, r.continuesAfterClosureBy]);
    const person = (id: string | null) => (id ? { id, fullName: names.get(id) ?? '' } : null);
    return {
      view: 'staff',
      id: r.id,
      caseId: r.caseId,
      caseNumber: kase.caseNumber,
      organisation: await this.organisation(m, r.organisationId),
      serviceType: r.serviceType,
      urgency: r.urgency,
      status: r.status,
      reason: r.reason,
      sharedNoteIds: r.sharedNoteIds,
      planActionId: r.planActionId,
      consentOverride: r.consentOverride,
      overrideJustification: justification,
      createdBy: { id: r.createdBy, fullName: names.get(r.createdBy) ?? '' },
      createdAt: r.createdAt.toISOString(),
      respondedBy: person(r.respondedBy),
      respondedAt: iso(r.respondedAt),
      declineReason: r.declineReason,
      completedBy: person(r.completedBy),
      completedAt: iso(r.completedAt),
      outcome: r.outcome,
      cancelledBy: person(r.cancelledBy),
      cancelledAt: iso(r.cancelledAt),
      cancelReason: r.cancelReason,
      withdrawnBy: person(r.withdrawnBy),
      withdrawnAt: iso(r.withdrawnAt),
      withdrawReason: r.withdrawReason,
      continuesAfterClosure: r.continuesAfterClosureReason
        ? { reason: r.continuesAfterClosureReason, by: person(r.continuesAfterClosureBy)!, at: iso(r.continuesAfterClosureAt)! }
        : null,
      updates: await this.updates(m, r.id),
      version: r.version,
    };
  }

  async loadUpdate(m: EntityManager, id: string): Promise<ReferralUpdateDto> {
    const u = await m.getRepository(ReferralUpdateEntity).findOneByOrFail({ id });
    const names = await userNames(m, [u.authorId]);
    return { id: u.id, body: u.body, author: { id: u.authorId, fullName: names.get(u.authorId) ?? '' }, createdAt: u.createdAt.toISOString() };
  }

  private async updates(m: EntityManager, referralId: string): Promise<ReferralUpdateDto[]> {
    const updates = await m.getRepository(ReferralUpdateEntity).find({ where: { referralId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const names = await userNames(
      m,
      updates.map((u) => u.authorId),
    );
    return updates.map((u) => ({
      id: u.id,
      body: u.body,
      author: { id: u.authorId, fullName: names.get(u.authorId) ?? '' },
      createdAt: u.createdAt.toISOString(),
    }));
  }

  private async organisation(m: EntityManager, id: string): Promise<ReferralOrganisationDto> {
    const o = await m.getRepository(OrganisationEntity).findOneOrFail({ where: { id }, select: { id: true, name: true, type: true } });
    return { id: o.id, name: o.name, type: o.type };
  }
}
