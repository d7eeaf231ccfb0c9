import { CodeLabels } from './code-list.types';

export const NOTE_KINDS = ['visit', 'call', 'meeting', 'other'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_KIND_LABELS: Record<NoteKind, CodeLabels> = {
  visit: { vi: 'Thăm gia đình', en: 'Visit' },
  call: { vi: 'Cuộc gọi', en: 'Call' },
  meeting: { vi: 'Cuộc họp', en: 'Meeting' },
  other: { vi: 'Khác', en: 'Other' },
};

/** `shared` notes may be attached to a referral; `internal` ones never leave the case team. */
export const NOTE_VISIBILITIES = ['internal', 'shared'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export const NOTE_VISIBILITY_LABELS: Record<NoteVisibility, CodeLabels> = {
  internal: { vi: 'Nội bộ', en: 'Internal' },
  shared: { vi: 'Được chia sẻ với đối tác', en: 'Shared with partners' },
};
