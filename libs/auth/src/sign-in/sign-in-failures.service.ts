import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@haven/platform';

/** The two counters a sign-in failure feeds, by key. */
export function failureKeys(username: string, address: string): { pair: string; user: string } {
  const name = username.toLowerCase();
  return { pair: `ua:${name}|${address}`, user: `u:${name}` };
}

/**
 * Failed sign-ins, counted in PostgreSQL (not Redis: a lockout that a Redis restart forgets is no
 * lockout) per (username, client address) and, with a higher ceiling over a longer window, per
 * username. An outsider therefore locks a username out only from its own address unless it
 * spends many failures from many addresses. Usernames that do not exist are counted the same
 * way, so the counters tell nothing about which exist.
 */
@Injectable()
export class SignInFailuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async isLocked(username: string, address: string): Promise<boolean> {
    const keys = failureKeys(username, address);
    const rows = (await this.dataSource.query(`SELECT 1 FROM sign_in_failure WHERE key IN ($1, $2) AND locked_until > now() LIMIT 1`, [
      keys.pair,
      keys.user,
    ])) as unknown[];
    return rows.length > 0;
  }

  /**
   * One more failure on both counters. A counter whose window has passed (and that is not locked)
   * starts again at 1; crossing the threshold locks it for the window's length, and further
   * failures during a lock do not extend it.
   */
  async recordFailure(username: string, address: string): Promise<void> {
    const keys = failureKeys(username, address);
    const c = this.config;
    await this.count(keys.pair, c.AUTH_LOCKOUT_THRESHOLD, c.AUTH_LOCKOUT_SECONDS);
    await this.count(keys.user, c.AUTH_USERNAME_CEILING, c.AUTH_USERNAME_CEILING_SECONDS);
    // Rows of long-past windows are useless; clearing a few on the way keeps the table small without a job.
    if (Math.random() < 0.02) await this.purge();
  }

  private async count(key: string, threshold: number, seconds: number): Promise<void> {
    // $3 is the window: "expired" means its window has passed and it is not locked now.
    await this.dataSource.query(
      `INSERT INTO sign_in_failure AS f (key, failures, window_started_at, locked_until)
       VALUES ($1, 1, now(), CASE WHEN $2::int <= 1 THEN now() + make_interval(secs => $3::int) END)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.window_started_at < now() - make_interval(secs => $3::int) AND coalesce(f.locked_until, '-infinity') <= now()
                         THEN 1 ELSE f.failures + 1 END,
         window_started_at = CASE WHEN f.window_started_at < now() - make_interval(secs => $3::int) AND coalesce(f.locked_until, '-infinity') <= now()
                                  THEN now() ELSE f.window_started_at END,
         locked_until = CASE
           WHEN coalesce(f.locked_until, '-infinity') > now() THEN f.locked_until
           WHEN (CASE WHEN f.window_started_at < now() - make_interval(secs => $3::int) THEN 1 ELSE f.failures + 1 END) >= $2::int
             THEN now() + make_interval(secs => $3::int)
           ELSE f.locked_until END`,
      [key, threshold, seconds],
    );
  }

  /** A success forgives that address's failures for the username (not the others'). */
  async recordSuccess(username: string, address: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_failure WHERE key = $1`, [failureKeys(username, address).pair]);
  }

  /** Every counter of a username, e.g. when the operator restores a demo user. */
  async clear(username: string): Promise<void> {
    const name = username.toLowerCase();
    await this.dataSource.query(`DELETE FROM sign_in_failure WHERE key = $1 OR key LIKE $2`, [`u:${name}`, `ua:${name.replace(/[%_\\]/g, '\\$&')}|%`]);
  }

  async purge(): Promise<number> {
    const window = Math.max(this.config.AUTH_LOCKOUT_SECONDS, this.config.AUTH_USERNAME_CEILING_SECONDS);
    const result = (await this.dataSource.query(
      `DELETE FROM sign_in_failure WHERE window_started_at < now() - make_interval(secs => $1) AND coalesce(locked_until, '-infinity') < now()`,
      [window],
    )) as [unknown, number];
    return result[1];
  }
}
