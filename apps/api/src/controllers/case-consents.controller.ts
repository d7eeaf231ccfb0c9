import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@haven/auth';
import { ConsentDto, ConsentPageDto, ConsentService, RecordConsentDto, WithdrawConsentDto } from '@haven/cases';
import { Role, STAFF_ROLES } from '@haven/domain';
import { PageQueryDto } from '@haven/platform';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('cases')
export class CaseConsentsController {
  constructor(private readonly consents: ConsentService) {}

  @Post(':id/consents')
  @Roles(Role.Caseworker)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Record a consent (who, to what, when)',
    description:
      'The case’s assignee. Disclosure needs the guardian’s consent and, from age 7, the child’s own: record each as its own consent. ' +
      '`version` is optional (checked if given); the case version does not change. The timeline keeps the consent’s id and scopes only. Not on a closed case (409).',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiCreatedResponse({ type: ConsentDto })
  record(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: RecordConsentDto): Promise<ConsentDto> {
    return this.consents.record(actor, id, dto);
  }

  @Post(':id/consents/:consentId/withdraw')
  @Roles(Role.Caseworker)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Record the withdrawal of a consent',
    description: 'The case’s assignee; also on a closed case. A consent already withdrawn answers 409.',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiOkResponse({ type: ConsentDto })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('consentId', UuidPipe) consentId: string,
    @Body() dto: WithdrawConsentDto,
  ): Promise<ConsentDto> {
    return this.consents.withdraw(actor, id, consentId, dto);
  }

  @Get(':id/consents')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'The case’s consents, in force or withdrawn, newest first (the read is logged)' })
  @ApiErrors(400, 401, 403, 404)
  @ApiOkResponse({ type: ConsentPageDto })
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Query() query: PageQueryDto): Promise<ConsentPageDto> {
    return this.consents.list(actor, id, query);
  }
}
