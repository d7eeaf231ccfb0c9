import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig, AppException, ErrorCode } from '@haven/platform';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * /metrics tells an attacker what runs here and how busy it is. With
 * METRICS_TOKEN set it wants that bearer token; without one it is open
 * outside production and absent (404, like any unknown route) in production,
 * so a forgotten token fails closed without advertising the endpoint.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.METRICS_TOKEN;
    if (!expected) {
      if (this.config.NODE_ENV === 'production') throw new AppException(ErrorCode.RouteNotFound, 'No such route');
      return true;
    }
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const given = /^Bearer +(\S+)$/i.exec(header)?.[1] ?? '';
    // Equal-length digests, so neither the comparison nor a length check tells how much of the token was right.
    if (!timingSafeEqual(digest(given), digest(expected))) {
      throw new AppException(ErrorCode.Unauthenticated, 'The metrics token is missing or wrong', [], { 'www-authenticate': 'Bearer realm="metrics"' });
    }
    return true;
  }
}
