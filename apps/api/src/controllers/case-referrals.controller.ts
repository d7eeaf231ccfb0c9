import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@haven/auth';
import { Role, STAFF_ROLES } from '@haven/domain';
import { CaseReferralListQueryDto, ReferralPageDto, ReferralQueryService, ReferralService, SendReferralDto, StaffReferralDto } from '@haven/referrals';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('cases')
export class CaseReferralsController {
  constructor(
    private readonly referrals: ReferralService,
    private readonly query: ReferralQueryService,
  ) {}

  @Post(':id/referrals')
  @Roles(Role.Caseworker, Role.Supervisor)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Refer the child to a partner organisation',
    description:
      'The case’s assignee or a supervisor of its commune; not on a closed case (409 TRANSITION_NOT_ALLOWED). The organisation must be active and offer the service type, ' +
      'shared notes must be `shared` notes of this case, a plan action must belong to the approved plan in force (400 VALIDATION_FAILED otherwise). ' +
      'Without recorded consent to sharing (the guardian’s, and the child’s from age 7) the referral is refused with 409 CONSENT_REQUIRED, unless a supervisor sends an ' +
      '`emergency` referral with `overrideConsent: true` and a `justification`: the override is logged on the timeline (consent.overridden) and in the access log. ' +
      'A second open referral of the case to the same organisation for the same service answers 409 CONFLICT. Referrals do not change the case version.',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiCreatedResponse({ type: StaffReferralDto })
  send(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: SendReferralDto): Promise<StaffReferralDto> {
    return this.referrals.send(actor, id, dto);
  }

  @Get(':id/referrals')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'The case’s referrals, newest first (the read is logged)' })
  @ApiErrors(400, 401, 403, 404)
  @ApiOkResponse({ type: ReferralPageDto })
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Query() query: CaseReferralListQueryDto): Promise<ReferralPageDto> {
    return this.query.listForCase(actor, id, query);
  }
}
