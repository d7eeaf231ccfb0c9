import { AccessRule, DeclaredRoute, RouteAudit } from '@haven/auth';
import type { Role } from '@haven/domain';
import type { TestApi } from './app';

/** The global prefix every route of the API is served under. */
export const API_BASE = '/api/v1';

/** What the API answers with for every status ≥ 400: `{ error: { code, message, details }, requestId }`. */
export const ERROR_CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** Every route of the running app with its access rule, as the route audit sees it (new routes appear here by themselves). */
export function declaredRoutes(api: TestApi): DeclaredRoute[] {
  return api.app.get(RouteAudit).routes();
}

/** `cases/:id/separations/:sid/end` → `['id', 'sid']`. */
export function pathParams(route: Pick<DeclaredRoute, 'path'>): string[] {
  return route.path
    .split('/')
    .filter((segment) => segment.startsWith(':'))
    .map((segment) => segment.slice(1));
}

/** Where the OpenAPI document lists the route: `cases/:id` → `/api/v1/cases/{id}`. */
export function openApiPath(route: Pick<DeclaredRoute, 'path'>): string {
  const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return path ? `${API_BASE}/${path}` : API_BASE;
}

/** The URL of the route with each `:param` replaced by the given (already URL-safe) segment. */
export function urlOf(route: Pick<DeclaredRoute, 'path'>, params: Record<string, string>): string {
  const path = route.path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    if (!(name in params)) throw new Error(`no value for :${name} of ${route.path}`);
    return params[name];
  });
  return path ? `${API_BASE}/${path}` : API_BASE;
}

export const isPublic = (rule: AccessRule | undefined): boolean => rule?.kind === 'public';

/** Whether the access rule lets this role through (null: no token). A route without a rule lets nobody through. */
export function mayCall(rule: AccessRule | undefined, role: Role | null): boolean {
  if (!rule) return false;
  if (rule.kind === 'public') return true;
  if (role === null) return false;
  return rule.kind === 'authenticated' || rule.roles.includes(role);
}

/** `{ error: { code, message, details[] }, requestId }`, or a list of what is wrong with the body. */
export function errorShapeProblems(body: unknown): string[] {
  const problems: string[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['the body is not a JSON object'];
  const { error, requestId } = body as { error?: unknown; requestId?: unknown };
  if (typeof requestId !== 'string' || requestId === '') problems.push('requestId is not a non-empty string');
  if (typeof error !== 'object' || error === null) return [...problems, 'error is not an object'];
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof code !== 'string' || !ERROR_CODE.test(code)) problems.push(`error.code ${JSON.stringify(code)} is not a SNAKE_UPPER string`);
  if (typeof message !== 'string' || message === '') problems.push('error.message is not a non-empty string');
  if (!Array.isArray(details)) problems.push('error.details is not an array');
  else if (details.some((d) => typeof d !== 'object' || d === null || typeof (d as { message?: unknown }).message !== 'string'))
    problems.push('an entry of error.details has no message');
  return problems;
}
