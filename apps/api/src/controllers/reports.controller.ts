import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@haven/auth';
import { Role } from '@haven/domain';
import {
  CaseloadExportQueryDto,
  CaseloadQueryDto,
  CaseloadReportDto,
  CaseloadReportService,
  PERIOD_DESCRIPTION,
  ReportExportService,
  ReportFile,
  ResponseTimesExportQueryDto,
  ResponseTimesQueryDto,
  ResponseTimesReportDto,
  ResponseTimesReportService,
  STATISTICS_RULES,
  StatisticsExportQueryDto,
  StatisticsQueryDto,
  StatisticsReportDto,
  StatisticsReportService,
} from '@haven/reports';
import { ApiErrors } from '../openapi/api-errors.decorator';

const EXPORT =
  '`/reports/:name/export` for each report: the same numbers as the JSON report, from the same query parameters plus `format` (csv or xlsx), for the same roles. ' +
  'The file starts with a header saying which report, when, by whom, for which scope and with which filters; then each table after a blank row. ' +
  'Aggregates only: no child appears, and staff appear by user id, not by name. Every export is logged.';
const BINARY = { schema: { type: 'string', format: 'binary' } };
const FILE = {
  description: 'The file (`Content-Disposition: attachment`)',
  content: { 'text/csv': BINARY, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': BINARY },
};

const SCOPE = 'A supervisor counts the cases of their communes, a manager those of their province; `communeCode` narrows within that.';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly caseload: CaseloadReportService,
    private readonly responseTimes: ResponseTimesReportService,
    private readonly statistics: StatisticsReportService,
    private readonly exports: ReportExportService,
  ) {}

  @Get('caseload')
  @Roles(Role.Supervisor, Role.Manager)
  @ApiOperation({
    summary: 'Open cases now, grouped by assignee, commune, stage and/or risk level, with overdue counts',
    description:
      `${SCOPE} A case counts once, in the one group its current values put it in; \`overdue\` counts the open cases with a deadline past due. ` +
      '`caseworkers` lists every active caseworker of each commune in scope (also those without cases) with their open cases there and the commune’s ' +
      'average: open cases assigned to the commune’s active caseworkers divided by their number (the same filters apply).',
  })
  @ApiOkResponse({ type: CaseloadReportDto })
  @ApiErrors(400, 401, 403)
  getCaseload(@CurrentActor() actor: Actor, @Query() query: CaseloadQueryDto): Promise<CaseloadReportDto> {
    return this.caseload.report(actor, query);
  }

  @Get('response-times')
  @Roles(Role.Supervisor, Role.Manager)
  @ApiOperation({
    summary: 'Per deadline kind: p50 / p90 time taken, share met on time, and still open past due',
    description:
      `${SCOPE} ${PERIOD_DESCRIPTION} A deadline belongs to the period in which it started counting (receipt of the report for the initial ` +
      'assessment, emergency measures and — by default — the plan’s submission; the submission for the plan’s approval; the referral for its answer; ' +
      'the approval or last review for the next review). Time taken is from that start to when the command that did the work was recorded; both are ' +
      'written by the system, never typed by a user. `onTimeRate` = metOnTime / (met + openOverdue); cancelled deadlines and open ones not yet due are left out of it.',
  })
  @ApiOkResponse({ type: ResponseTimesReportDto })
  @ApiErrors(400, 401, 403)
  getResponseTimes(@CurrentActor() actor: Actor, @Query() query: ResponseTimesQueryDto): Promise<ResponseTimesReportDto> {
    return this.responseTimes.report(actor, query);
  }

  @Get('statistics')
  @Roles(Role.Manager)
  @ApiOperation({
    summary: 'Counts for official reporting: cases and distinct children by concern type, sex, age group, commune, month, special circumstance',
    description: `${SCOPE} ${PERIOD_DESCRIPTION} Counting rules: ${STATISTICS_RULES.map((r, i) => `(${i + 1}) ${r}`).join(' ')}`,
  })
  @ApiOkResponse({ type: StatisticsReportDto })
  @ApiErrors(400, 401, 403)
  getStatistics(@CurrentActor() actor: Actor, @Query() query: StatisticsQueryDto): Promise<StatisticsReportDto> {
    return this.statistics.report(actor, query);
  }

  @Get('caseload/export')
  @Roles(Role.Supervisor, Role.Manager)
  @ApiOperation({ summary: 'The caseload report as a CSV or XLSX file', description: EXPORT })
  @ApiOkResponse(FILE)
  @ApiErrors(400, 401, 403)
  exportCaseload(@CurrentActor() actor: Actor, @Query() query: CaseloadExportQueryDto): Promise<StreamableFile> {
    return this.file(this.exports.export(actor, 'caseload', query));
  }

  @Get('response-times/export')
  @Roles(Role.Supervisor, Role.Manager)
  @ApiOperation({ summary: 'The response-times report as a CSV or XLSX file', description: EXPORT })
  @ApiOkResponse(FILE)
  @ApiErrors(400, 401, 403)
  exportResponseTimes(@CurrentActor() actor: Actor, @Query() query: ResponseTimesExportQueryDto): Promise<StreamableFile> {
    return this.file(this.exports.export(actor, 'response-times', query));
  }

  @Get('statistics/export')
  @Roles(Role.Manager)
  @ApiOperation({ summary: 'The statistics as a CSV or XLSX file', description: EXPORT })
  @ApiOkResponse(FILE)
  @ApiErrors(400, 401, 403)
  exportStatistics(@CurrentActor() actor: Actor, @Query() query: StatisticsExportQueryDto): Promise<StreamableFile> {
    return this.file(this.exports.export(actor, 'statistics', query));
  }

  private async file(made: Promise<ReportFile>): Promise<StreamableFile> {
    const file = await made;
    return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.filename}"`, length: file.body.length });
  }
}
