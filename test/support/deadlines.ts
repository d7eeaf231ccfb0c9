import type { DataSource } from 'typeorm';
import type { TestApi } from './app';
import { HUE } from './factories';

type Auth = { Authorization: string };
const s = (value: number) => ({ value, unit: 'seconds' });

/**
 * A policy "configured in seconds" for the kinds a test watches: each opens with `duration`
 * seconds to go, reminds the owner `reminder` seconds before the due time, escalates to the
 * commune's supervisors at it and to the province's managers `grace` seconds later.
 */
export function secondsPolicy(t: { duration: number; reminder: number; grace: number }): Record<string, unknown> {
  const timed = { duration: s(t.duration), reminders: [s(t.reminder)], escalationGrace: s(t.grace) };
  return {
    kinds: {
      initial_assessment: timed,
      emergency_measures: timed,
      plan_action: { reminders: [s(t.reminder)], escalationGrace: s(t.grace) },
      referral_response: { emergency: timed },
    },
  };
}

/** PUT /settings/deadline-policy as an admin of Huế (the policy's first version). */
export async function setPolicy(api: TestApi, admin: Auth, policy: Record<string, unknown>): Promise<void> {
  const res = await api.http.put('/api/v1/settings/deadline-policy').set(admin).send({ provinceCode: HUE, policy, version: 0 });
  if (res.status !== 200) throw new Error(`policy update failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface NoticeCount {
  deadline_id: string;
  step: string;
  recipient_id: string;
  n: number;
}

/** Notifications per (deadline, step, recipient) of deadline steps, from their dedupe keys `<deadline id>:<step>`. */
export async function noticeCounts(db: DataSource, where = 'TRUE', params: unknown[] = []): Promise<NoticeCount[]> {
  return db.query(
    `SELECT split_part(dedupe_key, ':', 1) AS deadline_id, substr(dedupe_key, 38) AS step, recipient_id::text, count(*)::int AS n
       FROM notification WHERE kind LIKE 'deadline.%' AND ${where}
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    params,
  );
}

/** Polls `probe` until it returns a truthy value; fails after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
