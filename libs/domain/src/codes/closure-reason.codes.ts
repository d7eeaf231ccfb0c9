import { CodeLabels } from './code-list.types';

/** Why a case ends (domain.md "Closure"; Decree 56 art. 30). */
export const CLOSURE_REASONS = ['resolved', 'unfounded', 'transferred', 'aged_out', 'child_died', 'family_refused', 'duplicate', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/**
 * `resolved` is the only reason that needs a finished review (art. 30: no longer at risk and
 * stable); every other reason may close a case from any open stage.
 */
export const REVIEW_ONLY_CLOSURE_REASONS: readonly ClosureReason[] = ['resolved'];

/**
 * Reasons that may close a case while the child is recorded in immediate danger. A child who died
 * is beyond protection, and the record must be able to say so. A duplicate closes a second record
 * of a danger that the first case carries (its reopened original, or the open one). Every other
 * reason is refused while the danger stands: where parents refuse or fail the plan the law's answer
 * is separation or a court request (Law on Children art. 52(3); Decree 56 art. 32(1)), and an
 * unfounded report must first be verified by an assessment that finds no danger.
 */
export const DANGER_EXEMPT_CLOSURE_REASONS: readonly ClosureReason[] = ['child_died', 'duplicate'];

export const CLOSURE_REASON_LABELS: Record<ClosureReason, CodeLabels> = {
  resolved: {
    vi: 'Trẻ em không còn nguy cơ và đã ổn định',
    en: 'Resolved: the child is no longer at risk and is stable',
  },
  unfounded: { vi: 'Thông tin không có cơ sở sau khi xác minh', en: 'Unfounded after verification' },
  transferred: { vi: 'Trẻ em chuyển đến địa bàn khác', en: 'Transferred to another jurisdiction' },
  // A child is a person under 16 (Law on Children art. 1).
  aged_out: { vi: 'Trẻ em đã đủ 16 tuổi', en: 'Reached age 16 (no longer a child in law)' },
  child_died: { vi: 'Trẻ em đã tử vong', en: 'The child died' },
  family_refused: {
    vi: 'Gia đình từ chối hỗ trợ, trẻ em được an toàn',
    en: 'The family refused support while the child is safe',
  },
  duplicate: { vi: 'Trùng với hồ sơ khác', en: 'Duplicate of another case' },
  other: { vi: 'Lý do khác', en: 'Other' },
};
