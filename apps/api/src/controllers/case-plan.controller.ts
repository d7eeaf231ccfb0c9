import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRoute, CurrentActor, Roles } from '@haven/auth';
import { DecisionCommentDto, DraftPlanDto, PlanResponseDto, PlanService, PlanVersionPageDto, VersionedDto } from '@haven/cases';
import { STAFF_ROLES } from '@haven/domain';
import { PageQueryDto } from '@haven/platform';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('cases')
export class CasePlanController {
  constructor(private readonly plans: PlanService) {}

  @Put(':id/plan')
  @CommandRoute('draftPlan')
  @ApiOperation({
    summary: 'Draft the support / intervention plan (Mẫu 04/05)',
    description:
      'The case’s assignee writes the whole plan: goals and actions (service, responsible organisation or person, start, expected end, cost estimate). ' +
      'If the newest version is a draft its content is replaced; if there is none, or the newest was rejected or approved, version n+1 is opened as a draft and every earlier version stays on file. ' +
      'An approved plan stays in force until the new version is approved. A submitted version cannot be edited (409). Allowed in planning, and in review when the review found the child still at risk (planning starts again).',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiOkResponse({ type: PlanResponseDto, description: 'The drafted version and the case’s new version' })
  draft(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: DraftPlanDto): Promise<PlanResponseDto> {
    return this.plans.draft(actor, id, dto);
  }

  @Post(':id/plan/submit')
  @CommandRoute('submitPlan')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Submit the draft for approval', description: 'The case’s assignee submits; the version’s content is frozen from then on.' })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiOkResponse({ type: PlanResponseDto })
  submit(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: VersionedDto): Promise<PlanResponseDto> {
    return this.plans.submit(actor, id, dto);
  }

  @Post(':id/plan/approve')
  @CommandRoute('approvePlan')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Approve the submitted plan',
    description:
      'A supervisor who neither drafted nor submitted this version (409 otherwise). The case moves to intervention; an earlier approved version becomes superseded. Of two simultaneous approvals exactly one succeeds, the other answers 409.',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiOkResponse({ type: PlanResponseDto })
  approve(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: DecisionCommentDto): Promise<PlanResponseDto> {
    return this.plans.approve(actor, id, dto);
  }

  @Post(':id/plan/reject')
  @CommandRoute('rejectPlan')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Reject the submitted plan',
    description:
      'A supervisor who neither drafted nor submitted this version. The rejected version stays on file with its comment; the next draft opens a new version.',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiOkResponse({ type: PlanResponseDto })
  reject(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: DecisionCommentDto): Promise<PlanResponseDto> {
    return this.plans.reject(actor, id, dto);
  }

  @Get(':id/plan')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'The newest plan version, with its actions (the read is logged)', description: '404 when no plan was drafted yet.' })
  @ApiErrors(400, 401, 403, 404)
  @ApiOkResponse({ type: PlanResponseDto })
  current(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<PlanResponseDto> {
    return this.plans.current(actor, id);
  }

  @Get(':id/plan/versions')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Every plan version, newest first (the read is logged)' })
  @ApiErrors(400, 401, 403, 404)
  @ApiOkResponse({ type: PlanVersionPageDto })
  versions(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Query() query: PageQueryDto): Promise<PlanVersionPageDto> {
    return this.plans.versions(actor, id, query);
  }
}
