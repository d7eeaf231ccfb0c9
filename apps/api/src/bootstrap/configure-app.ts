import { ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import {
  AllExceptionsFilter,
  AppConfig,
  AppException,
  ErrorCode,
  exceedsDepth,
  MAX_JSON_DEPTH,
  MetricsService,
  textProblems,
  validationExceptionFactory,
} from '@haven/platform';
import { METRICS_SECURITY } from '../health/metrics.controller';
import { BODY_LIMIT } from './fastify-adapter';
import { closeConnectionsWhileDraining } from './graceful-shutdown';
import { DOCS_PATH, useSecurityHeaders } from './security-headers';

export const API_PREFIX = 'api/v1';

/**
 * Fastify's own JSON parser (which refuses __proto__ and constructor keys),
 * plus a depth limit: a few kilobytes of nested brackets would otherwise
 * overflow the stack of the validation pipe and answer 500.
 */
function useSafeJsonParser(app: NestFastifyApplication): void {
  const parseJson = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT }, (req, body, done) => {
    // Nest's typing widens the request to any raw server; Fastify's parser needs the HTTP/1 one.
    parseJson(req as never, body.toString('utf8'), (err: Error | null, value?: unknown) => {
      if (err) return done(err, undefined);
      if (exceedsDepth(value, MAX_JSON_DEPTH)) {
        return done(new AppException(ErrorCode.BodyTooDeep, `The body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      }
      done(null, value);
    });
  });
}

/**
 * Everything an API instance needs besides its module: shared by main.ts and
 * the e2e tests so that tests exercise the real pipeline.
 */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  app.useLogger(app.get(Logger));
  useSafeJsonParser(app);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  // Signals are main.ts's business (see shutDownGracefully): Nest's own hooks would close without draining.
  const config = app.get(AppConfig);
  useSecurityHeaders(app, config);
  closeConnectionsWhileDraining(app);

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // The one text rule (see textProblems), for every route: preValidation runs once the body is
  // parsed and before Nest's guards, pipes and handlers, so no route meets such text. It answers
  // VALIDATION_FAILED rather than a code of its own: the DTOs already refuse control characters
  // with it, and a client fixes the field the same way whichever check caught it.
  fastify.addHook('preValidation', async (request, reply) => {
    const details = [...textProblems(request.params), ...textProblems(request.query), ...textProblems(request.body)];
    if (details.length === 0) return;
    return reply.status(400).send({
      error: { code: ErrorCode.ValidationFailed, message: 'Text must not contain NUL characters or unpaired surrogates', details },
      requestId: request.id,
    });
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observeHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  if (config.DOCS_ENABLED) useApiDocs(app);
  return app;
}

/** Swagger UI at /docs and the document at /docs-json; off in production unless DOCS_ENABLED. */
function useApiDocs(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Haven API')
      .setDescription('Case management for child protection in Vietnam. Errors share one shape: `{ error: { code, message, details[] }, requestId }`.')
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      .addServer('/', 'This server')
      .addBearerAuth()
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' }, METRICS_SECURITY)
      .build(),
  );
  // Only the public routes (sign-in, refresh, health) declare no bearer scheme: say so explicitly
  // (an empty requirement), so that a reader or a linter does not take them for forgotten ones.
  for (const item of Object.values(document.paths)) {
    for (const op of [item.get, item.put, item.post, item.delete, item.patch]) if (op && !op.security) op.security = [];
  }
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json`, useGlobalPrefix: false });
}
