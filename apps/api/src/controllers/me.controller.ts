import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  AllowedBeforePasswordChange,
  Authenticated,
  AuthThrottlerGuard,
  ChangeOwnPasswordDto,
  CurrentActor,
  LoginResponseDto,
  OwnPasswordService,
  UserResponseDto,
  UsersService,
} from '@haven/auth';
import { ApiErrors } from '../openapi/api-errors.decorator';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly ownPassword: OwnPasswordService,
  ) {}

  @Get()
  @Authenticated()
  @AllowedBeforePasswordChange()
  @ApiOperation({ summary: 'The caller’s profile, role and jurisdiction' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(401)
  me(@CurrentActor() actor: Actor): Promise<UserResponseDto> {
    return this.users.me(actor);
  }

  @Post('password')
  @Authenticated()
  @AllowedBeforePasswordChange()
  @UseGuards(AuthThrottlerGuard)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Change your own password',
    description:
      'Proves the current password. Every other sign-in of yours ends at once; the answer is a fresh sign-in for this device. ' +
      'A wrong current password answers 400 naming `currentPassword` and counts as a failed sign-in.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 429)
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangeOwnPasswordDto, @Ip() ip: string): Promise<LoginResponseDto> {
    return this.ownPassword.change(actor, dto, ip);
  }
}
