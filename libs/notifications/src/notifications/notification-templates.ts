import { DEADLINE_KINDS, SERVICE_TYPE_LABELS, SERVICE_TYPES } from '@haven/domain';
import type { CodeLabels, DeadlineKind, ServiceType } from '@haven/domain';

/**
 * What a notification can say. Callers never pass text: they pick a kind and give its params
 * (ids and codes), and the kind's template writes the title and body from the case number, the
 * kind's label, the due time and the link. That is how no child's name or detail can reach an
 * inbox, an e-mail or a webhook, whatever a caller has at hand.
 */
export const NOTIFICATION_KINDS = [
  'deadline.reminder',
  'deadline.escalation',
  'referral.declined',
  'case.reassignment_needed',
  'referral.case_closed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The params of each kind: ids, codes and instants only. */
export interface NotificationParams {
  'deadline.reminder': { deadlineId: string; step: string; deadlineKind: DeadlineKind; dueAt: Date };
  'deadline.escalation': { deadlineId: string; step: string; deadlineKind: DeadlineKind; dueAt: Date; level: 1 | 2 };
  'referral.declined': { referralId: string; serviceType: ServiceType };
  /** The case's caseworker (by id) no longer works in its commune (by code): its supervisors must name a new one. */
  'case.reassignment_needed': { previousAssigneeId: string; communeCode: string };
  /** To the receiving organisation: the case closed; its referral (by id) was cancelled, withdrawn, or goes on (`accepted`, marked to continue). */
  'referral.case_closed': { referralId: string; referralStatus: ReferralStatusAtClosure };
}

/** What a case's closure left of a referral, as its partner is told. */
export const REFERRAL_STATUSES_AT_CLOSURE = ['cancelled', 'withdrawn', 'accepted'] as const;
export type ReferralStatusAtClosure = (typeof REFERRAL_STATUSES_AT_CLOSURE)[number];

/** What is stored in notification.data and sent in webhooks: the params (instants as ISO strings) and the case number. */
export type NotificationData = Readonly<Record<string, string | number>>;

export interface RenderedNotification {
  title: string;
  body: string;
  link: string;
  data: NotificationData;
}

/** Labels of the deadline kinds, for notification texts (vi for the people who use Haven, en for the rest). */
export const DEADLINE_KIND_LABELS: Record<DeadlineKind, CodeLabels> = {
  initial_assessment: { vi: 'Đánh giá ban đầu', en: 'Initial assessment' },
  emergency_measures: { vi: 'Biện pháp khẩn cấp', en: 'Emergency measures' },
  plan_submission: { vi: 'Nộp kế hoạch hỗ trợ, can thiệp', en: 'Plan submission' },
  plan_approval: { vi: 'Phê duyệt kế hoạch hỗ trợ, can thiệp', en: 'Plan approval' },
  referral_response: { vi: 'Phản hồi giới thiệu dịch vụ', en: 'Referral response' },
  review: { vi: 'Rà soát, đánh giá lại', en: 'Review' },
  separation_end: { vi: 'Kết thúc thời hạn cách ly', en: 'End of separation' },
  plan_action: { vi: 'Hoạt động trong kế hoạch', en: 'Plan action' },
};

export const CASE_NUMBER = /^\d{2}-\d{4}-\d{6,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STEP = /^(reminder:\d{1,3}|escalation:[12])$/;
/** Dedupe keys are made of ids and step names, e.g. `<deadline id>:escalation:1`. */
export const DEDUPE_KEY = /^[A-Za-z0-9:._-]{1,200}$/;

export const isUuid = (v: unknown): boolean => typeof v === 'string' && UUID.test(v);
const isInstant = (v: unknown) => v instanceof Date && Number.isFinite(v.getTime());
const isCommuneCode = (v: unknown) => typeof v === 'string' && /^\d{5}$/.test(v);
const isStep = (v: unknown) => typeof v === 'string' && STEP.test(v);
const oneOf = (codes: readonly string[]) => (v: unknown) => typeof v === 'string' && codes.includes(v);

type Checks<P> = { [K in keyof P]-?: (value: unknown) => boolean };

const PARAM_CHECKS: { [K in NotificationKind]: Checks<NotificationParams[K]> } = {
  'deadline.reminder': { deadlineId: isUuid, step: isStep, deadlineKind: oneOf(DEADLINE_KINDS), dueAt: isInstant },
  'deadline.escalation': { deadlineId: isUuid, step: isStep, deadlineKind: oneOf(DEADLINE_KINDS), dueAt: isInstant, level: (v) => v === 1 || v === 2 },
  'referral.declined': { referralId: isUuid, serviceType: oneOf(SERVICE_TYPES) },
  'case.reassignment_needed': { previousAssigneeId: isUuid, communeCode: isCommuneCode },
  'referral.case_closed': { referralId: isUuid, referralStatus: oneOf(REFERRAL_STATUSES_AT_CLOSURE) },
};

/** A caller tried to put something other than ids and codes into a notification: a programming error. */
export class UnsafeNotificationError extends Error {
  constructor(readonly problems: string[]) {
    // Names the fields only, never their values: a value may be the very text being kept out.
    super(`refused to build a notification: ${problems.join('; ')}`);
    this.name = 'UnsafeNotificationError';
  }
}

/**
 * The guard: the kind must be known, the case number and dedupe key (when given) must look like
 * one, and every param must be an id, a code or an instant of the kind's list — no missing and
 * no extra fields. TypeScript checks callers at compile time; this checks them at run time,
 * where a cast or a spread of a bigger object could otherwise slip a child's name through.
 */
export function guardNotification(kind: string, params: unknown, about: { caseNumber?: unknown; dedupeKey?: unknown } = {}): void {
  const problems: string[] = [];
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) problems.push('kind is not a notification kind');
  const { caseNumber, dedupeKey } = about;
  if ('caseNumber' in about && (typeof caseNumber !== 'string' || !CASE_NUMBER.test(caseNumber))) problems.push('caseNumber is not a case number');
  if ('dedupeKey' in about && (typeof dedupeKey !== 'string' || !DEDUPE_KEY.test(dedupeKey))) problems.push('dedupeKey is not made of ids and step names');
  const checks = PARAM_CHECKS[kind as NotificationKind] as ParamChecks | undefined;
  if (checks) problems.push(...paramProblems(kind, checks, params));
  if (problems.length > 0) throw new UnsafeNotificationError(problems);
}

export type ParamChecks = Record<string, (value: unknown) => boolean>;

/** Every field of the kind present and valid, and no other field: what both notice guards require of params. */
export function paramProblems(kind: string, checks: ParamChecks, params: unknown): string[] {
  if (!params || typeof params !== 'object') return ['params are missing'];
  const given = params as Record<string, unknown>;
  return [
    ...Object.entries(checks)
      .filter(([field, ok]) => !ok(given[field]))
      .map(([field]) => `params.${field} is not valid`),
    ...Object.keys(given)
      .filter((field) => !(field in checks))
      .map((field) => `params.${field} is not a field of ${kind}`),
  ];
}

/** "14:30 29/11/2026": the time in Vietnam, whatever the server's zone. */
export function vietnamTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}

/** Where a notification about a case points: the case in the web console. */
export function caseLink(publicBaseUrl: string, caseId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/cases/${caseId}`;
}

type Texts = { title: string; lines: [string, string] };
type Template<K extends NotificationKind> = (caseNumber: string, params: NotificationParams[K]) => Texts;

const TEMPLATES: { [K in NotificationKind]: Template<K> } = {
  'deadline.reminder': (no, p) => {
    const label = DEADLINE_KIND_LABELS[p.deadlineKind];
    const due = vietnamTime(p.dueAt);
    return {
      title: `Sắp đến hạn: ${label.vi} – hồ sơ ${no}`,
      lines: [`Hồ sơ ${no}: ${label.vi} đến hạn lúc ${due} (giờ Việt Nam).`, `Case ${no}: ${label.en} is due at ${due} (Vietnam time).`],
    };
  },
  'deadline.escalation': (no, p) => {
    const label = DEADLINE_KIND_LABELS[p.deadlineKind];
    const due = vietnamTime(p.dueAt);
    return {
      title: `Quá hạn (cấp ${p.level}): ${label.vi} – hồ sơ ${no}`,
      lines: [
        `Hồ sơ ${no}: ${label.vi} đã quá hạn từ ${due} (giờ Việt Nam); việc này được chuyển lên cấp ${p.level} để theo dõi.`,
        `Case ${no}: ${label.en} was due at ${due} (Vietnam time) and is escalated to you (level ${p.level}).`,
      ],
    };
  },
  'referral.declined': (no, p) => {
    const service = SERVICE_TYPE_LABELS[p.serviceType];
    return {
      title: `Giới thiệu dịch vụ bị từ chối: ${service.vi} – hồ sơ ${no}`,
      lines: [
        `Hồ sơ ${no}: tổ chức tiếp nhận đã từ chối giới thiệu dịch vụ ${service.vi}; lý do có trong hồ sơ.`,
        `Case ${no}: the partner declined the ${service.en} referral; the reason is on the case.`,
      ],
    };
  },
  'case.reassignment_needed': (no, p) => ({
    title: `Cần phân công lại người phụ trách – hồ sơ ${no}`,
    lines: [
      `Hồ sơ ${no} (xã/phường ${p.communeCode}): người phụ trách không còn làm việc tại xã/phường này; vui lòng phân công người phụ trách mới.`,
      `Case ${no} (commune ${p.communeCode}): its caseworker no longer works in this commune; please assign a new caseworker.`,
    ],
  }),
  // Nothing about the child: the case number, the referral's id and what became of it.
  'referral.case_closed': (no, p) => {
    const what = {
      cancelled: { vi: 'giới thiệu dịch vụ chưa được tiếp nhận nên đã được hủy', en: 'the referral, not yet accepted, is cancelled' },
      withdrawn: { vi: 'giới thiệu dịch vụ đã được rút lại; vui lòng dừng cung cấp dịch vụ', en: 'the referral is withdrawn; please stop the service' },
      accepted: { vi: 'giới thiệu dịch vụ được tiếp tục sau khi đóng hồ sơ', en: 'the referral continues after the closure' },
    }[p.referralStatus];
    return {
      title: `Hồ sơ ${no} đã đóng – giới thiệu dịch vụ ${p.referralId}`,
      lines: [`Hồ sơ ${no} đã được đóng: ${what.vi} (mã giới thiệu ${p.referralId}).`, `Case ${no} is closed: ${what.en} (referral ${p.referralId}).`],
    };
  },
};

/** Ids and codes as JSON: instants become ISO strings. */
function toData(caseNumber: string, params: object): NotificationData {
  const data: Record<string, string | number> = { caseNumber };
  for (const [key, value] of Object.entries(params)) data[key] = value instanceof Date ? value.toISOString() : (value as string | number);
  return data;
}

/** Guards, then writes the title, body, link and data of a notification about a case. */
export function renderNotification<K extends NotificationKind>(
  kind: K,
  about: { caseId: string; caseNumber: string; publicBaseUrl: string },
  params: NotificationParams[K],
): RenderedNotification {
  guardNotification(kind, params, { caseNumber: about.caseNumber });
  if (!UUID.test(about.caseId)) throw new UnsafeNotificationError(['caseId is not a UUID']);
  const link = caseLink(about.publicBaseUrl, about.caseId);
  const texts = (TEMPLATES[kind] as Template<K>)(about.caseNumber, params);
  return { title: texts.title, body: [...texts.lines, link].join('\n'), link, data: toData(about.caseNumber, params) };
}
