import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import {
  Actor,
  AuthService,
  AuthThrottlerGuard,
  Authenticated,
  CurrentActor,
  LocalAuthGuard,
  LoginDto,
  LoginResponseDto,
  Public,
  RefreshDto,
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
    description: 'Repeated failures lock the account for a while (429 ACCOUNT_LOCKED with Retry-After).',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 429)
  login(@Body() _body: LoginDto, @CurrentActor() actor: Actor): Promise<LoginResponseDto> {
    return this.auth.login(actor);
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
  @Throttle({ auth: { limit: 1000, ttl: 60_000 } })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the sign-in the refresh token belongs to' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiErrors(400, 401)
  logout(@CurrentActor() actor: Actor, @Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(actor, dto.refreshToken);
  }
}
