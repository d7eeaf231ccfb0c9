import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Starts an app's real entry point (TypeScript, transpiled on the fly) with the given environment. */
function start(entry: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('a bad configuration', () => {
  it('makes the API exit non-zero listing every bad variable', () => {
    const run = start('apps/api/src/main.ts', { NODE_ENV: 'production', PORT: 'eighty', DATABASE_URL: 'mysql://nowhere', LOG_LEVEL: 'loud' });
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBeNull();
    for (const variable of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'JWT_ACCESS_SECRET']) expect(run.stderr).toContain(`- ${variable}:`);
  });
});
