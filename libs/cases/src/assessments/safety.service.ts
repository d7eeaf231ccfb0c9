import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor, userNames } from '@haven/auth';
import { AppException, PageQueryDto, pageOf } from '@haven/platform';
import { CaseWork } from '../kernel/case-work';
import { CaseDetailDto } from '../cases/case.dto';
import { CaseCommandRunner } from '../kernel/case-command.runner';
import { CaseQueryService } from '../cases/case-query.service';
import { addDecisionNote } from '../kernel/decision-notes';
import { EndSeparationDto, RecordEmergencyMeasuresDto, StartSeparationDto } from './assessment.dto';
import { EmergencyMeasureEntity, SeparationEntity } from './assessment.entity';
import { SeparationPageDto, toSeparationResponse } from './assessment-response.dto';

/** Who decided and who ended a separation. */
const people = (s: SeparationEntity): (string | null)[] => [s.decidedBy, s.endedBy];

/**
 * Emergency measures (Decree 56 art. 31) and temporary separation (art. 32, Mẫu 07): the safety commands, accepted in every
 * open stage because the child's safety cannot wait for paperwork (the domain decides who).
 */
@Injectable()
export class SafetyService {
  constructor(
    private readonly runner: CaseCommandRunner,
    private readonly query: CaseQueryService,
    private readonly work: CaseWork,
    @InjectRepository(SeparationEntity) private readonly separations: Repository<SeparationEntity>,
  ) {}

  /** Records what was done to stop the harm; the note (free text) stays in its own record. */
  async recordEmergencyMeasures(actor: Actor, caseId: string, dto: RecordEmergencyMeasuresDto): Promise<CaseDetailDto> {
    const takenAt = new Date(dto.takenAt);
    const { kase } = await this.runner.run(actor, caseId, dto.version, {
      what: 'emergency-measures',
      command: () => ({ kind: 'recordEmergencyMeasures', actor: { id: actor.id, role: actor.role }, takenAt }),
      persist: async ({ m, now }) => {
        const measures = m.getRepository(EmergencyMeasureEntity);
        const measure = await measures.save(measures.create({ caseId, measures: dto.measures, takenAt, recordedBy: actor.id, recordedAt: now }));
        const noteId = dto.note ? await addDecisionNote(m, { caseId, kind: 'emergency_measures', body: dto.note, authorId: actor.id, createdAt: now }) : null;
        return { emergencyMeasureId: measure.id, ...(noteId && { noteId }) };
      },
      enrich: (event, ids) => (event.type === 'emergency_measures.recorded' ? { ...ids, measures: dto.measures } : {}),
    });
    return this.query.load(kase.id);
  }

  /** A supervisor's decision to place the child elsewhere for a while (≤ 15 days unless an authority extends it). */
  async startSeparation(actor: Actor, caseId: string, dto: StartSeparationDto): Promise<CaseDetailDto> {
    const separationId = randomUUID();
    const startAt = new Date(dto.startAt);
    const endAt = new Date(dto.endAt);
    const extendedByAuthority = dto.extendedByAuthority ?? false;
    const { kase } = await this.runner.run(actor, caseId, dto.version, {
      what: 'separation',
      command: () => ({ kind: 'startSeparation', actor: { id: actor.id, role: actor.role }, separationId, startAt, endAt, extendedByAuthority }),
      persist: async ({ m, now }) => {
        await m.getRepository(SeparationEntity).insert({
          id: separationId,
          caseId,
          startAt,
          endAt,
          placement: dto.placement,
          extendedByAuthority,
          authorityReference: dto.authorityReference ?? null,
          decidedBy: actor.id,
          createdAt: now,
        });
      },
    });
    return this.query.load(kase.id);
  }

  /** Ends the separation under way: the child has left the placement, with what became of them. */
  async endSeparation(actor: Actor, caseId: string, separationId: string, dto: EndSeparationDto): Promise<CaseDetailDto> {
    // Left out: the command's instant.
    const endedAtOf = (now: Date): Date => (dto.endedAt ? new Date(dto.endedAt) : now);
    const { kase } = await this.runner.run(actor, caseId, dto.version, {
      what: 'separation',
      command: async ({ m, now }) => {
        // A separation of another case is as absent as one that never was.
        const exists = await m.getRepository(SeparationEntity).exists({ where: { id: separationId, caseId } });
        if (!exists) throw AppException.notFound('Separation');
        return { kind: 'endSeparation', actor: { id: actor.id, role: actor.role }, separationId, endedAt: endedAtOf(now), outcome: dto.outcome };
      },
      persist: async ({ m, now }) => {
        await m.getRepository(SeparationEntity).update({ id: separationId }, { endedAt: endedAtOf(now), endedBy: actor.id, outcome: dto.outcome ?? null });
      },
    });
    return this.query.load(kase.id);
  }

  /** The case's separations, newest first (the read is logged). */
  async listSeparations(actor: Actor, caseId: string, q: PageQueryDto): Promise<SeparationPageDto> {
    return this.work.read(actor, caseId, { what: 'separations' }, async () => {
      const [rows, total] = await this.separations.findAndCount({
        where: { caseId },
        order: { startAt: 'DESC', createdAt: 'DESC' },
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
      });
      const names = await userNames(this.separations.manager, rows.flatMap(people));
      const items = rows.map((r) => toSeparationResponse(r, names));
      return pageOf(items, total, q);
    });
  }
}
