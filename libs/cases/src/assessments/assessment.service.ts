import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor, userNames } from '@haven/auth';
import { reviewFinding } from '@haven/domain';
import { PageQueryDto, pageOf } from '@haven/platform';
import { CaseWork } from '../kernel/case-work';
import { CaseDetailDto } from '../cases/case.dto';
import { CaseCommandRunner } from '../kernel/case-command.runner';
import { CaseQueryService } from '../cases/case-query.service';
import { RecordAssessmentDto } from './assessment.dto';
import { AssessmentEntity } from './assessment.entity';
import { AssessmentPageDto, toAssessmentResponse } from './assessment-response.dto';

const recorder = (a: AssessmentEntity): string => a.recordedBy;

/** Assessments (Mẫu 02 initial, 03 needs, 06 review): they drive the case's stage. */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly runner: CaseCommandRunner,
    private readonly query: CaseQueryService,
    private readonly work: CaseWork,
    @InjectRepository(AssessmentEntity) private readonly assessments: Repository<AssessmentEntity>,
  ) {}

  /** Records an assessment by the case's assignee; the timeline gets its id, never the findings. */
  async record(actor: Actor, caseId: string, dto: RecordAssessmentDto): Promise<CaseDetailDto> {
    const { kase } = await this.runner.run(actor, caseId, dto.version, {
      what: 'assessment',
      command: ({ now }) => ({
        kind: 'recordAssessment',
        at: now,
        ...(dto.dangerIdentifiedAt !== undefined && { dangerIdentifiedAt: new Date(dto.dangerIdentifiedAt) }),
        actor: { id: actor.id, role: actor.role },
        assessmentType: dto.type,
        riskLevel: dto.riskLevel,
        immediateDanger: dto.immediateDanger,
        noLongerAtRiskOfAbuse: dto.noLongerAtRiskOfAbuse,
        stable: dto.stable,
        stillAtRisk: dto.stillAtRisk,
      }),
      persist: async ({ m, now }) => {
        const repo = m.getRepository(AssessmentEntity);
        // The domain accepted the command, so a review's finding is whole here.
        const found = dto.type === 'review' ? reviewFinding(dto) : null;
        const review = found && typeof found !== 'string' ? found : null;
        const saved = await repo.save(
          repo.create({
            caseId,
            type: dto.type,
            riskLevel: dto.riskLevel,
            immediateDanger: dto.immediateDanger ?? null,
            stillAtRisk: review?.stillAtRisk ?? null,
            noLongerAtRiskOfAbuse: review?.noLongerAtRiskOfAbuse ?? null,
            stable: review?.stable ?? null,
            findings: { ...dto.findings, ...(dto.findings.needsByDomain && { needsByDomain: { ...dto.findings.needsByDomain } }) },
            recordedBy: actor.id,
            recordedAt: now,
          }),
        );
        return saved.id;
      },
      enrich: (event, assessmentId) => (event.type === 'assessment.recorded' ? { assessmentId } : {}),
    });
    return this.query.load(kase.id);
  }

  /** The case's assessments, newest first (the read is logged). */
  async list(actor: Actor, caseId: string, q: PageQueryDto): Promise<AssessmentPageDto> {
    return this.work.read(actor, caseId, { what: 'assessments' }, async () => {
      const [rows, total] = await this.assessments.findAndCount({
        where: { caseId },
        order: { recordedAt: 'DESC', id: 'DESC' },
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
      });
      const names = await userNames(this.assessments.manager, rows.map(recorder));
      const items = rows.map((r) => toAssessmentResponse(r, names));
      return pageOf(items, total, q);
    });
  }
}
