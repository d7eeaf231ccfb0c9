import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@haven/platform';
import { periodOf } from '../common/report-period';
import { runReport } from '../common/run-report';
import { AGE_GROUPS, StatisticsBreakdownsDto, StatisticsQueryDto, StatisticsReportDto } from './statistics.dto';
import { statisticsQueries } from './statistics.sql';
import { reportScopeOf, ScopeActor } from '@haven/domain';

interface CohortRow {
  dim: string;
  value: string | null;
  cases: number;
  children: number;
  label: string | null;
}

interface EpisodeRow {
  reopened: number;
  closed: number;
  open_at_end: number;
  open_during: number;
}

@Injectable()
export class StatisticsReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async report(actor: ScopeActor, q: StatisticsQueryDto, now: Date = this.clock.now()): Promise<StatisticsReportDto> {
    const { from, to } = periodOf(q, now);
    const [cohort, [episodes], reasons] = (await runReport(
      this.dataSource,
      statisticsQueries(reportScopeOf(actor), { from, to, by: q.by, communeCode: q.communeCode }, now),
    )) as [CohortRow[], EpisodeRow[], { reason: string; cases: number }[]];
    const total = cohort.find((r) => r.dim === 'total');
    const breakdowns: StatisticsBreakdownsDto = {};
    for (const dim of q.by) {
      breakdowns[dim] = cohort
        .filter((r) => r.dim === dim)
        .map((r) => ({ value: r.value ?? '', ...(dim === 'commune' && { label: r.label ?? '' }), cases: r.cases, children: r.children }));
      // Age groups in age order rather than text order ('11-15' would sort before '6-10').
      if (dim === 'ageGroup') breakdowns[dim].sort((x, y) => AGE_GROUPS.indexOf(x.value as never) - AGE_GROUPS.indexOf(y.value as never));
    }
    return {
      generatedAt: now.toISOString(),
      from: from.toISOString(),
      to: to.toISOString(),
      by: q.by,
      totals: {
        newCases: total?.cases ?? 0,
        newChildren: total?.children ?? 0,
        reopened: episodes.reopened,
        closed: episodes.closed,
        openDuring: episodes.open_during,
        openAtEnd: episodes.open_at_end,
      },
      breakdowns,
      closureReasons: reasons,
    };
  }
}
