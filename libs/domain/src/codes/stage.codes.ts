import { CodeLabels } from './code-list.types';

/** The case stages in their normal order (api.md, "Stages and transitions"). */
export const STAGES = ['intake', 'assessment', 'planning', 'intervention', 'review', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

/** Every stage but `closed`: the stages in which work on the case goes on. */
export const OPEN_STAGES = ['intake', 'assessment', 'planning', 'intervention', 'review'] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];

export const STAGE_LABELS: Record<Stage, CodeLabels> = {
  intake: { vi: 'Tiếp nhận', en: 'Intake' },
  assessment: { vi: 'Đánh giá', en: 'Assessment' },
  planning: { vi: 'Lập kế hoạch', en: 'Planning' },
  intervention: { vi: 'Hỗ trợ, can thiệp', en: 'Intervention' },
  review: { vi: 'Rà soát, đánh giá lại', en: 'Review' },
  closed: { vi: 'Đóng hồ sơ', en: 'Closed' },
};
