import type { CaseloadReportDto } from '../caseload/caseload.dto';
import type { ResponseTimesReportDto } from '../response-times/response-times.dto';
import { STATISTICS_RULES, StatisticsReportDto } from '../statistics/statistics.dto';

export type Cell = string | number | null;

/** One table of an export: a title, its column names, its rows. */
export interface ReportSection {
  title: string;
  columns: string[];
  rows: Cell[][];
}

/**
 * Reports as tables for the CSV and XLSX exports. Aggregates only: no child appears, and staff
 * appear by their user id, not their name (an export leaves the system; the in-app report names them).
 */
export function caseloadSections(r: CaseloadReportDto): ReportSection[] {
  const dims = r.groupBy;
  const columns = [
    ...(dims.includes('assignee') ? ['assigneeId'] : []),
    ...(dims.includes('commune') ? ['communeCode', 'communeName'] : []),
    ...(dims.includes('stage') ? ['stage'] : []),
    ...(dims.includes('riskLevel') ? ['riskLevel'] : []),
    'open',
    'overdue',
  ];
  const groups = r.groups.map((g) => [
    ...(dims.includes('assignee') ? [g.assigneeId ?? 'unassigned'] : []),
    ...(dims.includes('commune') ? [g.communeCode ?? '', g.communeName ?? ''] : []),
    ...(dims.includes('stage') ? [g.stage ?? ''] : []),
    ...(dims.includes('riskLevel') ? [g.riskLevel ?? 'unassessed'] : []),
    g.open,
    g.overdue,
  ]);
  return [
    { title: 'Open cases', columns, rows: groups },
    { title: 'Total', columns: ['open', 'overdue'], rows: [[r.total.open, r.total.overdue]] },
    {
      title: 'Caseworkers against their commune’s average',
      columns: ['assigneeId', 'communeCode', 'communeName', 'open', 'overdue', 'communeAverage', 'ratioToAverage'],
      rows: r.caseworkers.map((c) => [c.assigneeId, c.communeCode, c.communeName, c.open, c.overdue, c.communeAverage, c.ratioToAverage]),
    },
  ];
}

export function responseTimesSections(r: ResponseTimesReportDto): ReportSection[] {
  const commune = r.groupBy.includes('commune');
  const month = r.groupBy.includes('month');
  return [
    {
      title: 'Response times by deadline kind',
      columns: [
        'kind',
        ...(commune ? ['communeCode', 'communeName'] : []),
        ...(month ? ['month'] : []),
        'total',
        'met',
        'metOnTime',
        'metLate',
        'openOverdue',
        'openNotDue',
        'cancelled',
        'onTimeRate',
        'p50Seconds',
        'p90Seconds',
      ],
      rows: r.rows.map((x) => [
        x.kind,
        ...(commune ? [x.communeCode ?? '', x.communeName ?? ''] : []),
        ...(month ? [x.month ?? ''] : []),
        x.total,
        x.met,
        x.metOnTime,
        x.metLate,
        x.openOverdue,
        x.openNotDue,
        x.cancelled,
        x.onTimeRate,
        x.p50Seconds,
        x.p90Seconds,
      ]),
    },
  ];
}

export function statisticsSections(r: StatisticsReportDto): ReportSection[] {
  const t = r.totals;
  return [
    {
      title: 'Totals',
      columns: ['newCases', 'newChildren', 'reopened', 'closed', 'openDuring', 'openAtEnd'],
      rows: [[t.newCases, t.newChildren, t.reopened, t.closed, t.openDuring, t.openAtEnd]],
    },
    ...r.by.map((dim) => ({
      title: `By ${dim}`,
      columns: dim === 'commune' ? ['value', 'label', 'cases', 'children'] : ['value', 'cases', 'children'],
      rows: (r.breakdowns[dim] ?? []).map((x) => (dim === 'commune' ? [x.value, x.label ?? '', x.cases, x.children] : [x.value, x.cases, x.children])),
    })),
    { title: 'Closure reasons', columns: ['reason', 'cases'], rows: r.closureReasons.map((x) => [x.reason, x.cases]) },
    { title: 'Counting rules', columns: ['rule'], rows: STATISTICS_RULES.map((rule) => [rule]) },
  ];
}

/** The header (what, when, by whom, with which filters), then each section after a blank row. */
export function exportRows(header: [string, string][], sections: ReportSection[]): Cell[][] {
  const rows: Cell[][] = header.map(([k, v]) => [k, v]);
  for (const s of sections) {
    rows.push([], [s.title], s.columns, ...s.rows);
  }
  return rows;
}
