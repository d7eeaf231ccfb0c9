import { Module } from '@nestjs/common';
import { CaseloadReportService } from './caseload/caseload.service';
import { ReportExportService } from './export/report-export.service';
import { DeadlineRollupService } from './response-times/deadline-rollup.service';
import { ResponseTimesReportService } from './response-times/response-times.service';
import { StatisticsReportService } from './statistics/statistics.service';

const SERVICES = [CaseloadReportService, ResponseTimesReportService, StatisticsReportService, ReportExportService, DeadlineRollupService];

/**
 * Manager reporting (issue 6): caseload, response times and statistics, scoped like the case
 * lists, and their CSV / XLSX exports. Reads only: the data they count is written by the case,
 * referral and deadline commands (and `case_episode` by a trigger on the timeline).
 */
@Module({ providers: SERVICES, exports: SERVICES })
export class ReportsModule {}
