import type { ObjectLiteral } from 'typeorm';
import type { Actor } from '@haven/auth';
import { caseScopeCondition } from '@haven/cases';
import { Role } from '@haven/domain';

/**
 * Which referrals an actor may see, as one SQL condition over the referral (`r`) and its case
 * (`c`): a partner those addressed to its organisation, whatever the case; staff those of the
 * cases in their scope; anyone else none. Every referral read and step goes through it.
 */
export function referralScopeCondition(actor: Actor, r: string, c: string): { sql: string; params: ObjectLiteral } {
  if (actor.role === Role.Partner) {
    return actor.organisationId
      ? { sql: `${r}.organisation_id = :scopeOrganisation`, params: { scopeOrganisation: actor.organisationId } }
      : { sql: 'FALSE', params: {} };
  }
  return caseScopeCondition(actor, c);
}
