import { CodeLabels } from './code-list.types';

/** Status of one plan version (Mẫu 04/05); see lifecycle/plan.rules.ts for the moves. */
export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_STATUS_LABELS: Record<PlanStatus, CodeLabels> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  submitted: { vi: 'Đã trình phê duyệt', en: 'Submitted' },
  approved: { vi: 'Đã phê duyệt', en: 'Approved' },
  rejected: { vi: 'Không được phê duyệt', en: 'Rejected' },
  superseded: { vi: 'Đã được thay thế', en: 'Superseded' },
};
