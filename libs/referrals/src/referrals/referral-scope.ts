import type { ObjectLiteral } from 'typeorm';
import { referralScopeOf, ScopeActor } from '@haven/domain';
import { NamedParams, scopeSql } from '@haven/platform';

/**
 * Which referrals an actor may see (the rule: `referralScopeOf` in libs/domain/src/access/scope.ts),
 * as one SQL condition over the referral (`r`) and its case (`c`): a partner those addressed to its
 * organisation, whatever the case; staff those of the cases in their scope; anyone else none.
 * Every referral read and step goes through it.
 */
export function referralScopeCondition(actor: ScopeActor, r: string, c: string): { sql: string; params: ObjectLiteral } {
  const p = new NamedParams('referralScope');
  const sql = scopeSql(
    referralScopeOf(actor),
    {
      organisation: `${r}.organisation_id`,
      province: `${c}.province_code`,
      commune: `${c}.commune_code`,
      assignee: `${c}.assignee_id`,
      creator: `${c}.created_by`,
    },
    p,
  );
  return { sql, params: p.values };
}
