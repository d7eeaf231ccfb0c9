import { CodeLabels } from './code-list.types';

/** How a report reached the receiving point (Mẫu 01). */
export const INTAKE_CHANNELS = ['hotline_111', 'phone', 'walk_in', 'police', 'school', 'health_facility', 'community', 'online', 'other'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const INTAKE_CHANNEL_LABELS: Record<IntakeChannel, CodeLabels> = {
  hotline_111: { vi: 'Tổng đài điện thoại quốc gia bảo vệ trẻ em 111', en: 'Child helpline 111' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  walk_in: { vi: 'Trực tiếp', en: 'Walk-in' },
  police: { vi: 'Công an', en: 'Police' },
  school: { vi: 'Nhà trường', en: 'School' },
  health_facility: { vi: 'Cơ sở y tế', en: 'Health facility' },
  community: { vi: 'Cộng đồng', en: 'Community' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  other: { vi: 'Khác', en: 'Other' },
};
