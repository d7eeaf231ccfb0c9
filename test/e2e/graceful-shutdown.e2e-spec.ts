import { ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase } from '../support/databases';
import { testQueuePrefix } from '../support/app';

/*
 * The real API process, with keep-alive clients hammering it, receives SIGTERM:
 * readiness turns 503 while requests are still served with `Connection: close`,
 * then the server stops accepting and exits. No request sent on an open
 * connection may fail (no 5xx, no reset, no hang-up); a refused connection after
 * the server stopped listening is where a client moves on.
 */

const ROOT = join(__dirname, '../..');
const DRAIN_MS = 1500;
const CLIENTS = 4;

interface Reply {
  status: number;
  connection?: string;
}

function get(port: number, path: string, agent: Agent | false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('graceful shutdown of the API process', () => {
  let child: ChildProcess;
  let port: number;
  let output = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    port = await freePort();
    const started = Date.now();
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: database.url,
        DB_MIGRATIONS_RUN: 'false',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
        QUEUE_PREFIX: testQueuePrefix(),
        JWT_ACCESS_SECRET: process.env.JWT_ACCESS_SECRET ?? '',
        LOG_LEVEL: 'warn',
        SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API exited during start-up:\n${output}`);
      if (Date.now() - started > 40_000) throw new Error(`the API did not start within 40 s:\n${output}`);
      const live = await get(port, '/api/v1/health/live', false).catch(() => undefined);
      if (live?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Start-up with ts-node takes several seconds; shown so that a slow machine is visible in the log.
    console.log(`API process up in ${Date.now() - started} ms`);
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await dropDatabase?.();
  });

  it('drains: readiness 503, requests still served with Connection: close, then exit 0 with no failed request', async () => {
    let stop = false;
    let sent = 0;
    let sentAfterSignal = 0;
    let closeAnswers = 0;
    let refused = 0;
    const failures: string[] = [];
    let signalledAt = 0;
    // Stands in for a load balancer: it probes readiness, and once that fails sends no new connection here.
    let routedAway = false;
    let readyWhileDraining: Reply | undefined;
    const balancer = (async () => {
      while (!stop && !routedAway) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const ready = await get(port, '/api/v1/health/ready', false).catch(() => undefined);
        if (ready?.status === 503) [routedAway, readyWhileDraining] = [true, ready];
      }
    })();

    const client = async (id: number) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      let connectionClosed = true;
      try {
        // A keep-alive client goes on using its open connection; a new one it opens only while the balancer routes here.
        while (!stop && !(routedAway && connectionClosed)) {
          sent++;
          if (signalledAt > 0) sentAfterSignal++;
          try {
            const reply = await get(port, '/api/v1/health/live', agent);
            if (reply.status !== 200) failures.push(`client ${id}: HTTP ${reply.status}`);
            connectionClosed = reply.connection === 'close';
            if (signalledAt > 0 && connectionClosed) closeAnswers++;
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
              // The server stopped listening before the balancer noticed: the request never reached it.
              refused++;
              return;
            }
            failures.push(`client ${id}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
          }
        }
      } finally {
        agent.destroy();
      }
    };

    expect((await get(port, '/api/v1/health/ready', false)).status).toBe(200);
    const clients = Array.from({ length: CLIENTS }, (_, i) => client(i));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sentBeforeSignal = sent;

    signalledAt = Date.now();
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const liveWhileDraining = await get(port, '/api/v1/health/live', false);

    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([exited, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 15_000)))]);
    clearTimeout(timer);
    stop = true;
    await Promise.all([...clients, balancer]);

    expect(exit).not.toBe('timeout');
    if (exit === 'timeout') return;
    expect({ failures, output: failures.length ? output : '' }).toEqual({ failures: [], output: '' });
    expect(readyWhileDraining).toEqual({ status: 503, connection: 'close' });
    expect(liveWhileDraining.status).toBe(200);
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(DRAIN_MS);
    expect(sentBeforeSignal).toBeGreaterThan(20);
    expect(sentAfterSignal).toBeGreaterThan(CLIENTS);
    expect(closeAnswers).toBeGreaterThan(CLIENTS);
    expect(refused).toBe(0);
    console.log({ sent, sentBeforeSignal, sentAfterSignal, closeAnswers, exitAfterMs: exit.at - signalledAt });
  }, 30_000);
});
