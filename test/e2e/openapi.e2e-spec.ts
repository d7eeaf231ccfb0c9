import type { DeclaredRoute } from '@haven/auth';
import { startApi, TestApi } from '../support/app';
import { declaredRoutes, isPublic, openApiPath, pathParams } from '../support/routes';

/*
 * The OpenAPI document (/docs-json) must describe every route the app serves, as the route audit
 * lists them (so a new route is checked without touching this file): summary, success and error
 * responses in the one error shape, security, request bodies, and nothing secret.
 */

const ERROR_RESPONSE_REF = '#/components/schemas/ErrorResponseDto';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  security?: Record<string, string[]>[];
}

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, unknown>; securitySchemes?: Record<string, { type: string; scheme?: string }> };
}

/** Every `$ref` anywhere in the value, with where it was found. */
function refsIn(value: unknown, at = '#'): { at: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refsIn(v, `${at}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [{ at, ref: v }] : refsIn(v, `${at}/${k}`)));
}

/** Every property name of every schema, inline ones included, with where it was found. */
function propertyNames(value: unknown, at = '#'): { at: string; name: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => propertyNames(v, `${at}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k === 'properties' && typeof v === 'object' && v !== null ? Object.keys(v).map((name) => ({ at, name })) : []),
    ...propertyNames(v, `${at}/${k}`),
  ]);
}

const resolve = (doc: OpenApiDocument, ref: string): unknown =>
  ref.startsWith('#/')
    ? ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc)
    : undefined;

describe('the OpenAPI document', () => {
  let api: TestApi;
  let doc: OpenApiDocument;
  let routes: DeclaredRoute[];

  const operationOf = (route: DeclaredRoute): Operation | undefined => doc.paths[openApiPath(route)]?.[route.method.toLowerCase() as (typeof METHODS)[number]];
  const name = (route: DeclaredRoute) => `${route.method} ${openApiPath(route)}`;

  beforeAll(async () => {
    api = await startApi();
    routes = declaredRoutes(api);
    // Public: no token.
    const res = await api.http.get('/docs-json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = res.body;
  });
  afterAll(() => api.close());

  it('is public, valid OpenAPI 3 and resolves every $ref', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    expect(typeof doc.paths).toBe('object');
    expect(doc.components.securitySchemes?.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    const broken = refsIn(doc)
      .filter(({ ref }) => resolve(doc, ref) === undefined)
      .map(({ at, ref }) => `${at}: ${ref}`);
    expect(broken).toEqual([]);
    const noResponses = Object.entries(doc.paths).flatMap(([path, ops]) =>
      METHODS.filter((m) => ops[m] && (typeof ops[m]!.responses !== 'object' || !Object.keys(ops[m]!.responses!).length)).map(
        (m) => `${m.toUpperCase()} ${path}`,
      ),
    );
    expect(noResponses).toEqual([]);
  });

  it('lists every route of the app under /api/v1 with its method, and nothing else', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(routes.filter((r) => !operationOf(r)).map(name)).toEqual([]);
    const served = new Set(routes.map(name));
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => METHODS.filter((m) => ops[m]).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.filter((op) => !served.has(op))).toEqual([]);
  });

  it('gives every operation a summary and at least one 2xx response', () => {
    const noSummary = routes.filter((r) => !operationOf(r)?.summary?.trim()).map(name);
    const noSuccess = routes.filter((r) => !Object.keys(operationOf(r)?.responses ?? {}).some((status) => /^2\d\d$/.test(status))).map(name);
    expect({ noSummary, noSuccess }).toEqual({ noSummary: [], noSuccess: [] });
  });

  it('declares bearer security on every route but the public ones, and none on those', () => {
    const bearer = (op: Operation | undefined) => (op?.security ?? []).some((requirement) => 'bearer' in requirement);
    const missing = routes.filter((r) => !isPublic(r.rule) && !bearer(operationOf(r))).map(name);
    const needless = routes.filter((r) => isPublic(r.rule) && bearer(operationOf(r))).map(name);
    expect({ missing, needless }).toEqual({ missing: [], needless: [] });
  });

  it('declares every path parameter of every route', () => {
    const undeclared = routes.flatMap((r) =>
      pathParams(r)
        .filter((p) => !(operationOf(r)?.parameters ?? []).some((d) => d.in === 'path' && d.name === p && d.required))
        .map((p) => `${name(r)}: {${p}}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('answers every declared 4xx with the ErrorResponseDto schema', () => {
    const bad = routes.flatMap((r) =>
      Object.entries(operationOf(r)?.responses ?? {})
        .filter(([status]) => /^4\d\d$/.test(status))
        .filter(([, response]) => response.content?.['application/json']?.schema?.$ref !== ERROR_RESPONSE_REF)
        .map(([status]) => `${name(r)} ${status}`),
    );
    expect(bad).toEqual([]);
    expect(doc.components.schemas.ErrorResponseDto).toBeDefined();
  });

  it('has a schema in components for every request body it references', () => {
    const bad = routes.flatMap((r) =>
      Object.entries(operationOf(r)?.requestBody?.content ?? {}).flatMap(([type, media]) =>
        refsIn(media.schema)
          .filter(({ ref }) => !ref.startsWith('#/components/schemas/') || !doc.components.schemas[ref.slice('#/components/schemas/'.length)])
          .map(({ ref }) => `${name(r)} (${type}): ${ref}`),
      ),
    );
    expect(bad).toEqual([]);
  });

  it('never exposes a passwordHash', () => {
    expect(propertyNames(doc).filter((p) => /^password_?hash$/i.test(p.name))).toEqual([]);
    expect(JSON.stringify(doc)).not.toMatch(/password_?hash/i);
  });

  it('types every parameter and property (no empty `Object` placeholder schema)', () => {
    // A property without a type Swagger can reflect (e.g. `page = 1` with no @ApiProperty type) becomes a ref to an empty `Object` schema.
    const placeholder = (value: unknown) => refsIn(value).some(({ ref }) => ref === '#/components/schemas/Object');
    const placeholders = [
      ...routes.flatMap((r) => (operationOf(r)?.parameters ?? []).filter((p) => placeholder(p.schema)).map((p) => `${name(r)} ${p.in} parameter ${p.name}`)),
      ...routes.filter((r) => placeholder(operationOf(r)?.requestBody) || placeholder(operationOf(r)?.responses)).map((r) => `${name(r)} body`),
      ...Object.entries(doc.components.schemas).flatMap(([schema, value]) =>
        Object.entries((value as { properties?: Record<string, unknown> }).properties ?? {})
          .filter(([, property]) => placeholder(property))
          .map(([property]) => `schema ${schema}.${property}`),
      ),
    ];
    expect(placeholders).toEqual([]);
  });

  it('serves the Swagger UI at /docs (public HTML)', async () => {
    const res = await api.http.get('/docs').redirects(2);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/swagger/i);
  });
});
