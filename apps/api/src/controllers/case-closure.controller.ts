import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CommandRoute, CurrentActor } from '@haven/auth';
import { CaseDetailDto, ClosureService, DecisionCommentDto, ReopenDto, RequestClosureDto } from '@haven/cases';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

/** Closure (Decree 56 art. 30) and reopening. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseClosureController {
  constructor(private readonly closure: ClosureService) {}

  // Supervisors too: the domain lets one close a duplicate caught before assignment.
  @Post(':id/closure')
  @CommandRoute('requestClosure')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Request closure with a reason',
    description:
      'By the case’s assignee (or a supervisor). `resolved` only from review, after a review found the child no longer at risk; the other reasons from any open stage. The case is frozen until a supervisor decides. Answers the updated case. ' +
      'The case’s open referrals are listed on its timeline (`closure.open_referrals`). For `resolved`, every accepted referral must first be completed, withdrawn ' +
      '(POST /referrals/{id}/withdraw) or marked to continue after closure (POST /referrals/{id}/continue-after-closure): otherwise 409 TRANSITION_NOT_ALLOWED, missing `referrals_settled`, the ids in `referralIds`.',
  })
  @ApiOkResponse({ type: CaseDetailDto, description: 'The case with the pending request' })
  @ApiErrors(400, 401, 403, 404, 409)
  request(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: RequestClosureDto): Promise<CaseDetailDto> {
    return this.closure.request(actor, id, dto);
  }

  @Post(':id/closure/approve')
  @CommandRoute('approveClosure')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Approve the pending closure request',
    description:
      'By a supervisor who did not request it. Closes the case; answers it. In the same transaction its referrals end: pending ones are cancelled, accepted ones withdrawn ' +
      'unless marked to continue after closure (reason `case_closed:<closure reason>`, each on the timeline); each partner organisation concerned is told ' +
      '(`referral.case_closed`: case number and referral id, nothing about the child) and keeps only a stub of a cancelled or withdrawn referral. The case’s deadlines are cancelled.',
  })
  @ApiOkResponse({ type: CaseDetailDto, description: 'The closed case' })
  @ApiErrors(400, 401, 403, 404, 409)
  approve(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: DecisionCommentDto): Promise<CaseDetailDto> {
    return this.closure.approve(actor, id, dto);
  }

  @Post(':id/closure/reject')
  @CommandRoute('rejectClosure')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Reject the pending closure request',
    description: 'By a supervisor who did not request it. The case carries on in its stage; answers it.',
  })
  @ApiOkResponse({ type: CaseDetailDto, description: 'The case, request cleared' })
  @ApiErrors(400, 401, 403, 404, 409)
  reject(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: DecisionCommentDto): Promise<CaseDetailDto> {
    return this.closure.reject(actor, id, dto);
  }

  @Post(':id/reopen')
  @CommandRoute('reopen')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Reopen a closed case with a reason',
    description:
      'Back to assessment: the closure is cleared and fresh initial and needs assessments are owed. Referrals the closure cancelled or withdrew stay so: new ones are sent. Answers the updated case.',
  })
  @ApiOkResponse({ type: CaseDetailDto, description: 'The reopened case, in assessment' })
  @ApiErrors(400, 401, 403, 404, 409)
  reopen(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: ReopenDto): Promise<CaseDetailDto> {
    return this.closure.reopen(actor, id, dto);
  }
}
