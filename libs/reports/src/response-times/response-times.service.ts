import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@haven/platform';
import { DeadlineKind, reportScopeOf, ScopeActor } from '@haven/domain';
import { periodOf } from '../common/report-period';
import { runReport } from '../common/run-report';
import { ResponseTimeRowDto, ResponseTimesQueryDto, ResponseTimesReportDto } from './response-times.dto';
import { responseTimesQueries } from './response-times.sql';

interface Row {
  kind: DeadlineKind;
  commune_code?: string;
  commune_name?: string;
  month?: string;
  total: number;
  met: number;
  met_on_time: number;
  open_overdue: number;
  open_not_due: number;
  cancelled: number;
  p50: string | number | null;
  p90: string | number | null;
}

const seconds = (v: string | number | null): number | null => (v === null ? null : Math.round(Number(v)));

@Injectable()
export class ResponseTimesReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async report(actor: ScopeActor, q: ResponseTimesQueryDto, now: Date = this.clock.now()): Promise<ResponseTimesReportDto> {
    const { from, to } = periodOf(q, now);
    const [rows] = (await runReport(
      this.dataSource,
      responseTimesQueries(reportScopeOf(actor), { from, to, groupBy: q.groupBy, communeCode: q.communeCode, kind: q.kind }, now),
    )) as [Row[]];
    return {
      generatedAt: now.toISOString(),
      from: from.toISOString(),
      to: to.toISOString(),
      groupBy: q.groupBy,
      rows: rows.map((r): ResponseTimeRowDto => {
        const decided = r.met + r.open_overdue;
        return {
          kind: r.kind,
          ...(r.commune_code !== undefined && { communeCode: r.commune_code, communeName: r.commune_name ?? '' }),
          ...(r.month !== undefined && { month: r.month }),
          total: r.total,
          met: r.met,
          metOnTime: r.met_on_time,
          metLate: r.met - r.met_on_time,
          openOverdue: r.open_overdue,
          openNotDue: r.open_not_due,
          cancelled: r.cancelled,
          onTimeRate: decided > 0 ? Math.round((r.met_on_time / decided) * 10_000) / 10_000 : null,
          p50Seconds: seconds(r.p50),
          p90Seconds: seconds(r.p90),
        };
      }),
    };
  }
}
