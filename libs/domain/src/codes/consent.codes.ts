import { CodeLabels } from './code-list.types';

/** What a consent covers (Personal Data Protection Law 91/2025/QH15). */
export const CONSENT_SCOPES = ['services', 'sharing'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const CONSENT_SCOPE_LABELS: Record<ConsentScope, CodeLabels> = {
  services: { vi: 'Nhận dịch vụ hỗ trợ', en: 'Receiving services' },
  sharing: { vi: 'Chia sẻ thông tin với đối tác', en: 'Sharing information with partners' },
};

/** Who gives consent: the legal representative, and the child from age 7. */
export const CONSENT_GIVERS = ['child', 'guardian'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export const CONSENT_GIVER_LABELS: Record<ConsentGiver, CodeLabels> = {
  child: { vi: 'Trẻ em', en: 'Child' },
  guardian: { vi: 'Cha mẹ hoặc người giám hộ', en: 'Parent or legal guardian' },
};
