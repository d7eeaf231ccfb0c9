import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { ValidateBy } from 'class-validator';
import { isIpOrCidr, toList } from './ip-list';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

/**
 * Every environment variable the apps read. Defaults suit a developer's machine
 * (PostgreSQL and Redis on their default local ports); secrets have no default
 * in production (see validateEnv).
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/haven';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379/0';

  /** Prefix of every BullMQ key, so that several deployments (or test runs) share one Redis safely. */
  @Matches(/^[a-zA-Z0-9:_-]{1,64}$/)
  QUEUE_PREFIX = 'haven';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /**
   * Signs access tokens. Required in production; elsewhere, when unset, each process makes its own
   * random key (see validateEnv), so no key that works anywhere is written in the source.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_ACCESS_SECRET must be at least 32 characters' })
  JWT_ACCESS_SECRET?: string;

  /** Lifetime of access tokens in seconds (15 minutes by default). */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  JWT_ACCESS_TTL = 900;

  /** Lifetime of refresh tokens in seconds (14 days by default). */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(90 * 86400)
  REFRESH_TOKEN_TTL = 14 * 86400;

  /** Failed sign-ins for one username from one client address, within AUTH_LOCKOUT_SECONDS, before that pair is locked out. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  AUTH_LOCKOUT_THRESHOLD = 5;

  /** The window of the per-(username, address) count, and how long a locked pair stays locked, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  AUTH_LOCKOUT_SECONDS = 900;

  /**
   * The slower ceiling: failed sign-ins for one username from all addresses together, within
   * AUTH_USERNAME_CEILING_SECONDS, before the username is locked out everywhere for that long.
   * High enough that an outsider cannot cheaply keep a real user out; low enough to stop a
   * guessing attack spread over many addresses.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  AUTH_USERNAME_CEILING = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 86400)
  AUTH_USERNAME_CEILING_SECONDS = 3600;

  /** Requests per minute per client address on the auth routes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE = 30;

  /** Run pending migrations at start-up (under an advisory lock). */
  @Transform(toBool)
  @IsBoolean()
  DB_MIGRATIONS_RUN = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /** How long a query waits for a free pool connection (or a new one to open) before the request answers 503. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_POOL_ACQUIRE_TIMEOUT_MS = 10_000;

  /** Base URL of the web console, used for links in notifications. */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  @IsOptional()
  @IsString()
  DEMO_PASSWORD?: string;

  /** SMTP server for notification e-mails (smtp:// or smtps://, credentials in the URL); unset: no e-mail. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of notification e-mails. */
  @IsString()
  @MinLength(3)
  SMTP_FROM = 'Haven <no-reply@localhost>';

  /** Where signed notification webhooks are POSTed; unset: no webhooks. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  WEBHOOK_URL?: string;

  /** HMAC-SHA256 key of webhook signatures; required in production when WEBHOOK_URL is set (see validateEnv). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'WEBHOOK_SECRET must be at least 32 characters' })
  WEBHOOK_SECRET?: string;

  /** Tries per notification delivery (first try included) before it is dead-lettered. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  DELIVERY_ATTEMPTS = 5;

  /** First retry delay of a failed delivery; each retry waits twice as long as the one before. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  DELIVERY_BACKOFF_MS = 30_000;

  // --- HTTP surface (issue 10) ---

  /**
   * Addresses (IPs or CIDRs) of the reverse proxies whose X-Forwarded-For is
   * believed. Empty: none, so a client cannot choose the address it is
   * rate-limited under.
   */
  @Transform(toList)
  @ValidateBy({
    name: 'isIpOrCidrList',
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.every(isIpOrCidr),
      defaultMessage: (args) =>
        `TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges; not: ${(Array.isArray(args?.value) ? args.value.filter((v: unknown) => !isIpOrCidr(v)) : [args?.value]).join(', ')}`,
    },
  })
  TRUSTED_PROXIES: string[] = [];

  /** Send Strict-Transport-Security; only where clients reach the API over HTTPS. */
  @Transform(toBool)
  @IsBoolean()
  HSTS_ENABLED = false;

  /** Serve /docs and /docs-json; unset: on, except in production (see validateEnv). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DOCS_ENABLED?: boolean;

  /** Bearer token that /metrics requires; unset: open outside production, 404 in production. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;

  /** Idle time after which any socket is destroyed (Fastify connectionTimeout). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_CONNECTION_TIMEOUT_MS = 60_000;

  /** Time a client has to send a whole request, headers and body. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /** Time a client has to send the request headers; at most HTTP_REQUEST_TIMEOUT_MS (see validateEnv). */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  /** How long an idle keep-alive connection stays open after a response. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 5_000;

  /** Open connections per process; further ones are closed at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  HTTP_MAX_CONNECTIONS = 1000;

  /** On SIGTERM, how long readiness answers 503 while requests are still served; unset: 5000 in production, 0 elsewhere. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_DRAIN_MS?: number;
}

/** Keys published in earlier releases' source: refused in production, as anyone may know them. */
export const DEV_SECRETS = new Set(['dev-only-access-secret-change-me-0123456789']);
