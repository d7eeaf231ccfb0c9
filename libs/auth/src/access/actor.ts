import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Role } from '@haven/domain';

/** Who is calling: what every service method takes first to decide access. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  provinceCode: string;
  communeCodes: string[];
  organisationId: string | null;
  /** The password was set by an administrator: nothing but choosing a new one is allowed. */
  mustChangePassword?: boolean;
  /** The sign-in the request's access token belongs to (absent outside HTTP requests). */
  sessionId?: string;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ user?: Actor }>();
  if (!request.user) throw new Error('CurrentActor used on a route without authentication');
  return request.user;
});
