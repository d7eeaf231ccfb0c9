import { randomBytes } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { DEV_SECRETS, EnvironmentVariables } from './env.dto';

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Outside production, one random signing key per process when none is configured: made once, so every validateEnv call agrees. */
let processJwtSecret: string | undefined;
const jwtSecretOfThisProcess = () => (processJwtSecret ??= randomBytes(48).toString('base64url'));

const SECRET_KEYS: (keyof EnvironmentVariables)[] = ['JWT_ACCESS_SECRET'];

function describe(errors: ValidationError[]): string[] {
  return errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
}

/**
 * Validates the whole environment at once and lists every bad variable, so an
 * operator fixes them in one go rather than one restart per mistake.
 */
export function validateEnv(raw: Record<string, string | undefined>): EnvironmentVariables & { JWT_ACCESS_SECRET: string } {
  const known = Object.keys(new EnvironmentVariables());
  const picked: Record<string, string> = {};
  for (const key of known) {
    const value = raw[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const env = plainToInstance(EnvironmentVariables, picked, { exposeDefaultValues: true });
  const problems = describe(validateSync(env, { skipMissingProperties: false, forbidUnknownValues: true }));
  if (env.NODE_ENV === 'production') {
    for (const key of SECRET_KEYS) {
      const value = raw[key];
      if (!value) problems.push(`${key}: required in production`);
      else if (DEV_SECRETS.has(value)) problems.push(`${key}: the development default may not be used in production`);
      else if (value.length < 32 || new Set(value).size < 10) problems.push(`${key}: too weak (at least 32 characters, varied)`);
    }
    // Receivers trust a webhook because of its signature: no URL without a real key.
    if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) problems.push('WEBHOOK_SECRET: required in production when WEBHOOK_URL is set');
    else if (env.WEBHOOK_URL && env.WEBHOOK_SECRET && new Set(env.WEBHOOK_SECRET).size < 10)
      problems.push('WEBHOOK_SECRET: too weak (at least 32 characters, varied)');
  }
  problems.push(...resolveHttpSurface(env, problems));
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  if (!env.JWT_ACCESS_SECRET) env.JWT_ACCESS_SECRET = jwtSecretOfThisProcess();
  return env as EnvironmentVariables & { JWT_ACCESS_SECRET: string };
}

/**
 * HTTP surface (issue 10): defaults that depend on NODE_ENV, and checks that
 * span two variables. Production hides the API docs and waits for load
 * balancers to notice readiness going down; a developer wants neither.
 */
function resolveHttpSurface(env: EnvironmentVariables, earlier: string[]): string[] {
  const production = env.NODE_ENV === 'production';
  env.DOCS_ENABLED ??= !production;
  env.SHUTDOWN_DRAIN_MS ??= production ? 5000 : 0;
  const problems: string[] = [];
  // Node refuses a server whose headers timeout outlasts its request timeout (compared only when both are valid).
  const timeoutsValid = !earlier.some((p) => /^HTTP_(HEADERS|REQUEST)_TIMEOUT_MS:/.test(p));
  if (timeoutsValid && env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS)
    problems.push('HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS');
  if (production && env.METRICS_TOKEN && new Set(env.METRICS_TOKEN).size < 10) problems.push('METRICS_TOKEN: too weak (at least 32 characters, varied)');
  return problems;
}
