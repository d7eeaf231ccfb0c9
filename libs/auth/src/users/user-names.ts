import type { EntityManager } from 'typeorm';

/**
 * Full names of the given users, in one query (ids that are null or unknown are skipped). Auth owns
 * app_user, so the other libraries ask it here rather than reading the table themselves.
 */
export async function userNames(m: EntityManager, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  if (unique.length === 0) return new Map();
  const rows: { id: string; full_name: string }[] = await m.query(`SELECT id, full_name FROM app_user WHERE id = ANY($1::uuid[])`, [unique]);
  return new Map(rows.map((r) => [r.id, r.full_name]));
}
