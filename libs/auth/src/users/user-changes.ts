import { CASE_READING_ROLES, Role } from '@haven/domain';
import type { FieldChange, UserChangeKind } from '../admin-audit/admin-audit.types';

/** The parts of a user an administrator may change, as they are before or after a change. */
export interface UserState {
  fullName: string;
  email: string | null;
  role: Role;
  communeCodes: readonly string[];
  organisationId: string | null;
  active: boolean;
}

export interface UserChangeSummary {
  changes: Record<string, FieldChange>;
  kinds: UserChangeKind[];
  /** Every session must end at once: a credential or the reach of the account changed. */
  endsSessions: boolean;
  /** Someone can now read cases who could not before (managers are told). */
  grantsCaseAccess: boolean;
  /** Communes whose cases the user no longer reaches. */
  lostCommunes: string[];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * What a change to a user amounts to, decided in one place for the audit, the sessions and the
 * notices: pure, so each rule is a unit test.
 */
export function summariseUserChange(before: UserState, after: UserState, passwordReset: boolean): UserChangeSummary {
  const changes: Record<string, FieldChange> = {};
  const kinds: UserChangeKind[] = [];
  const note = (field: keyof UserState, from: unknown, to: unknown) => (changes[field] = { from, to });

  if (before.role !== after.role) {
    note('role', before.role, after.role);
    kinds.push('role_changed');
  }
  const communesBefore = [...before.communeCodes].sort();
  const communesAfter = [...after.communeCodes].sort();
  if (!sameSet(communesBefore, communesAfter)) {
    note('communeCodes', communesBefore, communesAfter);
    kinds.push('communes_changed');
  }
  if (before.organisationId !== after.organisationId) {
    note('organisationId', before.organisationId, after.organisationId);
    kinds.push('organisation_changed');
  }
  if (before.fullName !== after.fullName) note('fullName', before.fullName, after.fullName);
  if (before.email !== after.email) note('email', before.email, after.email);
  if (before.fullName !== after.fullName || before.email !== after.email) kinds.push('profile_changed');
  if (passwordReset) kinds.push('password_reset');
  if (before.active !== after.active) {
    note('active', before.active, after.active);
    kinds.push(after.active ? 'enabled' : 'disabled');
  }

  const readsAfter = after.active && CASE_READING_ROLES.includes(after.role);
  const readsBefore = before.active && CASE_READING_ROLES.includes(before.role);
  const widened = communesAfter.some((c) => !communesBefore.includes(c)) || before.organisationId !== after.organisationId;
  const grantsCaseAccess = readsAfter && (!readsBefore || before.role !== after.role || passwordReset || widened);
  const lostCommunes = !after.active ? communesBefore : communesBefore.filter((c) => !communesAfter.includes(c));
  const endsSessions = passwordReset || kinds.some((k) => k === 'role_changed' || k === 'communes_changed' || k === 'organisation_changed' || k === 'disabled');
  return { changes, kinds, endsSessions, grantsCaseAccess, lostCommunes };
}
