import { CodeLabels } from './code-list.types';

/**
 * Civil records know only female and male; `unknown` is for reports that do not say (an
 * abandoned infant described over the phone), so that intake never has to guess.
 */
export const SEXES = ['female', 'male', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const SEX_LABELS: Record<Sex, CodeLabels> = {
  female: { vi: 'Nữ', en: 'Female' },
  male: { vi: 'Nam', en: 'Male' },
  unknown: { vi: 'Chưa xác định', en: 'Unknown' },
};
