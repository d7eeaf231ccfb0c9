import { Role } from '@haven/domain';
import type { OrganisationType, ServiceType } from '@haven/domain';

/**
 * The demo's fixed facts. Everything here is made up or public (place codes):
 * no real person's data.
 */

/** Used when DEMO_PASSWORD is unset; documented in the README. It satisfies the password policy. */
export const DEMO_PASSWORD_DEFAULT = 'Song-Huong-mua-thu-46';

/** Huế, the seed's province. */
export const DEMO_PROVINCE = '46';

/**
 * Four real wards of Huế (codes of migrations/data/vn-communes-2025.csv), in two pairs: each pair
 * has its own demo caseworker; the supervisor and the intake officer cover all four.
 */
export const PHU_XUAN = '19753';
export const KIM_LONG = '19774';
export const VY_DA = '19777';
export const THUAN_HOA = '19789';
export const DEMO_COMMUNES = [PHU_XUAN, KIM_LONG, VY_DA, THUAN_HOA];

/** Two more wards of Huế that some demo organisations serve besides the four demo wards. */
export const THUY_XUAN = '19813';
export const AN_CUU = '19815';

/**
 * The demo's partner organisations in Huế: at least one for every service type (SERVICE_TYPES), each
 * with one partner user. Names are invented (marked "(demo)"), contacts are example.org addresses and
 * 0900 000 3xx numbers. `communeCodes` empty: the whole province (provincial centres); the ward-level
 * ones name the wards they serve, always including the four demo wards, so that a case of any demo
 * ward finds every service. The name is how the seed recognises an organisation it made before.
 */
export interface DemoOrganisationSpec {
  /** Stable within the demo: how demo referrals name their receiver. */
  key: string;
  name: string;
  type: OrganisationType;
  serviceTypes: readonly ServiceType[];
  communeCodes: readonly string[];
  contactEmail: string;
  contactPhone: string;
  partner: { username: string; fullName: string };
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisationSpec[] = [
  {
    // The first demo organisation (made before there were others): its name and partner stay, so existing demo databases keep them.
    key: 'legal-aid',
    name: 'Trung tâm Trợ giúp pháp lý Huế (demo)',
    type: 'legal_aid',
    serviceTypes: ['legal_aid'],
    communeCodes: [],
    contactEmail: 'trogiupphaply.hue@example.org',
    contactPhone: '0900 000 301',
    partner: { username: 'demo-partner', fullName: 'Demo Trợ giúp viên pháp lý' },
  },
  {
    key: 'counselling',
    name: 'Trung tâm Tư vấn tâm lý Hướng Dương (demo)',
    type: 'counselling',
    serviceTypes: ['psychological'],
    communeCodes: [],
    contactEmail: 'tuvan.huongduong@example.org',
    contactPhone: '0900 000 302',
    partner: { username: 'demo-partner-counselling', fullName: 'Demo Chuyên viên tư vấn tâm lý' },
  },
  {
    key: 'social',
    name: 'Trung tâm Công tác xã hội Hương Giang (demo)',
    type: 'social_assistance',
    serviceTypes: ['social_assistance', 'alternative_care'],
    communeCodes: [],
    contactEmail: 'ctxh.huonggiang@example.org',
    contactPhone: '0900 000 303',
    partner: { username: 'demo-partner-social', fullName: 'Demo Nhân viên công tác xã hội' },
  },
  {
    key: 'health',
    name: 'Phòng khám Nhi An Khang (demo)',
    type: 'health',
    serviceTypes: ['health_care'],
    communeCodes: [PHU_XUAN, KIM_LONG, VY_DA, THUAN_HOA, THUY_XUAN, AN_CUU],
    contactEmail: 'phongkham.ankhang@example.org',
    contactPhone: '0900 000 304',
    partner: { username: 'demo-partner-health', fullName: 'Demo Bác sĩ nhi khoa' },
  },
  {
    key: 'school',
    name: 'Trường THCS Hoa Phượng (demo)',
    type: 'school',
    serviceTypes: ['education'],
    communeCodes: [PHU_XUAN, KIM_LONG, VY_DA, THUAN_HOA],
    contactEmail: 'thcs.hoaphuong@example.org',
    contactPhone: '0900 000 305',
    partner: { username: 'demo-partner-school', fullName: 'Demo Giáo viên tư vấn học đường' },
  },
  {
    key: 'care',
    name: 'Làng trẻ Bình Minh Huế (demo)',
    type: 'social_assistance',
    serviceTypes: ['alternative_care'],
    communeCodes: [],
    contactEmail: 'langtre.binhminh@example.org',
    contactPhone: '0900 000 306',
    partner: { username: 'demo-partner-care', fullName: 'Demo Cán bộ chăm sóc thay thế' },
  },
  {
    key: 'shelter',
    name: 'Nhà tạm lánh Bình Yên (demo)',
    type: 'shelter',
    serviceTypes: ['emergency_shelter'],
    communeCodes: [],
    contactEmail: 'tamlanh.binhyen@example.org',
    contactPhone: '0900 000 307',
    partner: { username: 'demo-partner-shelter', fullName: 'Demo Quản lý nhà tạm lánh' },
  },
  {
    key: 'police',
    name: 'Tổ công tác bảo vệ trẻ em, Công an Huế (demo)',
    type: 'police',
    serviceTypes: ['police_justice'],
    communeCodes: [],
    contactEmail: 'congan.baovetreem@example.org',
    contactPhone: '0900 000 308',
    partner: { username: 'demo-partner-police', fullName: 'Demo Cán bộ công an' },
  },
  {
    key: 'vocational',
    name: 'Trường Trung cấp nghề Sông Hương (demo)',
    type: 'school',
    serviceTypes: ['vocational'],
    communeCodes: [],
    contactEmail: 'hocnghe.songhuong@example.org',
    contactPhone: '0900 000 309',
    partner: { username: 'demo-partner-vocational', fullName: 'Demo Cán bộ tuyển sinh học nghề' },
  },
  {
    key: 'club',
    name: 'Câu lạc bộ Kỹ năng sống Tuổi Xanh (demo)',
    type: 'other',
    serviceTypes: ['other'],
    communeCodes: [PHU_XUAN, KIM_LONG, VY_DA, THUAN_HOA, AN_CUU],
    contactEmail: 'clb.tuoixanh@example.org',
    contactPhone: '0900 000 310',
    partner: { username: 'demo-partner-club', fullName: 'Demo Điều phối viên câu lạc bộ' },
  },
];

/** The legal aid centre: the first demo organisation, named by demo plan actions (`byDemoOrganisation`). */
export const DEMO_ORGANISATION = DEMO_ORGANISATIONS[0];

export interface DemoUserSpec {
  username: string;
  role: Role;
  fullName: string;
  /** Commune staff only: the communes the demo needs them to cover. */
  communeCodes: readonly string[];
  /** Partners only: the key of their demo organisation. */
  organisation?: string;
}

/**
 * One user per staff role, and a second caseworker so that the supervisor's communes are shared
 * between two workers; then one partner per demo organisation (demo-partner first, of the legal aid
 * centre, as before there were others).
 */
export const DEMO_USERS: readonly DemoUserSpec[] = [
  { username: 'demo-admin', role: Role.Admin, fullName: 'Demo Quản trị viên', communeCodes: [] },
  { username: 'demo-manager', role: Role.Manager, fullName: 'Demo Cán bộ tỉnh', communeCodes: [] },
  { username: 'demo-supervisor', role: Role.Supervisor, fullName: 'Demo Chủ tịch UBND xã', communeCodes: DEMO_COMMUNES },
  { username: 'demo-caseworker', role: Role.Caseworker, fullName: 'Demo Cán bộ bảo vệ trẻ em xã', communeCodes: [PHU_XUAN, KIM_LONG] },
  { username: 'demo-caseworker2', role: Role.Caseworker, fullName: 'Demo Cán bộ bảo vệ trẻ em xã (2)', communeCodes: [VY_DA, THUAN_HOA] },
  { username: 'demo-intake', role: Role.IntakeOfficer, fullName: 'Demo Tổng đài viên 111', communeCodes: DEMO_COMMUNES },
  ...DEMO_ORGANISATIONS.map((o) => ({ ...o.partner, role: Role.Partner, communeCodes: [], organisation: o.key })),
];

/** Where the demo password comes from, for messages that must never show the password itself. */
export function demoPasswordSource(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEMO_PASSWORD ? 'the value of DEMO_PASSWORD' : `the default ${DEMO_PASSWORD_DEFAULT} (DEMO_PASSWORD is unset)`;
}

export class DemoPasswordRequiredError extends Error {
  constructor() {
    super('DEMO_PASSWORD must be set to seed demo users when NODE_ENV=production: the documented default is public');
    this.name = 'DemoPasswordRequiredError';
  }
}

/** The demo users' password. A production deployment gets no default: a well-known password there would be an open door. */
export function demoPassword(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DEMO_PASSWORD) return env.DEMO_PASSWORD;
  if (env.NODE_ENV === 'production') throw new DemoPasswordRequiredError();
  return DEMO_PASSWORD_DEFAULT;
}
