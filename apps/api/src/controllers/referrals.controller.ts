import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@haven/auth';
import { Role, STAFF_ROLES } from '@haven/domain';
import {
  AddReferralUpdateDto,
  CancelReferralDto,
  CompleteReferralDto,
  ContinueAfterClosureDto,
  DeclineReferralDto,
  PartnerReferralDto,
  PartnerReferralService,
  ReferralListQueryDto,
  ReferralPageDto,
  ReferralQueryService,
  ReferralService,
  ReferralStepDto,
  ReferralUpdateDto,
  ReferralViewDto,
  StaffReferralDto,
  WithdrawReferralDto,
} from '@haven/referrals';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

const PARTNER_STEP =
  'The receiving organisation’s partner users only; a referral of another organisation, or an unknown id, answers 404. ' +
  'A step its status does not allow answers 409 TRANSITION_NOT_ALLOWED; a stale optional `version` 409 VERSION_CONFLICT. Recorded on the case’s timeline with the partner as actor.';

@ApiTags('referrals')
@ApiBearerAuth()
@ApiExtraModels(PartnerReferralDto, StaffReferralDto)
@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly query: ReferralQueryService,
    private readonly referrals: ReferralService,
    private readonly partner: PartnerReferralService,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES, Role.Partner)
  @ApiOperation({
    summary: 'Referrals: a partner’s inbox, or the referrals of the cases in your scope',
    description:
      'A partner user sees the referrals addressed to its organisation; staff those of the cases in their scope. Newest first. No child data in the list.',
  })
  @ApiErrors(400, 401, 403)
  @ApiOkResponse({ type: ReferralPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ReferralListQueryDto): Promise<ReferralPageDto> {
    return this.query.list(actor, query);
  }

  @Get(':id')
  @Roles(...STAFF_ROLES, Role.Partner)
  @ApiOperation({
    summary: 'One referral (the read is logged in the case’s access log)',
    description:
      'A partner user gets the minimum-necessary view (`view: partner`): case number, the child’s given name, age, sex and commune, the service, urgency, reason, ' +
      'the shared notes and the case worker’s contact — nothing else of the case. Staff in scope get the full view (`view: staff`).',
  })
  @ApiErrors(400, 401, 403, 404)
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(PartnerReferralDto) }, { $ref: getSchemaPath(StaffReferralDto) }], discriminator: { propertyName: 'view' } },
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ReferralViewDto> {
    return this.query.get(actor, id);
  }

  @Post(':id/accept')
  @Roles(Role.Partner)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Accept a pending referral',
    description: `Idempotent: accepting an accepted referral answers 200 unchanged. Not on a closed case. ${PARTNER_STEP}`,
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiOkResponse({ type: PartnerReferralDto })
  accept(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: ReferralStepDto): Promise<PartnerReferralDto> {
    return this.partner.accept(actor, id, dto);
  }

  @Post(':id/decline')
  @Roles(Role.Partner)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Decline a pending referral, with a reason',
    description: `The case’s worker of record and the referral’s sender are notified (referral.declined: inbox, e-mail, webhook), once each. ${PARTNER_STEP}`,
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiOkResponse({ type: PartnerReferralDto })
  decline(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: DeclineReferralDto): Promise<PartnerReferralDto> {
    return this.partner.decline(actor, id, dto);
  }

  @Post(':id/updates')
  @Roles(Role.Partner)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Report progress on an accepted referral', description: PARTNER_STEP })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiCreatedResponse({ type: ReferralUpdateDto })
  addUpdate(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: AddReferralUpdateDto): Promise<ReferralUpdateDto> {
    return this.partner.addUpdate(actor, id, dto);
  }

  @Post(':id/complete')
  @Roles(Role.Partner)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Complete an accepted referral, with its outcome', description: PARTNER_STEP })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiOkResponse({ type: PartnerReferralDto })
  complete(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: CompleteReferralDto): Promise<PartnerReferralDto> {
    return this.partner.complete(actor, id, dto);
  }

  @Post(':id/cancel')
  @Roles(Role.Caseworker, Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Withdraw a pending referral, with a reason',
    description:
      'The case’s assignee or a supervisor of its commune, before the partner answers (409 TRANSITION_NOT_ALLOWED once accepted or declined: an accepted referral is completed by the partner). ' +
      'Racing an acceptance, exactly one of the two succeeds. The reason stays with the case team.',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiOkResponse({ type: StaffReferralDto })
  cancel(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: CancelReferralDto): Promise<StaffReferralDto> {
    return this.referrals.cancel(actor, id, dto);
  }

  @Post(':id/withdraw')
  @Roles(Role.Caseworker, Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Withdraw an accepted referral, with a reason',
    description:
      'The case’s assignee or a supervisor of its commune ends an accepted referral (`withdrawn`, terminal; 409 TRANSITION_NOT_ALLOWED from any other status). ' +
      'The partner keeps a stub (status and dates) and can no longer report or complete it. Approving a closure does the same to every accepted referral ' +
      'not marked to continue after closure (reason `case_closed:<closure reason>`), and cancels the pending ones; the partner organisation is notified (referral.case_closed).',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiOkResponse({ type: StaffReferralDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: WithdrawReferralDto): Promise<StaffReferralDto> {
    return this.referrals.withdraw(actor, id, dto);
  }

  @Post(':id/continue-after-closure')
  @Roles(Role.Caseworker, Role.Supervisor)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Mark an accepted referral to continue after the case closes, with a reason',
    description:
      'The case’s assignee or a supervisor of its commune, on an accepted referral only (409 otherwise). A closure request as `resolved` is refused ' +
      '(409, missing `referrals_settled`, the ids in `referralIds`) while an accepted referral is neither completed, withdrawn nor marked so. ' +
      'On approval a marked referral stays accepted (unless the case closes as unfounded, duplicate or child_died, which end every referral). Marking again replaces the reason.',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiOkResponse({ type: StaffReferralDto })
  continueAfterClosure(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: ContinueAfterClosureDto): Promise<StaffReferralDto> {
    return this.referrals.continueAfterClosure(actor, id, dto);
  }
}
