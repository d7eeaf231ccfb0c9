import { CodeLabels } from './code-list.types';

/** What happened to the child (several per case); wording follows Law on Children art. 4. */
export const CONCERN_TYPES = [
  'physical_violence',
  'emotional_abuse',
  'sexual_abuse',
  'neglect',
  'abandonment',
  'labour_exploitation',
  'sexual_exploitation',
  'trafficking',
  'injury_accident',
  'other',
] as const;
export type ConcernType = (typeof CONCERN_TYPES)[number];

export const CONCERN_TYPE_LABELS: Record<ConcernType, CodeLabels> = {
  physical_violence: { vi: 'Bạo lực thể chất', en: 'Physical violence' },
  emotional_abuse: { vi: 'Bạo lực tinh thần', en: 'Emotional abuse' },
  sexual_abuse: { vi: 'Xâm hại tình dục', en: 'Sexual abuse' },
  neglect: { vi: 'Bỏ mặc, sao nhãng', en: 'Neglect' },
  abandonment: { vi: 'Bỏ rơi', en: 'Abandonment' },
  labour_exploitation: { vi: 'Bóc lột sức lao động (lao động trẻ em)', en: 'Labour exploitation (child labour)' },
  sexual_exploitation: { vi: 'Bóc lột tình dục', en: 'Sexual exploitation' },
  trafficking: { vi: 'Mua bán trẻ em', en: 'Trafficking' },
  injury_accident: {
    vi: 'Tai nạn, thương tích (đuối nước, giao thông, bỏng, ngã, ngộ độc…)',
    en: 'Injury or accident (drowning, traffic, burns, falls, poisoning, …)',
  },
  other: { vi: 'Khác', en: 'Other' },
};
