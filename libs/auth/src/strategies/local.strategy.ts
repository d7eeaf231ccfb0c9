import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AuthService, SignedInActor } from '../auth/auth.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    // The request, for the client address that failures are counted by (see TRUSTED_PROXIES).
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  validate(request: { ip?: string }, username: string, password: string): Promise<SignedInActor> {
    return this.auth.validateCredentials(username, password, request.ip ?? 'unknown');
  }
}
