import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EnvironmentVariables } from '@haven/platform';

export const DOCS_PATH = 'docs';

/** Nothing inline, nothing from elsewhere, never framed: the API serves JSON, and a browser should treat it as inert. */
const API_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/**
 * Swagger UI's page has a `<style>` block, and its React code sets style
 * attributes and draws icons from data: URLs; its scripts are all files of
 * ours. So /docs alone may use inline styles and data: images, while scripts
 * stay 'self' (no 'unsafe-inline', no nonces needed).
 */
const DOCS_CSP = { ...API_CSP, 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] };

/**
 * Helmet's headers on every response. Referrer-Policy is no-referrer: the
 * API's URLs carry case and child ids, and nothing it serves needs to tell
 * another site where a click came from. HSTS only when HSTS_ENABLED says
 * clients reach us over HTTPS: sent over plain HTTP it would lock browsers out.
 */
export function useSecurityHeaders(app: NestFastifyApplication, env: EnvironmentVariables): void {
  const fastify = app.getHttpAdapter().getInstance();
  // Swagger's routes are Nest's, with no place for route options: tag them as they are added (before SwaggerModule.setup).
  const docsPrefix = `/${DOCS_PATH}`;
  fastify.addHook('onRoute', (route) => {
    if (route.url === docsPrefix || route.url.startsWith(`${docsPrefix}/`)) {
      route.config = { ...(route.config ?? {}), helmet: { contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP } } };
    }
  });
  // Fastify loads the plugin when the app starts (ready/listen); nothing to await here.
  void app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    xContentTypeOptions: true,
    strictTransportSecurity: env.HSTS_ENABLED ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
}
