import { ConsoleLogger } from '@nestjs/common';

/** Nest's start-up chatter, useless to someone running a command. */
const QUIET_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'NestApplication', 'NestApplicationContext']);

/**
 * The CLI's logger: Nest's console logger without the framework's start-up
 * lines. Messages are about steps and counts; they never carry personal data.
 */
export class CliLogger extends ConsoleLogger {
  constructor() {
    super({ prefix: 'haven', logLevels: ['fatal', 'error', 'warn', 'log'] });
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.length ? optionalParams[optionalParams.length - 1] : this.context;
    if (typeof context === 'string' && QUIET_CONTEXTS.has(context)) return;
    super.log(message, ...optionalParams);
  }
}

/** User-facing output (summaries, tables): plain text on stdout. */
export function print(text = ''): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A connection URL safe to show: the password, if any, is masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
