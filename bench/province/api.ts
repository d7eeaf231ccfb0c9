import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, statSync, WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DIST_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
export const QUEUE_PREFIX = 'haven-bench-province';

export interface ApiOptions {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  poolSize: number;
  fromSource: boolean;
}

/** The newest modification time of the TypeScript the build is made from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The API under test: the build when there is one (it starts in seconds), else the TypeScript
 * sources through ts-node, as bench/deadlines.bench.ts runs the worker. Its log (JSON lines,
 * warnings and errors only) goes to a file; `problems()` summarises it at the end.
 */
export class ApiProcess {
  readonly baseUrl: string;
  readonly logPath = join(tmpdir(), `haven-bench-province-api-${process.pid}.log`);
  readonly entry: string;
  private proc: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private lines = { warn: 0, error: 0, other: 0 };
  private samples: string[] = [];
  private tail = '';

  constructor(private readonly options: ApiOptions) {
    this.baseUrl = `http://127.0.0.1:${options.port}`;
    const useDist = !options.fromSource && existsSync(DIST_MAIN);
    this.entry = useDist ? 'dist/apps/api/src/main.js' : 'apps/api/src/main.ts (ts-node)';
    if (useDist) {
      const built = statSync(DIST_MAIN).mtimeMs;
      const stale = ['apps', 'libs', 'migrations'].some((d) => newestSource(join(ROOT, d)) > built);
      if (stale) this.entry += ' — older than the sources: run `npm run build`, or pass --source';
    }
  }

  async start(): Promise<void> {
    const useDist = this.entry.startsWith('dist/');
    const args = useDist ? [DIST_MAIN] : ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'];
    this.log = createWriteStream(this.logPath);
    this.proc = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(this.options.port),
        DATABASE_URL: this.options.databaseUrl,
        REDIS_URL: this.options.redisUrl,
        QUEUE_PREFIX,
        // Request lines are info: at warn the log holds only what went wrong.
        LOG_LEVEL: 'warn',
        DB_POOL_SIZE: String(this.options.poolSize),
        // The bench migrates before starting the API.
        DB_MIGRATIONS_RUN: 'false',
        // Tokens outlive any run (the default 15 minutes would not).
        JWT_ACCESS_TTL: '86400',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stdout?.on('data', (chunk: Buffer) => this.record(chunk));
    this.proc.stderr?.on('data', (chunk: Buffer) => {
      this.log?.write(chunk);
      process.stderr.write(`[api] ${chunk.toString()}`);
    });
    const exited = new Promise<never>((_, reject) => this.proc!.once('exit', (code) => reject(new Error(`the API exited during start-up (code ${code})`))));
    exited.catch(() => undefined);
    const deadline = Date.now() + 180_000;
    for (;;) {
      const ready = await fetch(`${this.baseUrl}/api/v1/health/ready`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ready) return;
      if (this.proc.exitCode !== null) await exited;
      if (Date.now() > deadline) throw new Error('the API was not ready within 180 s');
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Counts the JSON log lines by level and keeps a few distinct messages (never request data: the app's own log lines). */
  private record(chunk: Buffer): void {
    this.log?.write(chunk);
    const text = this.tail + chunk.toString();
    const lines = text.split('\n');
    this.tail = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      let level = 'other';
      let message = line.slice(0, 200);
      try {
        const parsed = JSON.parse(line) as { level?: number; msg?: string; err?: { type?: string; message?: string } };
        level = (parsed.level ?? 0) >= 50 ? 'error' : (parsed.level ?? 0) >= 40 ? 'warn' : 'other';
        message =
          `${parsed.msg ?? ''}${parsed.err ? ` (err ${parsed.err.type ?? '?'}${parsed.err.message ? `: ${parsed.err.message}` : ', no message'})` : ''}`.slice(
            0,
            200,
          );
      } catch {
        // Not JSON: counted as other.
      }
      this.lines[level as keyof typeof this.lines]++;
      if (level !== 'other' && this.samples.length < 8 && !this.samples.includes(message)) this.samples.push(message);
    }
  }

  problems(): { warn: number; error: number; samples: string[] } {
    return { warn: this.lines.warn, error: this.lines.error, samples: [...this.samples] };
  }

  async login(username: string, password: string): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as { accessToken?: string };
    if (res.status !== 200 || !body.accessToken) throw new Error(`login as ${username} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return body.accessToken;
  }

  /** SIGTERM (the API drains in-flight requests), SIGKILL after 10 s. Safe to call twice. */
  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await new Promise((resolve) => (this.log ? this.log.end(resolve) : resolve(null)));
    this.log = null;
  }

  /** Last resort from process.on('exit'): no waiting possible there. */
  killNow(): void {
    if (this.proc && this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}
