import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor, UserResponseDto, UsersService } from '@haven/auth';
import { ApiErrors } from '../openapi/api-errors.decorator';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The caller’s profile, role and jurisdiction' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(401)
  me(@CurrentActor() actor: Actor): Promise<UserResponseDto> {
    return this.users.me(actor);
  }
}
