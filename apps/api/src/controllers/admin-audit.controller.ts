import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AdminAuditPageDto, AdminAuditQueryDto, AdminAuditService, CurrentActor, Roles } from '@haven/auth';
import { Role } from '@haven/domain';
import { ApiErrors } from '../openapi/api-errors.decorator';

@ApiTags('users')
@ApiBearerAuth()
@Controller('admin-audit')
export class AdminAuditController {
  constructor(private readonly audit: AdminAuditService) {}

  @Get()
  @Roles(Role.Admin, Role.Manager)
  @ApiOperation({
    summary: 'The administrative changes of your province',
    description:
      'Append-only, newest first: users created and changed (role, communes, organisation, profile, password reset, disabled or enabled), own password changes, organisations and the deadline policy. ' +
      'Who did it (a user, or `operator` for the command line), to what, which fields from what to what; never a password or a hash.',
  })
  @ApiOkResponse({ type: AdminAuditPageDto })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: AdminAuditQueryDto): Promise<AdminAuditPageDto> {
    return this.audit.list(actor, query);
  }
}
