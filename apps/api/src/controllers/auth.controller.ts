import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import {
  Actor,
  AllowedBeforePasswordChange,
  AuthService,
  AuthThrottlerGuard,
  Authenticated,
  CurrentActor,
  LocalAuthGuard,
  LoginDto,
  LoginResponseDto,
  LogoutDto,
  Public,
  RefreshDto,
  SignedInActor,
  TokenPairDto,
} from '@haven/auth';
import { ApiErrors } from '../openapi/api-errors.decorator';

@ApiTags('auth')
@Controller('auth')
@UseGuards(AuthThrottlerGuard)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(LocalAuthGuard)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with username and password',
    description:
      'An unknown username, a wrong password, a disabled account and a locked-out one all answer 401 INVALID_CREDENTIALS alike. ' +
      'Repeated failures for a username from one address lock that pair out for a while; a higher ceiling locks the username from everywhere. ' +
      'Too many requests from one address answer 429 RATE_LIMITED with Retry-After. When `user.mustChangePassword` is true, only GET /me, POST /me/password and logout work until the password is changed.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 429)
  login(@Body() _body: LoginDto, @CurrentActor() actor: Actor): Promise<LoginResponseDto> {
    // The local strategy puts the signed-in user, with its session version, on the request.
    return this.auth.login(actor as SignedInActor);
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description: 'The old refresh token stops working; re-using a spent one revokes the whole chain.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(400, 401, 429)
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @AllowedBeforePasswordChange()
  @Throttle({ auth: { limit: 1000, ttl: 60_000 } })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'End this sign-in',
    description:
      'The access token used and its refresh tokens stop working at once. A refresh token of another sign-in of the caller, if given, ends that one too.',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiErrors(400, 401)
  logout(@CurrentActor() actor: Actor, @Body() dto: LogoutDto): Promise<void> {
    return this.auth.logout(actor, actor.sessionId!, dto.refreshToken);
  }
}
