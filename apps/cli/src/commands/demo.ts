import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { REFERRAL_STATUSES, STAGES } from '@haven/domain';
import { EnvironmentVariables } from '@haven/platform';
import { print } from '../cli-logger';
import { DEMO_PASSWORD_DEFAULT, demoPasswordSource } from '../demo/demo-data';
import { DemoCasesReport } from '../demo/demo-case.seeder';
import { DemoReferralsReport } from '../demo/demo-referral.seeder';
import { DemoSeedReport, formatDemoUsers } from '../demo/demo-seed.service';

/** dist/apps, from dist/apps/cli/src/commands. */
const APPS_DIR = resolve(__dirname, '..', '..', '..');

export interface DemoApp {
  name: 'api' | 'worker';
  main: string;
  /** Without it the demo cannot run; an optional app that is missing only earns a warning. */
  required: boolean;
}

export const DEMO_APPS: DemoApp[] = [
  { name: 'api', main: resolve(APPS_DIR, 'api', 'src', 'main.js'), required: true },
  { name: 'worker', main: resolve(APPS_DIR, 'worker', 'src', 'main.js'), required: false },
];

const READY_TIMEOUT_MS = 120_000;
const READY_POLL_MS = 500;
/** After a stop signal, children get this long to finish in-flight work before SIGKILL. */
const STOP_GRACE_MS = 20_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the API and the worker from the build as child processes, waits until
 * the API is ready, prints how to use it, and stays until they stop. Ctrl+C or
 * SIGTERM is passed on to both; if either dies on its own, the other is stopped
 * too and the demo exits non-zero.
 */
export class DemoRunner {
  private readonly logger = new Logger('demo');
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;
  private failed = false;
  private killTimer?: NodeJS.Timeout;
  private resolveDone!: (code: number) => void;
  private readonly done = new Promise<number>((r) => (this.resolveDone = r));

  constructor(
    private readonly env: EnvironmentVariables,
    private readonly apps: DemoApp[] = DEMO_APPS,
  ) {}

  async run(seed: DemoSeedReport): Promise<number> {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => this.stop(signal));
    // Last resort if this process dies of an error: do not leave the apps behind.
    process.on('exit', () => this.children.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL')));

    for (const app of this.apps) {
      if (existsSync(app.main)) this.start(app);
      else if (app.required) throw new Error(`${app.name} is not built (${app.main} is missing): run npm run build`);
      else this.logger.warn(`${app.name} is not built (${app.main} is missing); the demo runs without it`);
    }

    const ready = await this.waitUntilReady();
    if (ready) this.printWelcome(seed);
    return this.done;
  }

  private start(app: DemoApp): void {
    const child = spawn(process.execPath, [app.main], { stdio: 'inherit', env: { ...process.env, HAVEN_APP: app.name } });
    this.children.set(app.name, child);
    this.logger.log(`started ${app.name} (pid ${child.pid})`);
    child.on('error', (err) => this.logger.error(`${app.name} could not start: ${err.message}`));
    child.on('exit', (code, signal) => {
      this.children.delete(app.name);
      if (!this.stopping) {
        this.logger.error(`${app.name} stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); stopping the demo`);
        this.failed = true;
        this.stop('SIGTERM');
      } else {
        this.logger.log(`${app.name} stopped`);
      }
      if (this.children.size === 0) {
        clearTimeout(this.killTimer);
        this.resolveDone(this.failed ? 1 : 0);
      }
    });
  }

  /** Passes the signal on once; a second Ctrl+C does not hurry the apps (they finish in-flight work). */
  private stop(signal: NodeJS.Signals): void {
    if (this.stopping) return;
    this.stopping = true;
    if (this.children.size === 0) return this.resolveDone(this.failed ? 1 : 0);
    this.logger.log(`stopping (${signal})`);
    for (const child of this.children.values()) child.kill(signal);
    this.killTimer = setTimeout(() => {
      for (const [name, child] of this.children) {
        this.logger.warn(`${name} did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
        child.kill('SIGKILL');
      }
    }, STOP_GRACE_MS);
    this.killTimer.unref();
  }

  private get readyUrl(): string {
    const host = ['0.0.0.0', '::', ''].includes(this.env.HOST) ? '127.0.0.1' : this.env.HOST;
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.env.PORT}/api/v1/health/ready`;
  }

  /** Polls GET /api/v1/health/ready until it answers 200; false if the demo stopped or timed out meanwhile. */
  private async waitUntilReady(): Promise<boolean> {
    const started = Date.now();
    let last = 'no answer yet';
    while (!this.stopping) {
      try {
        const res = await fetch(this.readyUrl, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) {
          this.logger.log(`the API is ready (${((Date.now() - started) / 1000).toFixed(1)} s after start)`);
          return true;
        }
        last = `HTTP ${res.status}`;
      } catch (e) {
        last = (e as Error).message;
      }
      if (Date.now() - started > READY_TIMEOUT_MS) {
        this.logger.error(`the API was not ready after ${READY_TIMEOUT_MS / 1000} s (last answer: ${last}); stopping the demo`);
        this.failed = true;
        this.stop('SIGTERM');
        return false;
      }
      await sleep(READY_POLL_MS);
    }
    return false;
  }

  private printWelcome(seed: DemoSeedReport): void {
    const base = `http://localhost:${this.env.PORT}`;
    const password = process.env.DEMO_PASSWORD ? '$DEMO_PASSWORD' : DEMO_PASSWORD_DEFAULT;
    const running = this.apps.filter((a) => this.children.has(a.name)).map((a) => a.name);
    print(
      [
        '',
        '────────────────────────────────────────────────────────────────────────',
        ` Haven demo is running (${running.join(' + ')}), with demo data for Huế (province 46)`,
        '',
        `   API        ${base}/api/v1`,
        `   Docs       ${base}/docs   (OpenAPI JSON: ${base}/docs-json)`,
        `   Health     ${base}/api/v1/health/ready`,
        '',
        ` Sign in as demo-admin (every demo user's password is ${demoPasswordSource()}):`,
        '',
        `   curl -s -X POST ${base}/api/v1/auth/login \\`,
        `     -H 'Content-Type: application/json' \\`,
        `     -d "{\\"username\\":\\"demo-admin\\",\\"password\\":\\"${password}\\"}"`,
        '',
        ' then call the API with the accessToken it returns:',
        '',
        `   curl -s ${base}/api/v1/me -H "Authorization: Bearer <accessToken>"`,
        '',
        ' Demo users:',
        '',
        formatDemoUsers(seed.users).trimEnd(),
        '',
        ` Demo cases: ${describeDemoCases(seed.cases)}.`,
        ' demo-supervisor and demo-manager see them all; each caseworker sees their own (demo-admin sees none).',
        '',
        ` Demo partner organisations: ${seed.organisations.length} in Huế, at least one for every service type, each with its partner user (demo-partner*).`,
        ` Demo referrals: ${describeDemoReferrals(seed.referrals)}; each partner sees its organisation's in GET /api/v1/referrals.`,
        '',
        ' Ctrl+C to stop.',
        '────────────────────────────────────────────────────────────────────────',
        '',
      ].join('\n'),
    );
  }
}

/** "16 (pending 4, accepted 6, …)": counts only. */
function describeDemoReferrals(report: DemoReferralsReport): string {
  const statuses = REFERRAL_STATUSES.map((s) => `${s} ${report.byStatus[s]}`);
  return `${REFERRAL_STATUSES.reduce((n, s) => n + report.byStatus[s], 0)} (${statuses.join(', ')})`;
}

/** "36 (intake 4, assessment 7, …)": counts only. */
function describeDemoCases(report: DemoCasesReport): string {
  const stages = STAGES.map((s) => `${s} ${report.byStage[s]}`);
  return `${STAGES.reduce((n, s) => n + report.byStage[s], 0)} (${stages.join(', ')})`;
}
