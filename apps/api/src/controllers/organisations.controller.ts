import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@haven/auth';
import { Role, STAFF_ROLES } from '@haven/domain';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationListQueryDto,
  OrganisationPageDto,
  OrganisationsService,
  UpdateOrganisationDto,
} from '@haven/referrals';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Register a partner organisation',
    description:
      'Its type, the services it offers, its province and the communes it serves (none: the whole province). Unknown places answer 400 UNKNOWN_PLACE.',
  })
  @ApiErrors(400, 401, 403)
  @ApiCreatedResponse({ type: OrganisationDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(actor, dto);
  }

  @Get()
  @Roles(Role.Admin, ...STAFF_ROLES, Role.Partner)
  @ApiOperation({
    summary: 'Find partner organisations',
    description:
      'Staff see the active organisations, to refer to: filter by service type and by the commune served (organisations serving the whole province included). ' +
      'Admins see every organisation (filter `active`). A partner user sees its own organisation only.',
  })
  @ApiErrors(400, 401, 403)
  @ApiOkResponse({ type: OrganisationPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: OrganisationListQueryDto): Promise<OrganisationPageDto> {
    return this.organisations.list(actor, query);
  }

  @Get(':id')
  @Roles(Role.Admin, ...STAFF_ROLES, Role.Partner)
  @ApiOperation({ summary: 'One organisation', description: 'A partner user may open its own organisation only (404 for any other).' })
  @ApiErrors(400, 401, 403, 404)
  @ApiOkResponse({ type: OrganisationDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<OrganisationDto> {
    return this.organisations.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Change a partner organisation',
    description: 'Deactivating it stops new referrals to it; referrals under way carry on. A new province needs communes of that province (or []).',
  })
  @ApiErrors(400, 401, 403, 404)
  @ApiOkResponse({ type: OrganisationDto })
  update(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: UpdateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.update(actor, id, dto);
  }
}
