import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CreateUserDto, CurrentActor, ListUsersQueryDto, Roles, UpdateUserDto, UserPageDto, UserResponseDto, UsersService } from '@haven/auth';
import { Role } from '@haven/domain';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Create a user of your province',
    description:
      'In the administrator’s own province only (another `provinceCode` answers 403). The password is temporary: the user must choose a new one at the first sign-in. ' +
      'Recorded in the admin audit; a user who can read cases is announced to the province’s managers. The first administrator of a province is made with the CLI (README, Security).',
  })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiErrors(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(actor, dto);
  }

  @Get()
  @Roles(Role.Admin, Role.Manager)
  @ApiOperation({ summary: 'List users', description: 'The users of the caller’s own province (another `provinceCode` gives an empty page).' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Manager)
  @ApiOperation({ summary: 'One user of your province', description: 'A user of another province answers 404.' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<UserResponseDto> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Change a user of your province',
    description:
      'A user of another province answers 404. Nobody changes their own role, communes, organisation or status (403; your own password: POST /me/password). ' +
      'Disabling, a password reset, a new role, communes or organisation end every session of the user at once; a password set here is temporary. ' +
      'Every change is in the admin audit; one that lets someone read cases is announced to the province’s managers, and a caseworker’s open cases in a commune they lose are announced to its supervisors for reassignment.',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.users.update(actor, id, dto);
  }
}
