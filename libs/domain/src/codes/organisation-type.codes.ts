import { CodeLabels } from './code-list.types';

/** Kinds of partner organisations that receive referrals (domain.md "Who uses it": partner). */
export const ORGANISATION_TYPES = ['legal_aid', 'counselling', 'shelter', 'health', 'school', 'police', 'social_assistance', 'other'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, CodeLabels> = {
  legal_aid: { vi: 'Trung tâm trợ giúp pháp lý', en: 'Legal aid centre' },
  counselling: { vi: 'Cơ sở tư vấn, trị liệu tâm lý', en: 'Counselling service' },
  shelter: { vi: 'Nhà tạm lánh, cơ sở tạm trú', en: 'Shelter' },
  health: { vi: 'Cơ sở y tế', en: 'Health facility' },
  school: { vi: 'Trường học', en: 'School' },
  police: { vi: 'Công an', en: 'Police' },
  social_assistance: { vi: 'Cơ sở trợ giúp xã hội', en: 'Social assistance facility' },
  other: { vi: 'Khác', en: 'Other' },
};
