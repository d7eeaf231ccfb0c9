import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@haven/platform';
import { ReferenceModule } from '@haven/reference';
import { AccessGuard } from './access/access.guard';
import { AdminAuditModule } from './admin-audit/admin-audit.module';
import { RouteAudit } from './access/route-audit';
import { AuthCoreModule } from './auth-core.module';
import { AuthService } from './auth/auth.service';
import { JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';
import { SignInFailuresService } from './sign-in/sign-in-failures.service';
import { RedisThrottlerStorage, ThrottlerStorageModule } from './throttle/redis-throttler.storage';
import { RefreshTokenEntity } from './tokens/refresh-token.entity';
import { UserCommuneEntity } from './users/user-commune.entity';
import { UserEntity } from './users/user.entity';
import { OwnPasswordService } from './users/own-password.service';
import { UsersService } from './users/users.service';
import { ActorsService } from './users/actors.service';

/** The auth routes' limiter; other routes are not throttled by default. */
export const AUTH_THROTTLER = 'auth';

@Module({
  imports: [
    DiscoveryModule,
    PassportModule,
    ReferenceModule,
    TypeOrmModule.forFeature([UserEntity, UserCommuneEntity, RefreshTokenEntity]),
    AuthCoreModule,
    AdminAuditModule,
    ThrottlerModule.forRootAsync({
      imports: [ThrottlerStorageModule],
      inject: [AppConfig, RedisThrottlerStorage],
      useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
        throttlers: [{ name: AUTH_THROTTLER, ttl: 60_000, limit: config.AUTH_RATE_LIMIT_PER_MINUTE }],
        storage,
      }),
    }),
  ],
  providers: [
    AuthService,
    ActorsService,
    UsersService,
    OwnPasswordService,
    SignInFailuresService,
    JwtStrategy,
    LocalStrategy,
    RouteAudit,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, ActorsService, UsersService, OwnPasswordService, SignInFailuresService, AuthCoreModule, AdminAuditModule, RouteAudit],
})
export class AuthModule {}
