import type { EntityManager } from 'typeorm';
import type { Role } from '@haven/domain';

/**
 * The role of an active user who works in the given commune, or null. Both
 * intake (an assignee named at once) and assignment use it to check a would-be
 * assignee, inside the command's transaction.
 */
export async function communeStaffRole(m: EntityManager, userId: string, communeCode: string): Promise<Role | null> {
  const rows: { role: Role }[] = await m.query(
    `SELECT u.role FROM app_user u JOIN user_commune uc ON uc.user_id = u.id AND uc.commune_code = $2 WHERE u.id = $1 AND u.active`,
    [userId, communeCode],
  );
  return rows[0]?.role ?? null;
}
