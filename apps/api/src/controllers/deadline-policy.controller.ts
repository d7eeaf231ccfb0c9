import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@haven/auth';
import { DeadlinePolicyQueryDto, DeadlinePolicyResponseDto, DeadlinePolicyService, UpdateDeadlinePolicyDto } from '@haven/deadlines';
import { Role, STAFF_ROLES } from '@haven/domain';
import { ApiErrors } from '../openapi/api-errors.decorator';

const COUNTING =
  'Durations in hours (or minutes, seconds) are elapsed clock time. A duration of n working days ends at 23:59:59.999 Asia/Ho_Chi_Minh on the n-th working day after the day of the event (the day of the event does not count; an event on a weekend or holiday is counted from the next working day), per Civil Code 2015 arts. 144–148 (art. 145(1): they apply unless another law provides otherwise), applied by analogy to working days. A duration of n days ends at the end of the n-th day, moved to the end of the next working day when that is a weekend or holiday. Reminders go to the owner before the due time; escalation 1 goes to the commune’s supervisors at the due time; escalation 2 to the province’s managers after the grace.';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('settings/deadline-policy')
export class DeadlinePolicyController {
  constructor(private readonly policies: DeadlinePolicyService) {}

  @Get()
  @Roles(Role.Admin, ...STAFF_ROLES)
  @ApiOperation({
    summary: 'The deadline policy of a province: durations, reminders, escalation grace',
    description: `Everyone reads their own province's (another province answers 403). ${COUNTING}`,
  })
  @ApiOkResponse({ type: DeadlinePolicyResponseDto })
  @ApiErrors(400, 401, 403)
  get(@CurrentActor() actor: Actor, @Query() query: DeadlinePolicyQueryDto): Promise<DeadlinePolicyResponseDto> {
    return this.policies.get(actor, query.provinceCode);
  }

  @Put()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Replace your province’s overrides of the default deadline policy',
    description: `The whole resulting policy is validated (positive whole durations of at most 366 days, at most 5 reminders per rule, each shorter than the duration, earliest first and without repeats, grace of 0 to 30 days, known kinds, fields and units): an invalid one answers 400 VALIDATION_FAILED listing each field and changes nothing. A stale version answers 409 VERSION_CONFLICT; another province answers 403. Recorded in the admin audit. New deadlines use the new policy. ${COUNTING}`,
  })
  @ApiOkResponse({ type: DeadlinePolicyResponseDto })
  @ApiErrors(400, 401, 403, 409)
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateDeadlinePolicyDto): Promise<DeadlinePolicyResponseDto> {
    return this.policies.update(actor, dto);
  }
}
