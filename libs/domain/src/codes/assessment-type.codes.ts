import { CodeLabels } from './code-list.types';

/** initial = Mẫu 02 (safety and risk), needs = Mẫu 03, review = Mẫu 06 (closing-stage risk). */
export const ASSESSMENT_TYPES = ['initial', 'needs', 'review'] as const;
export type AssessmentType = (typeof ASSESSMENT_TYPES)[number];

export const ASSESSMENT_TYPE_LABELS: Record<AssessmentType, CodeLabels> = {
  initial: { vi: 'Đánh giá ban đầu', en: 'Initial assessment' },
  needs: { vi: 'Đánh giá nhu cầu', en: 'Needs assessment' },
  review: { vi: 'Đánh giá lại', en: 'Review assessment' },
};
