import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@haven/platform';
import { runReport } from '../common/run-report';
import { CaseloadGroupDto, CaseloadQueryDto, CaseloadReportDto, CaseworkerLoadDto } from './caseload.dto';
import { caseloadQueries } from './caseload.sql';
import { reportScopeOf, ScopeActor } from '@haven/domain';

interface GroupRow {
  assignee_id?: string | null;
  assignee_name?: string | null;
  commune_code?: string;
  commune_name?: string | null;
  stage?: CaseloadGroupDto['stage'];
  risk_level?: CaseloadGroupDto['riskLevel'];
  open: number;
  overdue: number;
}

interface LoadRow {
  assignee_id: string;
  assignee_name: string;
  commune_code: string;
  commune_name: string;
  open: number;
  overdue: number;
  commune_average: string;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Open cases now, grouped as asked, and each caseworker's load against the commune's average. */
@Injectable()
export class CaseloadReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async report(actor: ScopeActor, q: CaseloadQueryDto, now: Date = this.clock.now()): Promise<CaseloadReportDto> {
    const [groups, loads] = (await runReport(this.dataSource, caseloadQueries(reportScopeOf(actor), q, now))) as [GroupRow[], LoadRow[]];
    const by = new Set(q.groupBy);
    return {
      generatedAt: now.toISOString(),
      groupBy: q.groupBy,
      groups: groups.map((r) => ({
        ...(by.has('assignee') && { assigneeId: r.assignee_id ?? null, assigneeName: r.assignee_name ?? null }),
        ...(by.has('commune') && { communeCode: r.commune_code, communeName: r.commune_name ?? '' }),
        ...(by.has('stage') && { stage: r.stage }),
        ...(by.has('riskLevel') && { riskLevel: r.risk_level ?? null }),
        open: r.open,
        overdue: r.overdue,
      })),
      total: { open: groups.reduce((n, r) => n + r.open, 0), overdue: groups.reduce((n, r) => n + r.overdue, 0) },
      caseworkers: loads.map((r): CaseworkerLoadDto => {
        const average = round2(Number(r.commune_average));
        return {
          assigneeId: r.assignee_id,
          assigneeName: r.assignee_name,
          communeCode: r.commune_code,
          communeName: r.commune_name,
          open: r.open,
          overdue: r.overdue,
          communeAverage: average,
          ratioToAverage: Number(r.commune_average) > 0 ? round2(r.open / Number(r.commune_average)) : null,
        };
      }),
    };
  }
}
