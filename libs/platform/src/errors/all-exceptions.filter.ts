import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { AppException, ErrorDetail } from './app.exception';
import { ERROR_STATUS, ErrorCode } from './error-codes';
import { safeError } from './safe-error';

interface Mapped {
  status: number;
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
  headers: Record<string, string>;
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.ValidationFailed,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.Unauthenticated,
  [HttpStatus.FORBIDDEN]: ErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: ErrorCode.RouteNotFound,
  [HttpStatus.CONFLICT]: ErrorCode.Conflict,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PayloadTooLarge,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UnsupportedMediaType,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RateLimited,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.ServiceUnavailable,
};

const SAFE_MESSAGES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.Unauthenticated]: 'Sign in first: a valid bearer token is required',
  [ErrorCode.Forbidden]: 'Your role may not do this',
  [ErrorCode.RouteNotFound]: 'No such route',
  [ErrorCode.RateLimited]: 'Too many requests; slow down',
};

/** Seconds a client is asked to wait when the database is busy (pool exhausted) or unreachable. */
export const DATABASE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Fastify's own errors (body parsing, limits) carry a statusCode and a FST_* code. */
function isFastifyError(e: unknown): e is { statusCode: number; code: string; message: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    String((e as { code: string }).code).startsWith('FST_') &&
    typeof (e as { statusCode?: unknown }).statusCode === 'number'
  );
}

/**
 * The one place that turns an exception into the API's error shape. Anything
 * unknown becomes a 500 whose stack goes to the log, never to the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const mapped = this.map(exception, request);
    const requestId = String(request.id);
    reply.status(mapped.status);
    for (const [k, v] of Object.entries(mapped.headers)) reply.header(k, v);
    reply.header('x-request-id', requestId);
    void reply.send({ error: { code: mapped.code, message: mapped.message, details: mapped.details }, requestId });
  }

  /** Terminus answers 503 with each dependency's status: say which one is down. */
  private healthDetails(exception: HttpException): ErrorDetail[] {
    const body = exception.getResponse() as { details?: Record<string, { status?: string; message?: string }> };
    if (exception.getStatus() !== HttpStatus.SERVICE_UNAVAILABLE || typeof body !== 'object' || !body?.details) return [];
    return Object.entries(body.details).map(([field, v]) => ({ field, message: v.status === 'up' ? 'up' : `down${v.message ? `: ${v.message}` : ''}` }));
  }

  private map(exception: unknown, request: FastifyRequest): Mapped {
    if (exception instanceof AppException) {
      return { status: ERROR_STATUS[exception.code], code: exception.code, message: exception.message, details: exception.details, headers: exception.headers };
    }
    // Nest wraps Fastify's own 4xx errors (body parsing, limits) in an HttpException.
    const fastifyError = isFastifyError(exception)
      ? exception
      : exception instanceof HttpException && isFastifyError(exception.cause)
        ? exception.cause
        : undefined;
    if (fastifyError && fastifyError.statusCode < 500) {
      const code =
        fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? ErrorCode.UnsupportedMediaType
          : fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? ErrorCode.PayloadTooLarge
            : fastifyError.code.startsWith('FST_ERR_CTP')
              ? ErrorCode.InvalidJson
              : (STATUS_CODES[fastifyError.statusCode] ?? ErrorCode.ValidationFailed);
      const message = code === ErrorCode.InvalidJson ? 'The body is not valid JSON' : fastifyError.message;
      return { status: fastifyError.statusCode, code, message, details: [], headers: {} };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_CODES[status];
      if (code) {
        const headers: Record<string, string> = {};
        const retry = (exception.getResponse() as { retryAfter?: number })?.retryAfter;
        if (retry) headers['retry-after'] = String(retry);
        const message = SAFE_MESSAGES[code] ?? exception.message;
        return { status, code, message, details: this.healthDetails(exception), headers };
      }
    }
    if (exception instanceof SyntaxError && (exception as { statusCode?: number }).statusCode === 400) {
      return { status: 400, code: ErrorCode.InvalidJson, message: 'The body is not valid JSON', details: [], headers: {} };
    }
    if (isDatabaseUnavailable(exception)) {
      // Not a bug but a capacity or availability problem: the client may retry, the operator should know.
      this.logger.warn({ err: safeError(exception), requestId: request.id, route: request.routeOptions?.url }, 'database unavailable');
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        code: ErrorCode.ServiceUnavailable,
        message: 'The database is busy or unreachable; try again shortly',
        details: [],
        headers: { 'retry-after': String(DATABASE_UNAVAILABLE_RETRY_AFTER_SECONDS) },
      };
    }
    this.logger.error({ err: safeError(exception), requestId: request.id, route: request.routeOptions?.url }, 'unhandled error');
    return { status: 500, code: ErrorCode.Internal, message: 'Something went wrong; quote the request id when reporting it', details: [], headers: {} };
  }
}
