import { ROLES } from '@haven/domain';
import type { Role } from '@haven/domain';
import { DEDUPE_KEY, isUuid, ParamChecks, paramProblems, UnsafeNotificationError } from './notification-templates';

/**
 * Notices about staff accounts rather than a case (no case number, no child): what an
 * administrator did that managers must know. Ids and codes only, as for case notices.
 */
export const STAFF_NOTICE_KINDS = ['admin.case_access_granted'] as const;
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];

export interface StaffNoticeParams {
  /** Someone can now read cases: a new or re-roled case-reading account, or a password reset of one. */
  'admin.case_access_granted': { auditId: string; targetUserId: string; role: Role };
}

const CHECKS: { [K in StaffNoticeKind]: { [F in keyof StaffNoticeParams[K]]-?: (v: unknown) => boolean } } = {
  'admin.case_access_granted': { auditId: isUuid, targetUserId: isUuid, role: (v) => typeof v === 'string' && (ROLES as string[]).includes(v) },
};

const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'quản trị viên', en: 'administrator' },
  manager: { vi: 'cán bộ quản lý cấp tỉnh', en: 'provincial manager' },
  supervisor: { vi: 'người phụ trách cấp xã', en: 'supervisor' },
  caseworker: { vi: 'cán bộ bảo vệ trẻ em cấp xã', en: 'caseworker' },
  intake_officer: { vi: 'cán bộ tiếp nhận thông tin', en: 'intake officer' },
  partner: { vi: 'nhân viên tổ chức đối tác', en: 'partner staff' },
};

/** The same guard as for case notices: known kind, exactly the kind's params, ids and codes only. */
export function guardStaffNotice(kind: string, params: unknown, dedupeKey: unknown): void {
  const problems: string[] = [];
  const checks = CHECKS[kind as StaffNoticeKind] as ParamChecks | undefined;
  if (!checks) problems.push('kind is not a staff notice kind');
  if (typeof dedupeKey !== 'string' || !DEDUPE_KEY.test(dedupeKey)) problems.push('dedupeKey is not made of ids and step names');
  if (checks) problems.push(...paramProblems(kind, checks, params));
  if (problems.length) throw new UnsafeNotificationError(problems);
}

interface StaffNoticeText {
  title: string;
  lines: string[];
  /** Path under the public base URL that the notice links to. */
  path: string;
}

/** The words of each staff notice, keyed by kind so a new kind cannot be left without its own text. */
const STAFF_NOTICE_TEXT: { [K in StaffNoticeKind]: (params: StaffNoticeParams[K]) => StaffNoticeText } = {
  'admin.case_access_granted': (params) => {
    const role = ROLE_LABELS[params.role];
    return {
      path: `/admin-audit?targetType=user&targetId=${params.targetUserId}`,
      title: `Cấp quyền đọc hồ sơ trẻ em: một tài khoản ${role.vi}`,
      lines: [
        `Một quản trị viên vừa cho một tài khoản ${role.vi} quyền đọc hồ sơ trẻ em (tài khoản mới, đổi vai trò, mở lại hoặc đặt lại mật khẩu). Xem chi tiết trong nhật ký quản trị.`,
        `An administrator has just given a ${role.en} account access to children's cases (new account, new role, re-enabled or password reset). See the admin audit.`,
      ],
    };
  },
};

export function renderStaffNotice<K extends StaffNoticeKind>(
  kind: K,
  params: StaffNoticeParams[K],
  publicBaseUrl: string,
): { title: string; body: string; link: string; data: Record<string, string> } {
  const text = STAFF_NOTICE_TEXT[kind](params);
  const link = `${publicBaseUrl.replace(/\/+$/, '')}${text.path}`;
  return { title: text.title, body: [...text.lines, link].join('\n'), link, data: { ...params } };
}
