import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '@haven/platform';
import type { Actor } from '../access/actor';
import { UsersService } from '../users/users.service';

/**
 * Bearer tokens on every non-public route. The actor is reloaded per request
 * (one indexed query) so a disabled user or a changed scope takes effect at
 * once rather than when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.JWT_ACCESS_SECRET, algorithms: ['HS256'], ignoreExpiration: false });
  }

  async validate(payload: { sub?: string }): Promise<Actor | false> {
    if (!payload.sub) return false;
    return (await this.users.findActor(payload.sub)) ?? false;
  }
}
