import { CodeLabels } from './code-list.types';

/**
 * How a temporary separation ends (Decree 56 art. 32(3); Circular 14/2020 art. 14(3)): the child
 * goes home once the parents or caregivers are assessed safe (Mẫu 03), goes into alternative care,
 * or the commune asks the court to continue the separation or to restrict the parents' rights
 * (Law on Children art. 52(3)). `other` is an end the law does not name (the child died, moved).
 */
export const SEPARATION_OUTCOMES = ['returned_home', 'alternative_care', 'court_request', 'other'] as const;
export type SeparationOutcome = (typeof SEPARATION_OUTCOMES)[number];

export const SEPARATION_OUTCOME_LABELS: Record<SeparationOutcome, CodeLabels> = {
  returned_home: { vi: 'Trẻ em trở về gia đình sau khi được đánh giá an toàn', en: 'Returned home after a safety assessment' },
  alternative_care: { vi: 'Chuyển sang chăm sóc thay thế', en: 'Placed in alternative care' },
  court_request: {
    vi: 'Đề nghị Tòa án tiếp tục cách ly hoặc hạn chế quyền của cha, mẹ',
    en: "Court asked to continue the separation or restrict the parents' rights",
  },
  other: { vi: 'Khác', en: 'Other' },
};
