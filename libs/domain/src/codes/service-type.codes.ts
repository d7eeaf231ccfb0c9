import { CodeLabels } from './code-list.types';

/** Services a plan action or a referral asks for (Decree 56 art. 28(3)). */
export const SERVICE_TYPES = [
  'legal_aid',
  'psychological',
  'social_assistance',
  'health_care',
  'education',
  'alternative_care',
  'emergency_shelter',
  'police_justice',
  'vocational',
  'other',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_TYPE_LABELS: Record<ServiceType, CodeLabels> = {
  legal_aid: { vi: 'Trợ giúp pháp lý', en: 'Legal aid' },
  psychological: { vi: 'Tư vấn, trị liệu tâm lý', en: 'Psychological support' },
  social_assistance: { vi: 'Trợ giúp xã hội', en: 'Social assistance' },
  health_care: { vi: 'Chăm sóc y tế', en: 'Health care' },
  education: { vi: 'Hỗ trợ giáo dục', en: 'Education' },
  alternative_care: { vi: 'Chăm sóc thay thế', en: 'Alternative care' },
  emergency_shelter: { vi: 'Nơi tạm trú an toàn', en: 'Emergency shelter' },
  police_justice: { vi: 'Công an, tư pháp', en: 'Police and justice' },
  vocational: { vi: 'Học nghề', en: 'Vocational training' },
  other: { vi: 'Khác', en: 'Other' },
};
