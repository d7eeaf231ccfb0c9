import 'reflect-metadata';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppException, InvalidEnvironmentError, validateEnv } from '@haven/platform';
import { CliLogger, print } from './cli-logger';
import { createDatabaseIfMissing } from './commands/db-create';
import { DemoRunner } from './commands/demo';
import { addHolidayFromCli, HOLIDAY_ADD_USAGE, HOLIDAY_REMOVE_USAGE, removeHolidayFromCli } from './commands/holidays';
import { UsageError } from './commands/operator-args';
import { createUserFromCli, USER_CREATE_USAGE } from './commands/user-create';
import { CliModule } from './cli.module';
import { migrate } from './commands/migrate';
import { seedDemo } from './commands/seed-demo';
import { formatDemoCases } from './demo/demo-case.seeder';
import { demoPassword, DemoPasswordRequiredError, demoPasswordSource } from './demo/demo-data';
import { formatDemoOrganisations } from './demo/demo-organisation.seeder';
import { formatDemoReferrals } from './demo/demo-referral.seeder';
import { assertDemoPassword, DemoSeedReport, formatDemoUsers, WeakDemoPasswordError } from './demo/demo-seed.service';

const logger = new CliLogger();
Logger.overrideLogger(logger);

interface Command {
  summary: string;
  /** Set for commands that take options: how to call it. */
  usage?: string;
  run(args: string[]): Promise<number>;
}

/** A standalone Nest context (no HTTP server) on the migrated database, closed after the work. */
async function withApp<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  await migrate(validateEnv(process.env).DATABASE_URL);
  const app = await NestFactory.createApplicationContext(CliModule, { logger, abortOnError: false });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

/** The demo password, checked before anything is touched. */
function checkedDemoPassword(): string {
  const password = demoPassword();
  assertDemoPassword(password);
  return password;
}

/** The partner organisations: names, services and partner users (no personal data). */
function printDemoOrganisations(report: DemoSeedReport): void {
  const created = report.organisations.filter((o) => o.outcome === 'created').length;
  print(`\nDemo partner organisations in Huế (${report.organisations.length}; ${created} created by this run):\n`);
  print(formatDemoOrganisations(report.organisations));
}

function printDemoUsers(report: DemoSeedReport): void {
  print(`\nDemo users for Huế (province 46); their password is ${demoPasswordSource()}:\n`);
  print(formatDemoUsers(report.users));
}

/** Counts by stage only: the seed never prints anything about a child. */
function printDemoCases(report: DemoSeedReport): void {
  const { created, existing } = report.cases;
  print(`\nDemo cases by stage (${created} created by this run, ${existing} already there):\n`);
  print(formatDemoCases(report.cases));
}

/** Counts by status only, as for the cases. */
function printDemoReferrals(report: DemoSeedReport): void {
  const { created, existing, skipped } = report.referrals;
  const notSent = skipped ? `, ${skipped} not sent (see the warnings)` : '';
  print(`\nDemo referrals by status (${created} created by this run, ${existing} already there${notSent}):\n`);
  print(formatDemoReferrals(report.referrals));
}

const COMMANDS: Record<string, Command> = {
  'db:create': {
    summary: "create DATABASE_URL's database if it does not exist",
    run: async () => {
      await createDatabaseIfMissing(validateEnv(process.env).DATABASE_URL);
      return 0;
    },
  },
  migrate: {
    summary: 'apply pending migrations (under the advisory lock the apps use)',
    run: async () => {
      await migrate(validateEnv(process.env).DATABASE_URL);
      return 0;
    },
  },
  'seed:demo': {
    summary:
      'migrate, then load the demo partner organisations, demo users for every role, demo cases in every stage and referrals in every status (idempotent)',
    run: async () => {
      const env = validateEnv(process.env);
      const password = checkedDemoPassword();
      await migrate(env.DATABASE_URL);
      const report = await seedDemo(logger, password);
      printDemoOrganisations(report);
      printDemoUsers(report);
      printDemoCases(report);
      printDemoReferrals(report);
      return 0;
    },
  },
  'user:create': {
    summary: "create a user of any province, e.g. a province's first admin; prints a temporary password once (changed at first sign-in)",
    usage: USER_CREATE_USAGE,
    run: async (args) => {
      const { user, password } = await withApp((app) => createUserFromCli(app, args));
      print(
        `Created ${user.role} ${user.username} (province ${user.provinceCode}${user.communeCodes.length ? `, communes ${user.communeCodes.join(', ')}` : ''}).`,
      );
      print(`Temporary password (shown once; the user must choose a new one at the first sign-in): ${password}`);
      return 0;
    },
  },
  'holiday:add': {
    summary: 'add a day to the national working-day calendar',
    usage: HOLIDAY_ADD_USAGE,
    run: async (args) => {
      const day = await withApp((app) => addHolidayFromCli(app, args));
      print(`Added ${day.date} (${day.kind}${day.confirmed ? '' : ', unconfirmed'}): ${day.nameVi}`);
      return 0;
    },
  },
  'holiday:remove': {
    summary: 'remove a day from the national working-day calendar',
    usage: HOLIDAY_REMOVE_USAGE,
    run: async (args) => {
      const date = await withApp((app) => removeHolidayFromCli(app, args));
      print(`Removed ${date}`);
      return 0;
    },
  },
  demo: {
    summary: 'db:create + migrate + seed:demo, then run the API and the worker until Ctrl+C',
    run: async () => {
      const env = validateEnv(process.env);
      const password = checkedDemoPassword();
      await createDatabaseIfMissing(env.DATABASE_URL);
      await migrate(env.DATABASE_URL);
      // The runner prints the demo users with the rest of the welcome, once the API is ready.
      return new DemoRunner(env).run(await seedDemo(logger, password));
    },
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Usage: node dist/apps/cli/src/main.js <command>',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).flatMap(([name, c]) => [
      `  ${name.padEnd(width)}  ${c.summary}`,
      ...(c.usage ? [`  ${''.padEnd(width)}  usage: ${c.usage}`] : []),
    ]),
    '',
    'Configuration comes from the environment (DATABASE_URL, REDIS_URL, PORT, DEMO_PASSWORD, ...; see README.md).',
  ].join('\n');
}

/** What went wrong, without stack traces for the failures a user can fix, and without secrets. */
function describeFailure(err: unknown): string {
  if (err instanceof InvalidEnvironmentError || err instanceof WeakDemoPasswordError || err instanceof DemoPasswordRequiredError) return err.message;
  if (err instanceof AppException)
    return `${err.code}: ${err.message}${err.details.length ? ` (${err.details.map((d) => `${d.field ?? ''} ${d.message}`.trim()).join('; ')})` : ''}`;
  const code = (err as { code?: string } | undefined)?.code;
  if (code === 'ECONNREFUSED') return `${(err as Error).message}: is PostgreSQL (or Redis) running? See README.md, prerequisites.`;
  if (code === '3D000') return `${(err as Error).message}: run the db:create command first.`;
  // A PostgreSQL error (SQLSTATE code): its message says what is wrong; the stack would only be noise.
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return `PostgreSQL: ${(err as Error).message} (SQLSTATE ${code})`;
  return (err as Error)?.stack ?? String(err);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || ['-h', '--help', 'help'].includes(name)) {
    print(usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command || (rest.length > 0 && !command.usage)) {
    process.stderr.write(`${command ? `${name} takes no arguments` : `unknown command: ${name}`}\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`haven ${name}: ${e.message}\nusage: ${command.usage}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`haven: ${describeFailure(err)}\n`);
    process.exit(1);
  },
);
