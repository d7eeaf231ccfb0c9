import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Role } from '@haven/domain';
import { AppException, ErrorCode, isDatabaseUnavailable } from '@haven/platform';
import { ACCESS_KEY, AccessRule, BEFORE_PASSWORD_CHANGE_KEY } from './access.decorator';
import type { Actor } from './actor';

/**
 * Deny by default: a route must declare who may call it. Undeclared routes
 * are refused here, and the route audit at boot refuses to start an app that
 * has one.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) throw AppException.forbidden('This route declares no access rule');
    if (rule.kind === 'public') return true;
    await (super.canActivate(context) as Promise<boolean>);
    const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
    if (
      actor.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean | undefined>(BEFORE_PASSWORD_CHANGE_KEY, [context.getHandler(), context.getClass()])
    ) {
      throw new AppException(ErrorCode.PasswordChangeRequired, 'Choose a new password first (POST /me/password): an administrator set this one');
    }
    if (rule.kind === 'roles') {
      if (!rule.roles.includes(actor.role)) {
        // To an outside organisation's staff, routes not meant for them do not exist: nothing to probe.
        if (actor.role === Role.Partner) throw AppException.notFound();
        throw AppException.forbidden();
      }
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    // The database busy or gone is not a bad token: the filter answers 503, and the client keeps its session.
    if (err instanceof AppException || isDatabaseUnavailable(err)) throw err;
    if (err || !user) throw new AppException(ErrorCode.Unauthenticated, 'Sign in first: a valid bearer token is required');
    return user;
  }
}
