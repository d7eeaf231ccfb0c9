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
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiErrors(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(actor, dto);
  }

  @Get()
  @Roles(Role.Admin, Role.Manager)
  @ApiOperation({ summary: 'List users', description: 'Admins see everyone; managers the users of their own province.' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(actor, query);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Change a user', description: 'Disabling, a new password or a new role ends every session of the user.' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.users.update(actor, id, dto);
  }
}
