import { CodeLabels } from './code-list.types';

/**
 * Where a referral stands: pending → accepted | declined; accepted → completed; a pending
 * referral may be cancelled by the case side, an accepted one withdrawn by it (by hand, or when
 * the case closes) (libs/domain/src/referrals/referral-lifecycle.ts has the moves).
 */
export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'completed', 'cancelled', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, CodeLabels> = {
  pending: { vi: 'Chờ tiếp nhận', en: 'Pending' },
  accepted: { vi: 'Đã tiếp nhận', en: 'Accepted' },
  declined: { vi: 'Từ chối', en: 'Declined' },
  completed: { vi: 'Đã hoàn thành', en: 'Completed' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
  withdrawn: { vi: 'Đã rút lại', en: 'Withdrawn' },
};

/** An emergency referral is answered within hours, a normal one within working days (domain.md step 7). */
export const REFERRAL_URGENCIES = ['normal', 'emergency'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

export const REFERRAL_URGENCY_LABELS: Record<ReferralUrgency, CodeLabels> = {
  normal: { vi: 'Thông thường', en: 'Normal' },
  emergency: { vi: 'Khẩn cấp', en: 'Emergency' },
};
