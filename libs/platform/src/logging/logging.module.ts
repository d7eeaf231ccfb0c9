import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/config.module';
import { safeError } from '../errors/safe-error';
import { resolveRequestId } from '../http/request-id';

/**
 * Paths redacted from every log line. Besides secrets this covers personal
 * fields, in case an object about a person is ever logged by mistake.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.fullName',
  '*.givenName',
  '*.dateOfBirth',
  '*.address',
  '*.phone',
  '*.email',
];

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: (req: IncomingMessage) => resolveRequestId(req),
          redact: { paths: REDACT_PATHS, censor: '[redacted]' },
          // On every line, not only request logs (customProps would miss the worker, which has no requests).
          mixin: () => ({ app: process.env.HAVEN_APP ?? 'api' }),
          serializers: {
            // Every logged error, wherever it comes from: never a failed query's parameters.
            err: safeError,
            // The query string can carry a child's name (GET /children?q=...): log the path only.
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url?.split('?')[0] }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/api/v1/health') === true || req.url === '/api/v1/metrics' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
