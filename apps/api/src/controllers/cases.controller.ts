import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRoute, CurrentActor, Roles } from '@haven/auth';
import {
  AccessLogEntryDto,
  AssignDto,
  AssignmentService,
  CaseDetailDto,
  CaseHistoryService,
  CaseListQueryDto,
  CasePageDto,
  CaseQueryService,
  IntakeDto,
  IntakeService,
  TimelineEventDto,
} from '@haven/cases';
import { Role, STAFF_ROLES } from '@haven/domain';
import { AppException } from '@haven/platform';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly intake: IntakeService,
    private readonly cases: CaseQueryService,
    private readonly assignment: AssignmentService,
    private readonly history: CaseHistoryService,
  ) {}

  @Post()
  @Roles(Role.IntakeOfficer, Role.Caseworker, Role.Supervisor)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Record a report (intake, Mẫu 01)',
    description:
      'Creates the case and, if needed, the child, in one transaction. The same Idempotency-Key and body within 24 hours returns the first case (header Idempotent-Replayed: true); the same key with another body answers 409.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1–128 characters: letters, digits, . _ : -' })
  @ApiCreatedResponse({ type: CaseDetailDto })
  @ApiErrors(400, 401, 403, 404, 409)
  async open(
    @CurrentActor() actor: Actor,
    @Body() dto: IntakeDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseDetailDto> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      throw AppException.validation([{ field: 'Idempotency-Key', message: '1–128 letters, digits, . _ : -' }]);
    const result = await this.intake.open(actor, dto, key);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return result.detail;
  }

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Cases in your scope, filtered and sorted' })
  @ApiOkResponse({ type: CasePageDto })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: CaseListQueryDto): Promise<CasePageDto> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'One case (the read is logged)' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<CaseDetailDto> {
    return this.cases.get(actor, id);
  }

  @Post(':id/assignment')
  @CommandRoute('assign')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Assign or reassign the case to a caseworker of its commune', description: 'Intake officers may only make the first assignment.' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiErrors(400, 401, 403, 404, 409)
  assign(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: AssignDto): Promise<CaseDetailDto> {
    return this.assignment.assign(actor, id, dto);
  }

  @Get(':id/timeline')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Every event on the case: who, when, what' })
  @ApiOkResponse({ type: [TimelineEventDto] })
  @ApiErrors(400, 401, 403, 404)
  timeline(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<TimelineEventDto[]> {
    return this.history.timelineOf(actor, id);
  }

  @Get(':id/access-log')
  @Roles(Role.Supervisor, Role.Manager)
  @ApiOperation({ summary: 'Who read or changed the case, when' })
  @ApiOkResponse({ type: [AccessLogEntryDto] })
  @ApiErrors(400, 401, 403, 404)
  accessLog(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<AccessLogEntryDto[]> {
    return this.history.accessLogOf(actor, id);
  }
}
