import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@haven/platform';
import { RefreshTokenEntity } from './tokens/refresh-token.entity';
import { TokenService } from './tokens/token.service';

/**
 * Tokens without the HTTP side of auth (guards, strategies, throttling), so
 * the worker can run token housekeeping through the service that owns the
 * table. AuthModule imports it for the API.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([RefreshTokenEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_ACCESS_SECRET, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [TokenService],
  exports: [TokenService],
})
export class AuthCoreModule {}
