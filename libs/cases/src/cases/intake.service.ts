import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@haven/auth';
import { CaseActor, openCase, Role } from '@haven/domain';
import { AppException, ErrorCode, validateObject } from '@haven/platform';
import { beforeBirthProblems } from '../children/child-dates';
import { ChildEntity } from '../children/child.entity';
import { ChildrenService } from '../children/children.service';
import { NewChildDto } from '../children/children.dto';
import { CaseWork } from '../kernel/case-work';
import { assignCaseNumber, provisionalCaseNumber } from './case-number';
import { communeStaffRole } from './commune-staff';
import { CaseDetailDto } from './case.dto';
import { CaseEntity, Reporter } from './case.entity';
import { CaseDeadlineSync } from '../kernel/case-deadline-sync';
import { CaseQueryService } from './case-query.service';
import { ExistingChildRefDto, IntakeDto } from './intake.dto';
import { refusalToException } from '../kernel/refusal.mapper';

const IDEMPOTENCY_WINDOW_HOURS = 24;

export interface IntakeResult {
  detail: CaseDetailDto;
  /** True when an Idempotency-Key replay returned the case created the first time. */
  replayed: boolean;
}

/** Canonical JSON (sorted keys), so that the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Intake (Mẫu 01): records a report as a new case, with its child (registered
 * or new), in one transaction, under a gap-free case number.
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly children: ChildrenService,
    private readonly work: CaseWork,
    private readonly query: CaseQueryService,
    private readonly deadlines: CaseDeadlineSync,
  ) {}

  async open(actor: Actor, dto: IntakeDto, idempotencyKey?: string): Promise<IntakeResult> {
    const existingChild = 'id' in dto.child ? await validateObject(ExistingChildRefDto, dto.child, 'child') : null;
    const newChild = existingChild ? null : await validateObject(NewChildDto, dto.child, 'child');
    const requestHash = createHash('sha256').update(canonical(dto)).digest('hex');
    // Reference data, read before the transaction to keep it short; refused at the same point as before (the FK still guards the insert).
    const communeKnown = await this.communeExists(dto.incident.communeCode);

    // CaseWork's bare frame: the case does not exist yet, so the record is bound once it does.
    return this.work.run(actor, async (tx) => {
      const m = tx.m;
      if (idempotencyKey) {
        const replay = await this.findReplay(m, actor, idempotencyKey, requestHash);
        if (replay) return { detail: await this.query.load(replay, m), replayed: true };
      }
      const child = existingChild ? await this.children.requireInScope(actor, existingChild.id, m) : await this.children.createForIntake(m, actor, newChild!);
      this.assertJurisdiction(actor, child);
      // Known only now (a registered child's, or the new child's as resolved): refused inside the transaction, so that a new child is not kept either.
      const beforeBirth = beforeBirthProblems(child, { receivedAt: dto.receivedAt, 'incident.occurredAt': dto.incident.occurredAt });
      if (beforeBirth.length) throw AppException.validation(beforeBirth);
      if (!communeKnown) throw this.unknownCommune(dto.incident.communeCode);
      const assignee = dto.assigneeId ? await this.eligibleAssignee(m, actor, dto.assigneeId, child.communeCode) : null;

      const decision = openCase({
        createdBy: { id: actor.id, role: actor.role },
        immediateDanger: dto.incident.immediateDanger,
        receivedAt: new Date(dto.receivedAt),
        assignee,
      });
      if (!decision.ok) throw refusalToException(decision.reason);
      const now = tx.at;
      // The real number comes last (assignCaseNumber): its counter row serialises the province's intakes until COMMIT.
      const kase = await m.getRepository(CaseEntity).save(
        m.getRepository(CaseEntity).create({
          caseNumber: provisionalCaseNumber(),
          provinceCode: child.provinceCode,
          communeCode: child.communeCode,
          childId: child.id,
          stage: decision.state.stage,
          riskLevel: null,
          immediateDanger: decision.state.immediateDanger,
          concernTypes: dto.incident.concernTypes,
          channel: dto.channel,
          receivedAt: decision.state.episodeReceivedAt,
          episodeReceivedAt: decision.state.episodeReceivedAt,
          dangerReceivedAt: decision.state.dangerReceivedAt,
          reporter: dto.reporter ? this.reporter(dto.reporter) : null,
          incidentOccurredAt: dto.incident.occurredAt ? new Date(dto.incident.occurredAt) : null,
          incidentCommuneCode: dto.incident.communeCode,
          incidentDescription: dto.incident.description,
          createdBy: actor.id,
          assigneeId: decision.state.assigneeId,
          openedAt: now,
          hasInitialAssessment: false,
          hasNeedsAssessment: false,
          emergencyMeasuresCount: 0,
          reopenCount: 0,
          updatedAt: now,
          version: 1,
        }),
      );
      tx.forCase(kase.id);
      tx.logWrite('intake');
      const deadlines = await this.deadlines.onDecision(m, kase, null, decision, now);
      if (deadlines) await m.getRepository(CaseEntity).update({ id: kase.id }, { nextDueAt: deadlines.nextDueAt });
      if (idempotencyKey) {
        await m.query(`INSERT INTO case_idempotency_key (actor_id, key, request_hash, case_id) VALUES ($1, $2, $3, $4)`, [
          actor.id,
          idempotencyKey,
          requestHash,
          kase.id,
        ]);
      }
      // After the commit; with Redis away the case is recorded all the same and the reconciler schedules its steps.
      tx.afterCommit(() => this.deadlines.schedule(deadlines));
      // From here to COMMIT the province's counter row is locked: only what needs the number follows
      // (the history, which names it, and the access-log entry, both written by CaseWork at the end).
      kase.caseNumber = await assignCaseNumber(m, kase.id, kase.provinceCode, now);
      tx.record(
        ...decision.events.map((event) =>
          event.type === 'case.opened'
            ? { ...event, caseNumber: kase.caseNumber, channel: dto.channel, concernTypes: dto.incident.concernTypes, childId: child.id }
            : event,
        ),
      );
      return { detail: await this.query.load(kase.id, m), replayed: false };
    });
  }

  /**
   * The same key and body within 24 h returns the first case. The advisory
   * lock makes a concurrent duplicate wait for the first to commit, then see it.
   */
  private async findReplay(m: EntityManager, actor: Actor, key: string, requestHash: string): Promise<string | null> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${actor.id}:${key}`]);
    const rows: { request_hash: string; case_id: string; fresh: boolean }[] = await m.query(
      `SELECT request_hash, case_id, created_at > now() - make_interval(hours => $3) AS fresh FROM case_idempotency_key WHERE actor_id = $1 AND key = $2`,
      [actor.id, key, IDEMPOTENCY_WINDOW_HOURS],
    );
    const found = rows[0];
    if (!found) return null;
    if (!found.fresh) {
      await m.query(`DELETE FROM case_idempotency_key WHERE actor_id = $1 AND key = $2`, [actor.id, key]);
      return null;
    }
    if (found.request_hash !== requestHash) {
      throw new AppException(ErrorCode.Conflict, 'This Idempotency-Key was used with a different body', [
        { field: 'Idempotency-Key', message: 'reused with a different body' },
      ]);
    }
    return found.case_id;
  }

  /** Commune staff record reports of their own communes; the hotline (intake officers) for the province. */
  private assertJurisdiction(actor: Actor, child: ChildEntity): void {
    const inProvince = child.provinceCode === actor.provinceCode;
    const inCommunes = actor.communeCodes.includes(child.communeCode);
    if (!inProvince || (actor.role !== Role.IntakeOfficer && !inCommunes)) {
      throw new AppException(ErrorCode.Forbidden, 'The child’s commune is outside your jurisdiction', [
        { field: 'child.communeCode', message: 'outside your jurisdiction' },
      ]);
    }
  }

  private async communeExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM commune WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  private unknownCommune(code: string): AppException {
    return new AppException(ErrorCode.UnknownPlace, 'Unknown commune', [{ field: 'incident.communeCode', message: `unknown commune ${code}` }]);
  }

  /** An assignee must be an active caseworker of the case's commune; a caseworker may only name themselves. */
  private async eligibleAssignee(m: EntityManager, actor: Actor, assigneeId: string, communeCode: string): Promise<CaseActor> {
    if (actor.role === Role.Caseworker && assigneeId !== actor.id) {
      throw new AppException(ErrorCode.Forbidden, 'A caseworker may only take a case themselves', [{ field: 'assigneeId', message: 'must be yourself' }]);
    }
    const role = await communeStaffRole(m, assigneeId, communeCode);
    if (role !== Role.Caseworker) {
      throw AppException.validation([{ field: 'assigneeId', message: 'must be an active caseworker of the child’s commune' }]);
    }
    return { id: assigneeId, role };
  }

  private reporter(input: IntakeDto['reporter'] & object): Reporter {
    // Without the reporter's consent their identity is not kept at all.
    return input.identityConsent
      ? { relationship: input.relationship, name: input.name, phone: input.phone, identityConsent: true }
      : { relationship: input.relationship, identityConsent: false };
  }
}
