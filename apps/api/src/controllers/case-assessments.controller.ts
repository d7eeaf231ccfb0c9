import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRoute, CurrentActor, Roles } from '@haven/auth';
import {
  AssessmentPageDto,
  AssessmentService,
  CaseDetailDto,
  EndSeparationDto,
  RecordAssessmentDto,
  RecordEmergencyMeasuresDto,
  SafetyService,
  SeparationPageDto,
  StartSeparationDto,
} from '@haven/cases';
import { STAFF_ROLES } from '@haven/domain';
import { PageQueryDto } from '@haven/platform';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

/** Assessments, emergency measures and temporary separation: what a case learns and does to keep the child safe. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseAssessmentsController {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly safety: SafetyService,
  ) {}

  @Post(':id/assessments')
  @CommandRoute('recordAssessment')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Record an assessment (Mẫu 02 initial, 03 needs, 06 review)',
    description:
      'By the case’s worker of record: its assignee, or before any assignment whoever took the report. An initial assessment in intake starts the assessment stage; initial and needs together move the case to planning; a review in intervention moves it to review (stillAtRisk is required there). Answers the updated case.',
  })
  @ApiCreatedResponse({ type: CaseDetailDto, description: 'The case after the assessment' })
  @ApiErrors(400, 401, 403, 404, 409)
  record(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: RecordAssessmentDto): Promise<CaseDetailDto> {
    return this.assessments.record(actor, id, dto);
  }

  @Get(':id/assessments')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'The case’s assessments, newest first (the read is logged)' })
  @ApiOkResponse({ type: AssessmentPageDto })
  @ApiErrors(400, 401, 403, 404)
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Query() query: PageQueryDto): Promise<AssessmentPageDto> {
    return this.assessments.list(actor, id, query);
  }

  @Post(':id/emergency-measures')
  @CommandRoute('recordEmergencyMeasures')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Record emergency measures (Decree 56 art. 31)',
    description: 'By the assignee or a supervisor, in any open stage (even while a closure request waits). Answers the updated case.',
  })
  @ApiCreatedResponse({ type: CaseDetailDto, description: 'The case after the measures' })
  @ApiErrors(400, 401, 403, 404, 409)
  recordEmergencyMeasures(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: RecordEmergencyMeasuresDto): Promise<CaseDetailDto> {
    return this.safety.recordEmergencyMeasures(actor, id, dto);
  }

  @Post(':id/separations')
  @CommandRoute('startSeparation')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Decide a temporary separation',
    description:
      'At most 15 days (the policy maximum) unless a competent authority extended it; one at a time. Answers the updated case; the separation’s id is in GET /cases/{id}/separations and on the timeline.',
  })
  @ApiCreatedResponse({ type: CaseDetailDto, description: 'The case after the decision' })
  @ApiErrors(400, 401, 403, 404, 409)
  startSeparation(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: StartSeparationDto): Promise<CaseDetailDto> {
    return this.safety.startSeparation(actor, id, dto);
  }

  @Post(':id/separations/:sid/end')
  @CommandRoute('endSeparation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'End the temporary separation under way', description: 'Answers the updated case.' })
  @ApiOkResponse({ type: CaseDetailDto, description: 'The case after the separation ended' })
  @ApiErrors(400, 401, 403, 404, 409)
  endSeparation(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('sid', UuidPipe) sid: string,
    @Body() dto: EndSeparationDto,
  ): Promise<CaseDetailDto> {
    return this.safety.endSeparation(actor, id, sid, dto);
  }

  @Get(':id/separations')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'The case’s temporary separations, newest first (the read is logged)' })
  @ApiOkResponse({ type: SeparationPageDto })
  @ApiErrors(400, 401, 403, 404)
  listSeparations(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Query() query: PageQueryDto): Promise<SeparationPageDto> {
    return this.safety.listSeparations(actor, id, query);
  }
}
