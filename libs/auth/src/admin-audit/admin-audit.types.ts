import type { Actor } from '../access/actor';

export const ADMIN_TARGET_TYPES = ['user', 'organisation', 'deadline_policy'] as const;
export type AdminTargetType = (typeof ADMIN_TARGET_TYPES)[number];

/** What happened, one spelling each; `kinds` below says which parts of an update. */
export const ADMIN_ACTIONS = [
  'user.created',
  'user.updated',
  'user.password_changed',
  'organisation.created',
  'organisation.updated',
  'deadline_policy.updated',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** The parts of a user change that matter to an auditor, filterable. */
export const USER_CHANGE_KINDS = [
  'role_changed',
  'communes_changed',
  'organisation_changed',
  'profile_changed',
  'password_reset',
  'disabled',
  'enabled',
] as const;
export type UserChangeKind = (typeof USER_CHANGE_KINDS)[number];

/** A field's value before and after; never a password or a hash (a reset is a kind, not a value). */
export type FieldChange = { from: unknown; to: unknown };

export interface AdminAuditEntry {
  /** Who: a signed-in user, or null for the operator at the command line. */
  actor: Actor | null;
  provinceCode: string;
  targetType: AdminTargetType;
  targetId: string;
  action: AdminAction;
  kinds?: readonly string[];
  changes: Record<string, FieldChange>;
}
