import type { EntityManager } from 'typeorm';
import type { StepRecipients } from '@haven/domain';
import type { DeadlineForStep } from '../deadlines/deadline.repository';

/**
 * The people each step goes to, in at most three queries for the whole batch: the owner
 * (reminders); the active supervisors of the deadline's commune (escalation 1); the active
 * managers of its province (escalation 2). A deadline a role owes reminds that role: a plan
 * decision the commune's supervisors, a referral's answer the partner organisation's users. A
 * departed owner's reminders go to the supervisors, who reassign.
 */
export async function recipientsFor(m: EntityManager, steps: readonly { deadline: DeadlineForStep; who: StepRecipients }[]): Promise<string[][]> {
  const resolved = steps.map(({ deadline: d, who }): { kind: 'people'; ids: string[] } | { kind: 'partner' | StepRecipients; d: DeadlineForStep } => {
    if (who !== 'owner') return { kind: who, d };
    if (d.ownerId && d.ownerActive) return { kind: 'people', ids: [d.ownerId] };
    if (d.kind === 'referral_response' && d.referralId) return { kind: 'partner', d };
    return { kind: 'supervisors', d };
  });
  const wanted = (kind: string, key: (d: DeadlineForStep) => string | null) => [
    ...new Set(resolved.flatMap((r) => (r.kind === kind && 'd' in r ? [key(r.d)] : [])).filter((v): v is string => v !== null)),
  ];
  const communes = wanted('supervisors', (d) => d.communeCode);
  const provinces = wanted('managers', (d) => d.provinceCode);
  const referrals = wanted('partner', (d) => d.referralId);
  const supervisors: { id: string; commune_code: string; province_code: string }[] = communes.length
    ? await m.query(
        `SELECT u.id, uc.commune_code, u.province_code FROM user_commune uc JOIN app_user u ON u.id = uc.user_id
          WHERE uc.commune_code = ANY($1::varchar[]) AND u.role = 'supervisor' AND u.active ORDER BY u.id`,
        [communes],
      )
    : [];
  const managers: { id: string; province_code: string }[] = provinces.length
    ? await m.query(`SELECT id, province_code FROM app_user WHERE province_code = ANY($1::varchar[]) AND role = 'manager' AND active ORDER BY id`, [provinces])
    : [];
  const partners: { id: string; referral_id: string }[] = referrals.length
    ? await m.query(
        `SELECT u.id, r.id AS referral_id FROM referral r JOIN app_user u ON u.organisation_id = r.organisation_id
          WHERE r.id = ANY($1::uuid[]) AND u.role = 'partner' AND u.active ORDER BY u.id`,
        [referrals],
      )
    : [];
  return resolved.map((r) => {
    if (r.kind === 'people') return r.ids;
    const d = (r as { d: DeadlineForStep }).d;
    if (r.kind === 'supervisors') return supervisors.filter((u) => u.commune_code === d.communeCode && u.province_code === d.provinceCode).map((u) => u.id);
    if (r.kind === 'managers') return managers.filter((u) => u.province_code === d.provinceCode).map((u) => u.id);
    return partners.filter((u) => u.referral_id === d.referralId).map((u) => u.id);
  });
}
