import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@haven/auth';
import { CaseDeadlineQueryService } from '@haven/cases';
import { DeadlineDto, DeadlineListQueryDto, DeadlinePageDto, DeadlineQueryService } from '@haven/deadlines';
import { Role, STAFF_ROLES } from '@haven/domain';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

const STEPS =
  'Each open deadline reminds its owner before the due time, escalates to the commune’s supervisors at the due time (escalation level 1) ' +
  'and to the province’s managers after the policy’s grace (level 2); `nextStep` says which comes next.';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('cases/:id/deadlines')
export class CaseDeadlinesController {
  constructor(private readonly deadlines: CaseDeadlineQueryService) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'The case’s deadlines: status, due time, escalation level', description: `Open ones first, then by due time. ${STEPS}` })
  @ApiOkResponse({ type: [DeadlineDto] })
  @ApiErrors(400, 401, 403, 404)
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<DeadlineDto[]> {
    return this.deadlines.list(actor, id);
  }
}

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlineQueryService) {}

  @Get()
  @Roles(Role.Supervisor, Role.Manager)
  @ApiOperation({
    summary: 'Deadlines in scope: a supervisor’s communes, a manager’s province',
    description: `Open deadlines by default (\`status\` for met or cancelled ones), overdue first, then by due time. \`assigneeId\` is who owes the deadline. ${STEPS}`,
  })
  @ApiOkResponse({ type: DeadlinePageDto })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: DeadlineListQueryDto): Promise<DeadlinePageDto> {
    return this.deadlines.list(actor, query);
  }
}
