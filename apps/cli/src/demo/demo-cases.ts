import type {
  AssessmentType,
  ClosureReason,
  ConcernType,
  ConsentGiver,
  ConsentScope,
  IntakeChannel,
  NoteKind,
  NoteVisibility,
  RiskLevel,
  ServiceType,
  Sex,
  SpecialCircumstance,
  Stage,
} from '@haven/domain';
import type { EmergencyMeasure, FindingsDto, NeedsByDomainDto } from '@haven/cases';
import { KIM_LONG, PHU_XUAN, THUAN_HOA, VY_DA } from './demo-data';

/*
 * The demo's cases: 36 reports about children of four Huế wards, received over the last six
 * months, each with the story of what the commune did since. Everything here is invented: the
 * children, their families, the reporters and the addresses (marked "demo"; phone numbers are
 * 0900 000 xxx). No real person's data.
 *
 * A case is walked through the real services, step by step, by the demo user whose job the
 * step is (demo-cases.seeder.ts), so its timeline, versions, access log and records are those
 * the API would have made. Times are given relative to the report's receipt (`day`, `hour`) and
 * never lie in the future; the services stamp the time of the seed on what they record themselves
 * (assessments, plan decisions, the timeline).
 *
 * The incident description of each case is unique: with the case's creator it is how the seed
 * recognises a demo case it made before (demo-cases.seeder.ts, "Idempotency").
 */

/** Who does a step: the case's caseworker (the demo caseworker of its commune) unless the step says. */
export type DemoOpener = 'intake' | 'supervisor' | 'caseworker';

export interface DemoChild {
  fullName: string;
  sex: Sex;
  /** Age on the day of the seed (years, months, days): the date of birth follows, so the demo never ages. */
  age: [years: number, months: number, days: number];
  /** Only the age is known: registered with estimatedAge (whole years). */
  ageEstimated?: boolean;
  communeCode: string;
  address: string;
  caregivers: { name: string; relationship: string; phone?: string }[];
  specialCircumstances?: SpecialCircumstance[];
  ethnicity?: string;
}

export interface DemoPlanAction {
  serviceType: ServiceType;
  description: string;
  /** Days after the report's receipt. */
  startDay: number;
  dueDay: number;
  /** Vietnamese đồng. */
  cost?: number;
  /** The demo partner organisation provides the service. */
  byDemoOrganisation?: boolean;
  /** The case's caseworker answers for the action. */
  byCaseworker?: boolean;
}

export interface DemoPlan {
  goals: string[];
  actions: DemoPlanAction[];
}

export type DemoStep =
  | { kind: 'assign'; by: 'intake' | 'supervisor' }
  | { kind: 'assess'; type: AssessmentType; riskLevel: RiskLevel; findings: FindingsDto; immediateDanger?: boolean; stillAtRisk?: boolean }
  | { kind: 'emergency'; measures: EmergencyMeasure[]; hour: number; note?: string }
  | { kind: 'startSeparation'; placement: string; hour: number; days: number }
  | { kind: 'endSeparation'; day: number }
  | { kind: 'draftPlan'; plan: DemoPlan }
  | { kind: 'submitPlan' }
  | { kind: 'decidePlan'; approve: boolean; comment?: string }
  | { kind: 'note'; day: number; noteKind: NoteKind; visibility: NoteVisibility; body: string; bySupervisor?: boolean }
  | { kind: 'consent'; day: number; giver: ConsentGiver; scopes: ConsentScope[]; giverName?: string }
  /** Withdraws the latest consent of `giver` recorded by this walk. */
  | { kind: 'withdrawConsent'; day: number; giver: ConsentGiver }
  | { kind: 'requestClosure'; reason: ClosureReason; note: string; receivingCommuneCode?: string }
  | { kind: 'decideClosure'; approve: boolean; comment?: string }
  | { kind: 'reopen'; by: 'manager' | 'supervisor'; reason: string; channel: IntakeChannel };

export interface DemoCase {
  /** Stable within the demo; cases are listed (and opened) in the order they were received. */
  key: string;
  /** A new child, or the child of an earlier demo case (a child with two cases). */
  child: DemoChild | { sameChildAs: string };
  /** When the report came in, in days before the seed (fractions are hours). */
  receivedDaysAgo: number;
  channel: IntakeChannel;
  reporter?: { relationship?: string; name?: string; phone?: string; identityConsent: boolean };
  openedBy: DemoOpener;
  /** The intake names the commune's caseworker (a caseworker's own intake always names themselves). */
  assignOnIntake?: boolean;
  incident: { concernTypes: ConcernType[]; description: string; immediateDanger: boolean; hoursBefore?: number };
  steps: DemoStep[];
  /** The stage the walk ends in: the seeder checks it. */
  stage: Stage;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

type Severity = 'severe' | 'serious' | 'minor' | 'none';

const SEVERITY: Record<Severity, Omit<FindingsDto, 'summary' | 'needsByDomain'>> = {
  severe: { harmSeverity: 'severe', abuserAccess: 'lives_with_child', careEnvironmentSafe: false, caregiverProtectiveCapacity: 'low', childResilience: 'low' },
  serious: {
    harmSeverity: 'serious',
    abuserAccess: 'unsupervised',
    careEnvironmentSafe: false,
    caregiverProtectiveCapacity: 'medium',
    childResilience: 'medium',
  },
  minor: { harmSeverity: 'minor', abuserAccess: 'supervised', careEnvironmentSafe: true, caregiverProtectiveCapacity: 'medium', childResilience: 'medium' },
  none: { harmSeverity: 'none', abuserAccess: 'none', careEnvironmentSafe: true, caregiverProtectiveCapacity: 'high', childResilience: 'high' },
};

type FindingsPatch = Partial<Omit<FindingsDto, 'summary' | 'needsByDomain'>>;

const findings = (severity: Severity, summary: string, patch: FindingsPatch = {}, needsByDomain?: NeedsByDomainDto): FindingsDto => ({
  ...SEVERITY[severity],
  ...patch,
  summary,
  ...(needsByDomain && { needsByDomain }),
});

/** Mẫu 02: verifies the report; `immediateDanger` updates what intake recorded. */
const initial = (riskLevel: RiskLevel, severity: Severity, summary: string, extra: { immediateDanger?: boolean; patch?: FindingsPatch } = {}): DemoStep => ({
  kind: 'assess',
  type: 'initial',
  riskLevel,
  findings: findings(severity, summary, extra.patch),
  ...(extra.immediateDanger !== undefined && { immediateDanger: extra.immediateDanger }),
});

/** Mẫu 03: the needs, by domain. */
const needs = (
  riskLevel: RiskLevel,
  severity: Severity,
  byDomain: NeedsByDomainDto,
  summary: string,
  extra: { immediateDanger?: boolean; patch?: FindingsPatch } = {},
): DemoStep => ({
  kind: 'assess',
  type: 'needs',
  riskLevel,
  findings: findings(severity, summary, extra.patch, byDomain),
  ...(extra.immediateDanger !== undefined && { immediateDanger: extra.immediateDanger }),
});

/** Mẫu 06: is the child still at risk or unstable (art. 30)? */
const review = (stillAtRisk: boolean, riskLevel: RiskLevel, severity: Severity, summary: string, patch: FindingsPatch = {}): DemoStep => ({
  kind: 'assess',
  type: 'review',
  riskLevel,
  stillAtRisk,
  findings: findings(severity, summary, patch),
});

const draft = (plan: DemoPlan): DemoStep => ({ kind: 'draftPlan', plan });
const submit: DemoStep = { kind: 'submitPlan' };
const approvePlan = (comment?: string): DemoStep => ({ kind: 'decidePlan', approve: true, ...(comment && { comment }) });
const rejectPlan = (comment: string): DemoStep => ({ kind: 'decidePlan', approve: false, comment });
/** Drafted by the caseworker, submitted, approved by the supervisor. */
const approved = (plan: DemoPlan, comment?: string): DemoStep[] => [draft(plan), submit, approvePlan(comment)];

const note = (day: number, noteKind: NoteKind, visibility: NoteVisibility, body: string, bySupervisor = false): DemoStep => ({
  kind: 'note',
  day,
  noteKind,
  visibility,
  body,
  ...(bySupervisor && { bySupervisor }),
});

const consent = (day: number, giver: ConsentGiver, scopes: ConsentScope[], giverName?: string): DemoStep => ({
  kind: 'consent',
  day,
  giver,
  scopes,
  ...(giverName && { giverName }),
});

const requestClosure = (reason: ClosureReason, text: string, receivingCommuneCode?: string): DemoStep => ({
  kind: 'requestClosure',
  reason,
  note: text,
  ...(receivingCommuneCode && { receivingCommuneCode }),
});
const approveClosure = (comment?: string): DemoStep => ({ kind: 'decideClosure', approve: true, ...(comment && { comment }) });
const rejectClosure = (comment: string): DemoStep => ({ kind: 'decideClosure', approve: false, comment });

const action = (serviceType: ServiceType, description: string, startDay: number, dueDay: number, extra: Partial<DemoPlanAction> = {}): DemoPlanAction => ({
  serviceType,
  description,
  startDay,
  dueDay,
  ...extra,
});

const anonymous = (relationship: string) => ({ relationship, identityConsent: false });
const named = (relationship: string, name: string, phone: string) => ({ relationship, name, phone, identityConsent: true });

// ---------------------------------------------------------------------------------------------
// The cases, oldest first

export const DEMO_CASES: readonly DemoCase[] = [
  {
    key: 'D01',
    child: {
      fullName: 'Nguyễn Phước Minh Khang',
      sex: 'male',
      age: [10, 7, 12],
      communeCode: PHU_XUAN,
      address: 'Kiệt 14 Đặng Thái Thân, tổ 6 (địa chỉ demo)',
      caregivers: [
        { name: 'Tôn Nữ Thu Hương', relationship: 'mẹ', phone: '0900 000 101' },
        { name: 'Nguyễn Phước Hòa', relationship: 'cha' },
      ],
      specialCircumstances: ['i'],
    },
    receivedDaysAgo: 170,
    channel: 'hotline_111',
    reporter: anonymous('hàng xóm'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['physical_violence'],
      description:
        'Hàng xóm gọi 111 lúc đêm: người cha say rượu dùng dây điện đánh con trai nhiều lần, trẻ có vết bầm ở lưng và tay, chạy sang nhà hàng xóm trốn.',
      immediateDanger: true,
      hoursBefore: 1,
    },
    steps: [
      initial('high', 'severe', 'Xác minh tại nhà cùng công an phường: nhiều vết bầm cũ và mới; người cha thừa nhận đánh con khi say.', {
        immediateDanger: true,
      }),
      { kind: 'emergency', measures: ['police_intervention', 'first_aid', 'separation_from_abuser'], hour: 3 },
      { kind: 'startSeparation', placement: 'Nhà bà ngoại, cùng phường (demo)', hour: 4, days: 14 },
      note(1, 'visit', 'internal', 'Thăm trẻ tại nhà bà ngoại. Trẻ ăn ngủ được, còn sợ khi nhắc đến cha. Mẹ đồng ý cho trẻ ở với bà trong thời gian tách.'),
      consent(2, 'guardian', ['services', 'sharing'], 'Tôn Nữ Thu Hương'),
      consent(2, 'child', ['services', 'sharing']),
      needs(
        'medium',
        'serious',
        {
          physical: 'Khám lại vết thương tại trạm y tế phường.',
          psychological: 'Lo âu, mất ngủ; cần tư vấn tâm lý.',
          family: 'Người cha nghiện rượu; mẹ làm ca đêm.',
        },
        'Họp gia đình có công an khu vực và Hội Phụ nữ; người cha cam kết cai rượu.',
        { immediateDanger: false, patch: { abuserAccess: 'supervised' } },
      ),
      { kind: 'endSeparation', day: 13 },
      ...approved({
        goals: ['Trẻ được an toàn khi trở về nhà', 'Người cha không còn dùng bạo lực, tham gia cai rượu'],
        actions: [
          action('psychological', 'Tư vấn tâm lý cho trẻ mỗi tuần tại trường', 15, 75, { cost: 1_800_000, byCaseworker: true }),
          action('health_care', 'Hỗ trợ người cha điều trị cai rượu tại Trung tâm Y tế', 15, 90, { cost: 2_500_000 }),
          action('police_justice', 'Công an khu vực theo dõi, nhắc nhở người cha hằng tháng', 15, 120),
        ],
      }),
      note(40, 'meeting', 'shared', 'Họp rà soát với nhà trường: trẻ đi học đều, kết quả học tập tiến bộ.'),
      note(95, 'visit', 'internal', 'Thăm nhà: người cha đã ngừng uống rượu hơn hai tháng, gia đình sinh hoạt ổn định.'),
      review(false, 'low', 'none', 'Không còn dấu hiệu bạo lực; trẻ ổn định về thể chất và tinh thần.'),
      requestClosure('resolved', 'Trẻ không còn nguy cơ, gia đình ổn định sau 4 tháng can thiệp.'),
      approveClosure('Đồng ý kết thúc hồ sơ.'),
    ],
    stage: 'closed',
  },
  {
    key: 'D02',
    child: {
      fullName: 'Lê Thị Thu Hà',
      sex: 'female',
      age: [7, 3, 4],
      communeCode: KIM_LONG,
      address: 'Tổ 11, đường Kim Long (địa chỉ demo)',
      caregivers: [{ name: 'Lê Văn Sáu', relationship: 'cha', phone: '0900 000 102' }],
    },
    receivedDaysAgo: 162,
    channel: 'school',
    reporter: named('giáo viên chủ nhiệm', 'Hoàng Thị Lan', '0900 000 201'),
    openedBy: 'caseworker',
    incident: {
      concernTypes: ['neglect'],
      description: 'Giáo viên báo trẻ lớp 1 thường đến lớp đói, quần áo bẩn, nghỉ học nhiều buổi; cha đi làm xa, trẻ ở nhà một mình buổi tối.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'minor', 'Trẻ ở với cha làm phụ hồ; mẹ đã bỏ đi. Buổi tối trẻ thường ở nhà một mình đến 21 giờ.'),
      needs(
        'medium',
        'minor',
        { family: 'Cha thu nhập thấp, không có người trông trẻ buổi tối.', education: 'Cần hỗ trợ học phí và bán trú.' },
        'Cha hợp tác, mong được hỗ trợ.',
      ),
      consent(6, 'guardian', ['services'], 'Lê Văn Sáu'),
      consent(6, 'child', ['services']),
      ...approved({
        goals: ['Trẻ được chăm sóc buổi tối và đi học đều'],
        actions: [
          action('education', 'Miễn học phí và đăng ký bán trú tại trường', 8, 60, { cost: 3_000_000 }),
          action('social_assistance', 'Kết nối bà con cùng tổ trông trẻ buổi tối', 8, 30, { byCaseworker: true }),
        ],
      }),
      note(30, 'call', 'internal', 'Gọi điện cho giáo viên: trẻ đi học đều, ăn bán trú tại trường.'),
      review(false, 'low', 'none', 'Trẻ được chăm sóc ổn định; cha đổi ca làm để về sớm.'),
      requestClosure('resolved', 'Mục tiêu kế hoạch đã đạt.'),
      approveClosure(),
    ],
    stage: 'closed',
  },
  {
    key: 'D03',
    child: {
      fullName: 'Trần Bảo Ngọc',
      sex: 'female',
      age: [4, 8, 20],
      communeCode: PHU_XUAN,
      address: 'Kiệt 3 Mai Thúc Loan (địa chỉ demo)',
      caregivers: [
        { name: 'Trần Quang Vũ', relationship: 'cha' },
        { name: 'Phan Thị Yến', relationship: 'mẹ', phone: '0900 000 103' },
      ],
    },
    receivedDaysAgo: 150,
    channel: 'community',
    reporter: anonymous('người dân trong tổ dân phố'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['neglect'],
      description: 'Người dân phản ánh một bé gái khoảng 4 tuổi thường chơi một mình ngoài đường kiệt đến tối, không thấy người lớn trông.',
      immediateDanger: false,
    },
    steps: [
      initial('low', 'none', 'Xác minh: trẻ chơi trước nhà, bà nội trông từ trong nhà. Không có dấu hiệu bỏ mặc.'),
      requestClosure('unfounded', 'Thông tin phản ánh không có cơ sở sau khi xác minh tại nhà.'),
      approveClosure(),
    ],
    stage: 'closed',
  },
  {
    key: 'D04',
    child: {
      fullName: 'Phạm Quốc Huy',
      sex: 'male',
      age: [16, 2, 9],
      communeCode: THUAN_HOA,
      address: 'Tổ 4, khu vực Bến Nghé (địa chỉ demo)',
      caregivers: [{ name: 'Nguyễn Thị Tư', relationship: 'bà nội', phone: '0900 000 104' }],
      specialCircumstances: ['c'],
    },
    receivedDaysAgo: 141,
    channel: 'hotline_111',
    reporter: named('bà nội', 'Nguyễn Thị Tư', '0900 000 104'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['abandonment'],
      description: 'Bà nội 78 tuổi gọi 111: cha mẹ vào Nam làm ăn, hai năm không gửi tiền; bà ốm, không còn khả năng nuôi cháu 16 tuổi.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'serious', 'Trẻ đã nghỉ học, đi phụ quán; bà nội bệnh tim. Không liên lạc được với cha mẹ.', { patch: { abuserAccess: 'none' } }),
      needs(
        'medium',
        'serious',
        { family: 'Dì ruột ở Đà Nẵng đồng ý nhận nuôi.', education: 'Muốn học nghề sửa xe máy.' },
        'Đề xuất chuyển trẻ về ở với dì ruột.',
        { patch: { abuserAccess: 'none' } },
      ),
      ...approved({
        goals: ['Trẻ có người chăm sóc ổn định', 'Trẻ được học nghề'],
        actions: [
          action('alternative_care', 'Làm thủ tục để dì ruột nhận chăm sóc trẻ', 12, 40, { byCaseworker: true }),
          action('vocational', 'Giới thiệu học nghề sửa xe máy', 20, 90, { cost: 4_500_000 }),
        ],
      }),
      note(35, 'meeting', 'internal', 'Gặp dì ruột và bà nội: thống nhất trẻ chuyển vào Đà Nẵng cuối tháng.'),
      // Phường Hòa Khánh, Đà Nẵng: a transfer names the receiving commune.
      requestClosure('transferred', 'Trẻ chuyển đến ở với dì ruột tại Đà Nẵng; đã gửi thông tin cho UBND phường nơi trẻ đến.', '20200'),
      approveClosure('Đồng ý; theo dõi việc bàn giao hồ sơ.'),
    ],
    stage: 'closed',
  },
  {
    key: 'D05',
    child: {
      fullName: 'Tôn Nữ Khánh Linh',
      sex: 'female',
      age: [11, 5, 2],
      communeCode: VY_DA,
      address: 'Kiệt 72 Nguyễn Sinh Cung (địa chỉ demo)',
      caregivers: [
        { name: 'Tôn Thất Bảo', relationship: 'cha' },
        { name: 'Lê Thị Mai', relationship: 'mẹ kế', phone: '0900 000 105' },
      ],
    },
    receivedDaysAgo: 133,
    channel: 'phone',
    reporter: named('cô ruột', 'Tôn Nữ Thanh', '0900 000 205'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['emotional_abuse', 'neglect'],
      description: 'Cô ruột báo cháu gái lớp 5 thường bị mẹ kế chửi mắng, nhốt ngoài hiên, không cho ăn cơm khi bị điểm kém.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'minor', 'Trẻ thu mình, sợ về nhà; mẹ kế phủ nhận. Cha đi biển dài ngày.'),
      needs('medium', 'minor', { emotional: 'Tự ti, hay khóc.', family: 'Mâu thuẫn giữa mẹ kế và gia đình bên nội.' }, 'Cần tư vấn gia đình.'),
      ...approved({
        goals: ['Trẻ được đối xử tôn trọng trong gia đình'],
        actions: [action('psychological', 'Tư vấn gia đình hai buổi mỗi tháng', 10, 70, { cost: 1_200_000 })],
      }),
      note(25, 'visit', 'internal', 'Gia đình không muốn tiếp tục tư vấn; mẹ kế cam kết không xử phạt trẻ như trước. Trẻ đi học bình thường.'),
      requestClosure('family_refused', 'Gia đình từ chối hỗ trợ; trẻ hiện an toàn, nhà trường tiếp tục theo dõi.'),
      approveClosure(),
      { kind: 'reopen', by: 'manager', channel: 'school', reason: 'Nhà trường báo trẻ nghỉ học nhiều ngày, có vết bầm ở tay; cần đánh giá lại.' },
      initial('high', 'serious', 'Trẻ kể bị mẹ kế đánh bằng thước. Cha vẫn đi biển.', { patch: { abuserAccess: 'lives_with_child' } }),
    ],
    stage: 'assessment',
  },
  {
    key: 'D06',
    child: {
      fullName: 'Hoàng Đức Anh',
      sex: 'male',
      age: [14, 10, 15],
      communeCode: VY_DA,
      address: 'Tổ 9, đường Hàn Mặc Tử (địa chỉ demo)',
      caregivers: [{ name: 'Hoàng Văn Lực', relationship: 'cha', phone: '0900 000 106' }],
    },
    receivedDaysAgo: 128,
    channel: 'health_facility',
    reporter: named('điều dưỡng Bệnh viện Trung ương Huế', 'Nguyễn Thị Hạnh', '0900 000 206'),
    openedBy: 'supervisor',
    assignOnIntake: true,
    incident: {
      concernTypes: ['injury_accident'],
      description: 'Bệnh viện báo trẻ 14 tuổi bị gãy chân do tự điều khiển xe máy không đội mũ bảo hiểm, va chạm trên đường Hàn Mặc Tử.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'serious', 'Cha mẹ đi làm cả ngày, trẻ thường lấy xe máy của cha đi chơi.', { patch: { abuserAccess: 'none' } }),
      needs('medium', 'minor', { physical: 'Phục hồi chức năng sau mổ.', education: 'Nghỉ học 6 tuần, cần học bù.' }, 'Gia đình hợp tác.'),
      ...approved({
        goals: ['Trẻ phục hồi và đi học lại', 'Gia đình quản lý xe máy, trẻ tham gia giao thông an toàn'],
        actions: [
          action('health_care', 'Phục hồi chức năng tại Bệnh viện', 7, 50, { cost: 2_000_000 }),
          action('education', 'Giáo viên dạy bù tại nhà', 10, 50),
        ],
      }),
      review(false, 'low', 'none', 'Trẻ đi lại bình thường, đã đi học lại.'),
      requestClosure('resolved', 'Trẻ phục hồi tốt, gia đình cam kết quản lý xe.'),
      approveClosure(),
    ],
    stage: 'closed',
  },
  {
    key: 'D07',
    child: {
      fullName: 'Đặng Thị Mỹ Duyên',
      sex: 'female',
      age: [9, 1, 3],
      communeCode: KIM_LONG,
      address: 'Kiệt 5 Vạn Xuân (địa chỉ demo)',
      caregivers: [{ name: 'Đặng Văn Hải', relationship: 'cha', phone: '0900 000 107' }],
      specialCircumstances: ['d'],
    },
    receivedDaysAgo: 121,
    channel: 'hotline_111',
    reporter: anonymous('người quen của gia đình'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['other', 'neglect'],
      description: 'Trẻ khuyết tật vận động 9 tuổi chưa từng được đi học, ở trong nhà cả ngày; gia đình không làm giấy xác nhận khuyết tật.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'minor', 'Trẻ được ăn uống đầy đủ nhưng không được đi học, chưa có trợ cấp khuyết tật.'),
      needs('medium', 'minor', { education: 'Cần lớp hòa nhập.', legal: 'Chưa có giấy xác nhận khuyết tật.' }, 'Cha chưa muốn cho con ra ngoài.'),
      note(20, 'visit', 'internal', 'Gia đình từ chối đưa trẻ đi học và làm giấy tờ; trẻ được chăm sóc đầy đủ trong nhà.'),
      requestClosure('family_refused', 'Gia đình từ chối hỗ trợ; trẻ an toàn. Tổ dân phố tiếp tục vận động.'),
      approveClosure('Đồng ý; đề nghị thăm lại sau 6 tháng.'),
    ],
    stage: 'closed',
  },
  {
    key: 'D08',
    child: {
      fullName: 'Võ Minh Nhật',
      sex: 'male',
      age: [6, 4, 18],
      communeCode: VY_DA,
      address: 'Tổ 2, khu vực Thôn Vỹ Dạ (địa chỉ demo)',
      caregivers: [{ name: 'Võ Thị Kim', relationship: 'mẹ', phone: '0900 000 108' }],
    },
    receivedDaysAgo: 112,
    channel: 'walk_in',
    reporter: named('mẹ', 'Võ Thị Kim', '0900 000 108'),
    openedBy: 'caseworker',
    incident: {
      concernTypes: ['emotional_abuse'],
      description: 'Người mẹ đến UBND phường trình báo: cha dượng thường quát tháo, dọa đuổi trẻ 6 tuổi ra khỏi nhà; trẻ đái dầm, sợ hãi.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'minor', 'Trẻ sợ cha dượng, ngủ không yên. Mẹ muốn được giúp.'),
      needs('medium', 'minor', { emotional: 'Lo âu, đái dầm.', family: 'Cha dượng nóng tính, áp lực kinh tế.' }, 'Cha dượng đồng ý tham gia tư vấn.'),
      ...approved({
        goals: ['Trẻ hết lo âu', 'Cha dượng kiểm soát được cảm xúc'],
        actions: [
          action('psychological', 'Trị liệu tâm lý cho trẻ qua trò chơi', 10, 80, { cost: 2_400_000 }),
          action('psychological', 'Tư vấn kỹ năng làm cha mẹ cho cha dượng', 10, 60, { cost: 1_000_000 }),
        ],
      }),
      note(45, 'visit', 'shared', 'Trẻ vui vẻ hơn, đã hết đái dầm. Cha dượng tham gia đủ buổi tư vấn.'),
      review(false, 'low', 'none', 'Không còn hành vi bạo lực tinh thần; trẻ ổn định.'),
    ],
    stage: 'review',
  },
  {
    key: 'D09',
    child: {
      fullName: 'Huỳnh Thị Thanh Tâm',
      sex: 'female',
      age: [15, 6, 1],
      communeCode: KIM_LONG,
      address: 'Tổ 7, đường Nguyễn Phúc Nguyên (địa chỉ demo)',
      caregivers: [{ name: 'Huỳnh Thị Lài', relationship: 'mẹ', phone: '0900 000 109' }],
      specialCircumstances: ['l'],
    },
    receivedDaysAgo: 104,
    channel: 'police',
    reporter: named('cán bộ công an phường', 'Trần Văn Dũng', '0900 000 209'),
    openedBy: 'supervisor',
    assignOnIntake: true,
    incident: {
      concernTypes: ['sexual_abuse'],
      description: 'Công an phường chuyển tin: một người đàn ông thuê trọ cạnh nhà bị tố cáo xâm hại tình dục trẻ nữ 15 tuổi nhiều lần.',
      immediateDanger: true,
      hoursBefore: 20,
    },
    steps: [
      initial('high', 'severe', 'Trẻ đã khai với công an; người bị tố cáo vẫn ở cạnh nhà.', { immediateDanger: true, patch: { abuserAccess: 'unsupervised' } }),
      { kind: 'emergency', measures: ['police_intervention', 'medical_care'], hour: 6 },
      consent(1, 'guardian', ['services', 'sharing'], 'Huỳnh Thị Lài'),
      consent(1, 'child', ['services', 'sharing']),
      needs(
        'high',
        'serious',
        { psychological: 'Sang chấn; cần trị liệu dài hạn.', legal: 'Cần trợ giúp pháp lý khi làm việc với cơ quan điều tra.' },
        'Người bị tố cáo đã bị tạm giữ.',
        { immediateDanger: false, patch: { abuserAccess: 'none' } },
      ),
      ...approved({
        goals: ['Trẻ được hỗ trợ pháp lý trong suốt quá trình tố tụng', 'Trẻ vượt qua sang chấn'],
        actions: [
          action('legal_aid', 'Trợ giúp viên pháp lý tham gia các buổi lấy lời khai', 5, 120, { byDemoOrganisation: true }),
          action('psychological', 'Trị liệu sang chấn mỗi tuần', 5, 150, { cost: 6_000_000 }),
          action('police_justice', 'Phối hợp với cơ quan điều tra, bảo đảm bí mật thông tin', 5, 120),
        ],
      }),
      note(60, 'meeting', 'internal', 'Họp liên ngành: vụ án chuyển Viện kiểm sát; trẻ vẫn gặp ác mộng.'),
      review(true, 'medium', 'minor', 'Trẻ còn sang chấn; cần tiếp tục trị liệu và hỗ trợ khi ra tòa.', { abuserAccess: 'none' }),
    ],
    stage: 'review',
  },
  {
    key: 'D10',
    child: {
      fullName: 'Bùi Ngọc Hân',
      sex: 'female',
      age: [12, 0, 26],
      communeCode: KIM_LONG,
      address: 'Kiệt 21 Kim Long (địa chỉ demo)',
      caregivers: [{ name: 'Bùi Thị Hoa', relationship: 'bà ngoại', phone: '0900 000 110' }],
    },
    receivedDaysAgo: 98,
    channel: 'school',
    reporter: named('tổng phụ trách đội', 'Lê Thị Hiền', '0900 000 210'),
    openedBy: 'caseworker',
    incident: {
      concernTypes: ['emotional_abuse', 'neglect'],
      description: 'Nhà trường báo học sinh lớp 6 sống với bà ngoại, cha mẹ đi làm ăn xa; em bị bạn bè trêu chọc, có biểu hiện trầm cảm, bỏ ăn.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'minor', 'Bà ngoại lớn tuổi, không theo dõi được việc học; trẻ buồn bã, ít nói.', { patch: { abuserAccess: 'none' } }),
      needs('medium', 'minor', { emotional: 'Dấu hiệu trầm cảm.', education: 'Học lực giảm.' }, 'Cần tư vấn và kèm học.', { patch: { abuserAccess: 'none' } }),
      ...approved({
        goals: ['Trẻ được hỗ trợ tâm lý', 'Cha mẹ liên lạc thường xuyên với trẻ'],
        actions: [action('psychological', 'Tư vấn tâm lý học đường hằng tuần', 10, 70, { cost: 1_500_000 })],
      }),
      note(50, 'call', 'internal', 'Gọi cho mẹ ở Bình Dương: mẹ hứa gọi video cho con mỗi tối.'),
      review(true, 'medium', 'minor', 'Trẻ đỡ buồn nhưng học lực vẫn giảm; cần bổ sung hỗ trợ học tập.', { abuserAccess: 'none' }),
      ...approved(
        {
          goals: ['Trẻ được hỗ trợ tâm lý', 'Cha mẹ liên lạc thường xuyên với trẻ', 'Trẻ lấy lại kết quả học tập'],
          actions: [
            action('psychological', 'Tư vấn tâm lý học đường hằng tuần', 70, 130, { cost: 1_500_000 }),
            action('education', 'Lớp kèm miễn phí của Đoàn phường', 75, 160, { byCaseworker: true }),
          ],
        },
        'Phê duyệt kế hoạch điều chỉnh (lần 2).',
      ),
    ],
    stage: 'intervention',
  },
  {
    key: 'D11',
    child: {
      fullName: 'Ngô Thanh Tùng',
      sex: 'male',
      age: [13, 9, 7],
      communeCode: THUAN_HOA,
      address: 'Tổ 15, đường Hùng Vương (địa chỉ demo)',
      caregivers: [{ name: 'Ngô Văn Lợi', relationship: 'cha', phone: '0900 000 111' }],
    },
    receivedDaysAgo: 96,
    channel: 'hotline_111',
    reporter: anonymous('chủ nhà trọ'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['neglect'],
      description: 'Chủ nhà trọ báo một trẻ trai 13 tuổi sống một mình trong phòng trọ nhiều tuần, cha làm tàu biển, không có ai trông nom.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'serious', 'Trẻ tự lo ăn uống bằng tiền cha gửi, thường bỏ học đi chơi điện tử.', { patch: { abuserAccess: 'none' } }),
      needs('medium', 'minor', { family: 'Chú ruột ở gần có thể nhận trông.', education: 'Nghỉ học nhiều.' }, 'Cha đồng ý gửi trẻ cho chú.'),
      ...approved({
        goals: ['Trẻ có người trông nom hằng ngày', 'Trẻ đi học đều'],
        actions: [
          action('alternative_care', 'Trẻ về ở với chú ruột trong thời gian cha đi tàu', 10, 40, { byCaseworker: true }),
          action('education', 'Giáo viên chủ nhiệm theo dõi chuyên cần', 10, 90),
        ],
      }),
      note(60, 'visit', 'internal', 'Trẻ ở với chú, đi học đều; cha gọi điện mỗi tuần.'),
      review(false, 'low', 'none', 'Trẻ được chăm sóc ổn định, không còn nguy cơ.'),
      requestClosure('resolved', 'Đã đạt mục tiêu; đề nghị đóng hồ sơ.'),
    ],
    stage: 'review',
  },
  {
    key: 'D12',
    child: {
      fullName: 'Phan Thị Kim Oanh',
      sex: 'female',
      age: [10, 2, 11],
      communeCode: PHU_XUAN,
      address: 'Kiệt 9 Đinh Tiên Hoàng (địa chỉ demo)',
      caregivers: [
        { name: 'Phan Văn Tiến', relationship: 'cha' },
        { name: 'Lê Thị Bích', relationship: 'mẹ', phone: '0900 000 112' },
      ],
    },
    receivedDaysAgo: 88,
    channel: 'phone',
    reporter: anonymous('hàng xóm'),
    openedBy: 'intake',
    incident: {
      concernTypes: ['physical_violence'],
      description: 'Hàng xóm gọi điện: nhiều lần nghe tiếng trẻ gái khóc thét, thấy mẹ đánh con bằng roi mây vì không làm xong việc nhà.',
      immediateDanger: false,
    },
    steps: [
      { kind: 'assign', by: 'supervisor' },
      initial('high', 'serious', 'Trẻ có vết lằn roi ở chân; mẹ cho rằng đánh để dạy con.'),
      needs('medium', 'minor', { physical: 'Vết thương phần mềm.', family: 'Mẹ áp lực, thiếu kỹ năng nuôi dạy con.' }, 'Mẹ nhận thức được sai.'),
      consent(12, 'guardian', ['services', 'sharing'], 'Lê Thị Bích'),
      consent(12, 'child', ['services', 'sharing']),
      ...approved({
        goals: ['Gia đình dùng biện pháp giáo dục không bạo lực'],
        actions: [action('psychological', 'Lớp kỹ năng làm cha mẹ của Hội Phụ nữ phường', 14, 60, { cost: 800_000 })],
      }),
      note(40, 'visit', 'shared', 'Thăm nhà: không phát hiện dấu hiệu bị đánh; mẹ tham gia đủ 6 buổi.'),
      review(false, 'low', 'none', 'Không tái diễn bạo lực; trẻ ổn định.'),
    ],
    stage: 'review',
  },
  {
    key: 'D13',
    child: {
      fullName: 'Dương Hoàng Nam',
      sex: 'male',
      age: [8, 6, 9],
      communeCode: VY_DA,
      address: 'Tổ 12, đường Nguyễn Sinh Cung (địa chỉ demo)',
      caregivers: [{ name: 'Dương Thị Thảo', relationship: 'mẹ', phone: '0900 000 113' }],
      specialCircumstances: ['dd', 'n'],
    },
    receivedDaysAgo: 80,
    channel: 'other',
    reporter: named('cán bộ Hội Liên hiệp Phụ nữ phường', 'Nguyễn Thị Sương', '0900 000 213'),
    openedBy: 'supervisor',
    assignOnIntake: true,
    incident: {
      concernTypes: ['other', 'emotional_abuse'],
      description: 'Hội Phụ nữ phường báo trẻ sống chung với HIV bị phụ huynh khác phản đối cho học chung lớp, bị bạn bè xa lánh, nghỉ học hai tuần.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'minor', 'Trẻ điều trị ARV đều; bị kỳ thị ở trường, buồn, không muốn đi học.', { patch: { abuserAccess: 'none' } }),
      needs(
        'medium',
        'minor',
        { emotional: 'Tủi thân, sợ đến trường.', education: 'Cần nhà trường bảo đảm quyền học tập.', physical: 'Duy trì điều trị ARV.' },
        'Mẹ đơn thân, hộ cận nghèo.',
        { patch: { abuserAccess: 'none' } },
      ),
      consent(10, 'guardian', ['services'], 'Dương Thị Thảo'),
      consent(10, 'child', ['services']),
      ...approved({
        goals: ['Trẻ đi học lại trong môi trường không kỳ thị', 'Gia đình được trợ giúp xã hội'],
        actions: [
          action('education', 'Làm việc với nhà trường và ban đại diện cha mẹ học sinh', 12, 30, { byCaseworker: true }),
          action('health_care', 'Duy trì điều trị ARV, bảo mật thông tin', 12, 180),
          action('social_assistance', 'Đề nghị trợ cấp xã hội hằng tháng', 15, 45, { cost: 3_600_000 }),
        ],
      }),
      note(35, 'meeting', 'internal', 'Họp với nhà trường: đã truyền thông cho phụ huynh; trẻ đi học lại từ thứ Hai.'),
    ],
    stage: 'intervention',
  },
  {
    key: 'D14',
    child: {
      fullName: 'Lê Thị Hồng Nhung',
      sex: 'female',
      age: [15, 3, 22],
      communeCode: PHU_XUAN,
      address: 'Kiệt 30 Lê Thánh Tôn (địa chỉ demo)',
      caregivers: [{ name: 'Lê Văn Cường', relationship: 'cha', phone: '0900 000 114' }],
      specialCircumstances: ['h', 'k'],
    },
    receivedDaysAgo: 72,
    channel: 'phone',
    reporter: anonymous('khách lưu trú'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['labour_exploitation'],
      description: 'Khách lưu trú báo một em gái khoảng 15 tuổi làm dọn phòng tại một homestay từ 6 giờ sáng đến 11 giờ đêm, không được đi học.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'serious', 'Trẻ bỏ học từ lớp 8 để đi làm giúp gia đình; làm việc 16 giờ mỗi ngày.', { patch: { abuserAccess: 'unsupervised' } }),
      needs('medium', 'minor', { education: 'Muốn học nghề nấu ăn.', family: 'Hộ nghèo, cha bị tai nạn lao động.' }, 'Chủ homestay đã bị nhắc nhở.'),
      consent(8, 'guardian', ['services', 'sharing'], 'Lê Văn Cường'),
      consent(8, 'child', ['services', 'sharing']),
      ...approved({
        goals: ['Trẻ thôi làm việc quá sức', 'Trẻ được học nghề', 'Gia đình được hỗ trợ sinh kế'],
        actions: [
          action('vocational', 'Học nghề nấu ăn tại Trường Trung cấp nghề', 20, 200, { cost: 5_000_000 }),
          action('social_assistance', 'Hỗ trợ sinh kế cho hộ nghèo', 15, 60, { cost: 4_000_000 }),
        ],
      }),
      { kind: 'withdrawConsent', day: 30, giver: 'guardian' },
      consent(30, 'guardian', ['services'], 'Lê Văn Cường'),
      note(30, 'call', 'internal', 'Người cha rút đồng ý chia sẻ thông tin với đối tác; vẫn đồng ý nhận dịch vụ.'),
    ],
    stage: 'intervention',
  },
  {
    key: 'D15',
    child: {
      fullName: 'Lê Phúc An',
      sex: 'male',
      age: [0, 2, 10],
      communeCode: KIM_LONG,
      address: 'Đang được chăm sóc thay thế tại phường Kim Long (địa chỉ demo)',
      caregivers: [],
      specialCircumstances: ['b'],
    },
    receivedDaysAgo: 64,
    channel: 'community',
    reporter: named('sư trụ trì', 'Thích Minh Tâm', '0900 000 215'),
    openedBy: 'caseworker',
    incident: {
      concernTypes: ['abandonment'],
      description: 'Người dân phát hiện một trẻ sơ sinh khoảng một tuần tuổi bị bỏ trong giỏ trước cổng một ngôi chùa lúc sáng sớm, kèm giấy ghi ngày sinh.',
      immediateDanger: true,
      hoursBefore: 2,
    },
    steps: [
      {
        kind: 'emergency',
        measures: ['medical_care', 'safe_shelter'],
        hour: 1,
        note: 'Đưa trẻ đi khám tại Bệnh viện Trung ương Huế, sau đó chuyển nơi chăm sóc tạm thời.',
      },
      initial('high', 'severe', 'Trẻ bị hạ thân nhiệt nhẹ, đã ổn định tại bệnh viện. Chưa xác định được cha mẹ.', {
        immediateDanger: false,
        patch: { abuserAccess: 'none' },
      }),
      needs(
        'medium',
        'serious',
        {
          physical: 'Theo dõi dinh dưỡng, tiêm chủng.',
          legal: 'Làm thủ tục đăng ký khai sinh cho trẻ bị bỏ rơi.',
          family: 'Tìm gia đình nhận chăm sóc thay thế.',
        },
        'Một gia đình trong phường đăng ký nhận chăm sóc.',
        { patch: { abuserAccess: 'none' } },
      ),
      ...approved({
        goals: ['Trẻ được chăm sóc thay thế an toàn', 'Trẻ có giấy khai sinh và thẻ bảo hiểm y tế'],
        actions: [
          action('alternative_care', 'Giao trẻ cho gia đình nhận chăm sóc thay thế', 5, 30, { byCaseworker: true }),
          action('legal_aid', 'Đăng ký khai sinh cho trẻ bị bỏ rơi', 5, 25, { byDemoOrganisation: true }),
          action('health_care', 'Khám, tiêm chủng theo lịch', 5, 365),
          action('social_assistance', 'Trợ cấp nuôi dưỡng hằng tháng', 10, 365, { cost: 9_000_000 }),
        ],
      }),
      note(40, 'visit', 'shared', 'Thăm gia đình chăm sóc thay thế: trẻ tăng cân tốt, đã có giấy khai sinh.'),
    ],
    stage: 'intervention',
  },
  {
    key: 'D16',
    child: {
      fullName: 'Hồ Tấn Phát',
      sex: 'male',
      age: [15, 11, 5],
      communeCode: THUAN_HOA,
      address: 'Tổ 3, đường Phan Bội Châu (địa chỉ demo)',
      caregivers: [{ name: 'Hồ Thị Nga', relationship: 'mẹ', phone: '0900 000 116' }],
      specialCircumstances: ['m', 'k'],
    },
    receivedDaysAgo: 55,
    channel: 'police',
    reporter: named('cán bộ Công an tỉnh', 'Lê Minh Tuấn', '0900 000 216'),
    openedBy: 'supervisor',
    assignOnIntake: true,
    incident: {
      concernTypes: ['trafficking', 'labour_exploitation'],
      description: 'Công an tỉnh thông báo giải cứu trẻ trai 15 tuổi bị dụ dỗ sang biên giới làm việc không lương tại một xưởng, nay đã đưa về địa phương.',
      immediateDanger: false,
    },
    steps: [
      initial('high', 'serious', 'Trẻ đã về với mẹ; sợ hãi, mất ngủ. Đối tượng môi giới đang bị điều tra.', { patch: { abuserAccess: 'none' } }),
      needs(
        'high',
        'serious',
        { psychological: 'Sang chấn sau thời gian bị giam giữ.', legal: 'Cần hỗ trợ pháp lý với tư cách bị hại.', education: 'Muốn quay lại lớp 9.' },
        'Mẹ đồng ý mọi hỗ trợ.',
        { patch: { abuserAccess: 'none' } },
      ),
      consent(6, 'guardian', ['services', 'sharing'], 'Hồ Thị Nga'),
      consent(6, 'child', ['services', 'sharing']),
      ...approved({
        goals: ['Trẻ hòa nhập cộng đồng và đi học lại', 'Quyền của trẻ với tư cách bị hại được bảo đảm'],
        actions: [
          action('legal_aid', 'Trợ giúp pháp lý cho trẻ bị hại', 8, 120, { byDemoOrganisation: true }),
          action('psychological', 'Trị liệu sang chấn', 8, 90, { cost: 3_000_000 }),
          action('education', 'Hỗ trợ quay lại lớp 9 giữa năm học', 15, 60, { byCaseworker: true }),
        ],
      }),
      note(30, 'meeting', 'shared', 'Họp với trợ giúp viên pháp lý và nhà trường; trẻ đã đi học lại.'),
    ],
    stage: 'intervention',
  },
  {
    key: 'D17',
    child: {
      fullName: 'Trương Ngọc Diệp',
      sex: 'female',
      age: [13, 4, 28],
      communeCode: VY_DA,
      address: 'Kiệt 44 Nguyễn Sinh Cung (địa chỉ demo)',
      caregivers: [
        { name: 'Trương Văn Khoa', relationship: 'cha', phone: '0900 000 117' },
        { name: 'Nguyễn Thị Xuân', relationship: 'mẹ' },
      ],
      specialCircumstances: ['d'],
    },
    receivedDaysAgo: 48,
    channel: 'school',
    reporter: named('hiệu phó', 'Phạm Thị Hồng', '0900 000 217'),
    openedBy: 'caseworker',
    incident: {
      concernTypes: ['physical_violence', 'emotional_abuse'],
      description: 'Nhà trường báo học sinh lớp 7 khiếm thính bị một nhóm bạn đánh trong nhà vệ sinh, quay video đăng lên mạng xã hội.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'serious', 'Trẻ bị bầm mặt; sợ đến trường. Video đã được gỡ.', { patch: { abuserAccess: 'supervised' } }),
      needs('medium', 'minor', { emotional: 'Xấu hổ, sợ hãi.', education: 'Cần phiên dịch ngôn ngữ ký hiệu trong lớp.' }, 'Gia đình hợp tác.'),
      consent(5, 'guardian', ['services'], 'Trương Văn Khoa'),
      consent(5, 'child', ['services']),
      ...approved({
        goals: ['Trẻ an toàn ở trường', 'Nhóm học sinh gây bạo lực được giáo dục'],
        actions: [
          action('psychological', 'Tư vấn tâm lý cho trẻ', 7, 60, { cost: 1_500_000 }),
          action('education', 'Nhà trường bố trí hỗ trợ ngôn ngữ ký hiệu và giám sát giờ ra chơi', 7, 120),
        ],
      }),
    ],
    stage: 'intervention',
  },
  {
    key: 'D18',
    child: { sameChildAs: 'D17' },
    receivedDaysAgo: 47,
    channel: 'hotline_111',
    reporter: anonymous('phụ huynh học sinh cùng lớp'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['physical_violence'],
      description: 'Phụ huynh gọi 111 về đoạn video một nữ sinh khiếm thính bị bạn đánh trong trường, đang lan truyền trên mạng.',
      immediateDanger: false,
    },
    steps: [requestClosure('duplicate', 'Trùng với hồ sơ nhà trường đã báo hôm trước về cùng sự việc.'), approveClosure()],
    stage: 'closed',
  },
  {
    key: 'D19',
    child: {
      fullName: 'Lý Minh Quân',
      sex: 'male',
      age: [9, 7, 14],
      communeCode: THUAN_HOA,
      address: 'Tổ 20, đường Bà Triệu (địa chỉ demo)',
      caregivers: [{ name: 'Lý Thị Hằng', relationship: 'mẹ', phone: '0900 000 119' }],
    },
    receivedDaysAgo: 41,
    channel: 'community',
    reporter: anonymous('tổ trưởng tổ dân phố'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['neglect'],
      description: 'Tổ trưởng dân phố báo hai anh em 9 và 5 tuổi thường bị khóa trong nhà cả ngày khi mẹ đi bán hàng ở chợ.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'minor', 'Mẹ đơn thân bán rau; trẻ lớn trông em, bị khóa cửa từ 5 giờ sáng đến trưa.', { patch: { abuserAccess: 'none' } }),
      needs('medium', 'minor', { family: 'Cần chỗ gửi trẻ nhỏ.', education: 'Trẻ lớn đi học buổi chiều.' }, 'Mẹ hợp tác một phần.', {
        patch: { abuserAccess: 'none' },
      }),
      ...approved({
        goals: ['Trẻ không bị bỏ một mình trong nhà'],
        actions: [action('social_assistance', 'Hỗ trợ gửi trẻ nhỏ ở nhóm trẻ gia đình', 8, 60, { cost: 2_100_000 })],
      }),
      note(20, 'visit', 'internal', 'Mẹ nói không muốn cán bộ đến nhà nữa, nhưng em nhỏ chưa được gửi nhóm trẻ.'),
      requestClosure('family_refused', 'Gia đình không muốn tiếp tục nhận hỗ trợ.'),
      rejectClosure('Trẻ vẫn bị khóa trong nhà buổi sáng; chưa đủ điều kiện đóng. Tiếp tục vận động.'),
    ],
    stage: 'intervention',
  },
  {
    key: 'D20',
    child: {
      fullName: 'Đỗ Trọng Nghĩa',
      sex: 'male',
      age: [11, 8, 6],
      communeCode: PHU_XUAN,
      address: 'Kiệt 8 Tống Duy Tân (địa chỉ demo)',
      caregivers: [{ name: 'Đỗ Thị Lệ', relationship: 'mẹ', phone: '0900 000 120' }],
      specialCircumstances: ['i'],
    },
    receivedDaysAgo: 34,
    channel: 'hotline_111',
    reporter: named('mẹ', 'Đỗ Thị Lệ', '0900 000 120'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['physical_violence'],
      description: 'Người mẹ gọi 111: chồng thường xuyên đánh con trai 11 tuổi bằng thắt lưng; lần này trẻ bị rách da đầu phải khâu.',
      immediateDanger: false,
    },
    steps: [
      initial('high', 'severe', 'Người cha đã bỏ đi sau khi đánh con; có thể quay lại.', { patch: { abuserAccess: 'unsupervised' } }),
      needs(
        'high',
        'serious',
        { physical: 'Vết thương đầu đã khâu.', psychological: 'Hoảng sợ, gặp ác mộng.', legal: 'Mẹ muốn làm đơn yêu cầu cấm tiếp xúc.' },
        'Cần can thiệp pháp lý.',
      ),
      consent(4, 'guardian', ['services', 'sharing'], 'Đỗ Thị Lệ'),
      consent(4, 'child', ['services', 'sharing']),
      draft({
        goals: ['Trẻ được an toàn'],
        actions: [action('psychological', 'Tư vấn tâm lý cho trẻ', 6, 60, { cost: 1_500_000 })],
      }),
      submit,
      rejectPlan('Kế hoạch chưa có biện pháp ngăn người cha tiếp cận trẻ; bổ sung trợ giúp pháp lý và phối hợp công an.'),
      ...approved(
        {
          goals: ['Trẻ được an toàn, người cha không được tiếp cận khi chưa có giám sát', 'Trẻ vượt qua sang chấn'],
          actions: [
            action('legal_aid', 'Hỗ trợ mẹ làm đơn đề nghị áp dụng biện pháp cấm tiếp xúc', 8, 30, { byDemoOrganisation: true }),
            action('police_justice', 'Công an khu vực giám sát, xử lý nếu người cha quay lại', 8, 90),
            action('psychological', 'Tư vấn tâm lý cho trẻ mỗi tuần', 8, 70, { cost: 1_500_000, byCaseworker: true }),
          ],
        },
        'Đồng ý phiên bản 2.',
      ),
      note(20, 'visit', 'internal', 'Trẻ ngủ ngon hơn; người cha chưa quay lại.'),
    ],
    stage: 'intervention',
  },
  {
    key: 'D21',
    child: {
      fullName: 'Mai Phương Thảo',
      sex: 'female',
      age: [16, 1, 17],
      communeCode: VY_DA,
      address: 'Tổ 6, đường Ưng Bình (địa chỉ demo)',
      caregivers: [{ name: 'Mai Văn Toàn', relationship: 'cha', phone: '0900 000 121' }],
      specialCircumstances: ['k'],
    },
    receivedDaysAgo: 21,
    channel: 'online',
    reporter: anonymous('bạn học'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['sexual_exploitation'],
      description:
        'Tin nhắn qua trang trực tuyến của Tổng đài: một nữ sinh 16 tuổi bị người quen trên mạng dụ gửi ảnh nhạy cảm để đổi tiền, nay bị đe dọa phát tán.',
      immediateDanger: false,
    },
    steps: [
      initial('high', 'serious', 'Trẻ xác nhận sự việc; đối tượng ở tỉnh khác, vẫn nhắn tin đe dọa.', { patch: { abuserAccess: 'unsupervised' } }),
      consent(2, 'guardian', ['services', 'sharing'], 'Mai Văn Toàn'),
      consent(2, 'child', ['services', 'sharing']),
      needs('high', 'serious', { psychological: 'Lo sợ, xấu hổ.', legal: 'Cần trình báo công an về hành vi đe dọa.' }, 'Gia đình đã trình báo công an.'),
    ],
    stage: 'planning',
  },
  {
    key: 'D22',
    child: {
      fullName: 'Nguyễn Hữu Lộc',
      sex: 'male',
      age: [14, 5, 19],
      communeCode: THUAN_HOA,
      address: 'Tổ 1, đường Nguyễn Công Trứ (địa chỉ demo)',
      caregivers: [{ name: 'Nguyễn Thị Vân', relationship: 'mẹ', phone: '0900 000 122' }],
      specialCircumstances: ['h'],
    },
    receivedDaysAgo: 19,
    channel: 'community',
    reporter: anonymous('người dân'),
    openedBy: 'intake',
    incident: {
      concernTypes: ['labour_exploitation'],
      description: 'Người dân báo trẻ trai 14 tuổi rửa bát tại một quán nhậu đến 1 giờ sáng mỗi đêm, đã bỏ học từ đầu năm.',
      immediateDanger: false,
    },
    steps: [
      { kind: 'assign', by: 'supervisor' },
      initial('medium', 'serious', 'Trẻ đi làm để phụ mẹ trả nợ; chủ quán trả công theo ngày.', { patch: { abuserAccess: 'unsupervised' } }),
      needs('medium', 'minor', { education: 'Muốn đi học lại hoặc học nghề.', family: 'Nợ vay nóng.' }, 'Mẹ đồng ý cho trẻ nghỉ làm nếu được hỗ trợ.'),
      draft({
        goals: ['Trẻ thôi làm đêm', 'Trẻ học nghề hoặc đi học lại'],
        actions: [
          action('vocational', 'Học nghề điện dân dụng', 25, 200, { cost: 4_000_000 }),
          action('social_assistance', 'Hỗ trợ gia đình vay vốn ưu đãi', 20, 60, { byCaseworker: true }),
        ],
      }),
      submit,
    ],
    stage: 'planning',
  },
  {
    key: 'D23',
    child: {
      fullName: 'Phạm Gia Bảo',
      sex: 'male',
      age: [7, 9, 2],
      communeCode: VY_DA,
      address: 'Kiệt 11 Phạm Văn Đồng (địa chỉ demo)',
      caregivers: [
        { name: 'Phạm Văn Long', relationship: 'cha' },
        { name: 'Trần Thị Hoa', relationship: 'mẹ', phone: '0900 000 123' },
      ],
    },
    receivedDaysAgo: 16,
    channel: 'school',
    reporter: named('giáo viên chủ nhiệm', 'Võ Thị Thu', '0900 000 223'),
    openedBy: 'caseworker',
    incident: {
      concernTypes: ['neglect', 'emotional_abuse'],
      description: 'Giáo viên báo học sinh lớp 2 thường xuyên không được ăn sáng, hay kể bị cha mẹ mắng là "đồ vô dụng" khi cha mẹ cãi nhau.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'minor', 'Cha mẹ đang ly thân, thường cãi vã trước mặt con.'),
      needs('medium', 'minor', { emotional: 'Trẻ buồn, hay khóc ở lớp.', family: 'Cha mẹ mâu thuẫn.' }, 'Cần tư vấn gia đình.'),
      draft({
        goals: ['Trẻ được ăn uống đầy đủ', 'Cha mẹ không dùng lời lẽ xúc phạm trẻ'],
        actions: [action('psychological', 'Tư vấn hòa giải gia đình', 18, 60, { cost: 1_000_000 })],
      }),
    ],
    stage: 'planning',
  },
  {
    key: 'D24',
    child: {
      fullName: 'Lê Quang Vinh',
      sex: 'male',
      age: [6, 0, 8],
      communeCode: PHU_XUAN,
      address: 'Tổ 13, ven sông Hương (địa chỉ demo)',
      caregivers: [{ name: 'Lê Thị Ngân', relationship: 'mẹ', phone: '0900 000 124' }],
    },
    receivedDaysAgo: 14,
    channel: 'health_facility',
    reporter: named('bác sĩ trạm y tế phường', 'Hồ Văn Thắng', '0900 000 224'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['injury_accident', 'neglect'],
      description: 'Trạm y tế báo trẻ 6 tuổi suýt đuối nước khi chơi một mình ở bến sông, được người đi đường cứu; trẻ chưa biết bơi.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'minor', 'Nhà sát sông; mẹ bán hàng rong, trẻ thường chơi một mình ở bến.', { patch: { abuserAccess: 'none' } }),
      needs('medium', 'minor', { physical: 'Cần học bơi.', family: 'Không có người trông buổi chiều.' }, 'Mẹ hợp tác.', { patch: { abuserAccess: 'none' } }),
      draft({
        goals: ['Trẻ biết bơi và không chơi một mình gần sông'],
        actions: [
          action('education', 'Lớp dạy bơi an toàn hè của phường', 20, 50, { cost: 600_000 }),
          action('social_assistance', 'Sinh hoạt hè tại nhà văn hóa tổ dân phố buổi chiều', 20, 80, { byCaseworker: true }),
        ],
      }),
    ],
    stage: 'planning',
  },
  {
    key: 'D25',
    child: { sameChildAs: 'D01' },
    receivedDaysAgo: 13,
    channel: 'hotline_111',
    reporter: anonymous('hàng xóm'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['physical_violence', 'emotional_abuse'],
      description: 'Hàng xóm lại gọi 111: người cha uống rượu trở lại, đập phá đồ đạc và đe dọa vợ con; trẻ trai bỏ chạy khỏi nhà.',
      immediateDanger: false,
    },
    steps: [
      initial('medium', 'serious', 'Người cha tái nghiện rượu; trẻ chưa bị đánh nhưng rất sợ. Trẻ đã có một hồ sơ bạo lực gia đình trước đây.', {
        patch: { abuserAccess: 'lives_with_child' },
      }),
      note(1, 'call', 'internal', 'Đã báo công an khu vực theo dõi gia đình; mẹ sẵn sàng đưa trẻ sang bà ngoại nếu cần.'),
    ],
    stage: 'assessment',
  },
  {
    key: 'D26',
    child: {
      fullName: 'Trần Thị Quỳnh Như',
      sex: 'female',
      age: [10, 10, 1],
      communeCode: KIM_LONG,
      address: 'Kiệt 2 Nguyễn Phúc Nguyên (địa chỉ demo)',
      caregivers: [{ name: 'Trần Thị Mỹ', relationship: 'mẹ', phone: '0900 000 126' }],
      specialCircumstances: ['l'],
    },
    receivedDaysAgo: 11,
    channel: 'phone',
    reporter: named('mẹ', 'Trần Thị Mỹ', '0900 000 126'),
    openedBy: 'supervisor',
    assignOnIntake: true,
    incident: {
      concernTypes: ['sexual_abuse'],
      description: 'Người mẹ gọi điện: con gái 10 tuổi kể bị một người đàn ông hàng xóm sờ soạng nhiều lần khi sang nhà xem ti vi.',
      immediateDanger: false,
    },
    steps: [
      initial('high', 'serious', 'Trẻ kể rõ sự việc; gia đình đã trình báo công an, người hàng xóm bị triệu tập.', { patch: { abuserAccess: 'supervised' } }),
      consent(1, 'guardian', ['services', 'sharing'], 'Trần Thị Mỹ'),
      consent(1, 'child', ['services', 'sharing']),
      needs('high', 'serious', { psychological: 'Sợ hãi, không dám ra khỏi nhà.', legal: 'Cần trợ giúp pháp lý.' }, 'Cần hỗ trợ pháp lý và tâm lý.'),
    ],
    stage: 'planning',
  },
  {
    key: 'D27',
    child: {
      fullName: 'Tôn Nữ Hoài Thương',
      sex: 'female',
      age: [15, 8, 3],
      communeCode: VY_DA,
      address: 'Tổ 8, khu vực Thôn Vỹ Dạ (địa chỉ demo)',
      caregivers: [{ name: 'Tôn Thất Hùng', relationship: 'cha', phone: '0900 000 127' }],
    },
    receivedDaysAgo: 8,
    channel: 'hotline_111',
    reporter: named('anh trai', 'Tôn Thất Phong', '0900 000 227'),
    openedBy: 'intake',
    assignOnIntake: true,
    incident: {
      concernTypes: ['trafficking'],
      description: 'Anh trai gọi 111: em gái 15 tuổi được một người quen qua mạng hứa đưa sang nước ngoài làm việc lương cao, đã hẹn ngày đi.',
      immediateDanger: false,
    },
    steps: [
      initial('high', 'serious', 'Trẻ đã đưa giấy tờ tùy thân cho người môi giới; công an đang xác minh.', { patch: { abuserAccess: 'unsupervised' } }),
      consent(1, 'guardian', ['services', 'sharing'], 'Tôn Thất Hùng'),
      consent(1, 'child', ['services', 'sharing']),
      note(2, 'meeting', 'internal', 'Làm việc với công an phường và gia đình; trẻ đồng ý không đi.'),
    ],
    stage: 'assessment',
  },
  {
    key: 'D28',
    child: {
      fullName: 'Võ Thị Minh Thư',
      sex: 'female',
      age: [8, 2, 16],
      communeCode: KIM_LONG,
      address: 'Tổ 14, đường Kim Long (địa chỉ demo)',
      caregivers: [{ name: 'Võ Văn Sơn', relationship: 'cha', phone: '0900 000 128' }],
      specialCircumstances: ['n'],
    },
    receivedDaysAgo: 6,
    channel: 'school',
    reporter: named('nhân viên y tế trường', 'Lê Thị Thúy', '0900 000 228'),
    openedBy: 'caseworker',
    incident: {
      concernTypes: ['neglect'],
      description: 'Nhân viên y tế trường báo học sinh lớp 3 bị bệnh tim bẩm sinh bỏ tái khám nhiều tháng, thường mệt, ngất ở lớp; gia đình thuộc hộ nghèo.',
      immediateDanger: false,
    },
    steps: [initial('medium', 'minor', 'Cha không có tiền đi lại để đưa con ra bệnh viện tái khám.', { patch: { abuserAccess: 'none' } })],
    stage: 'assessment',
  },
  {
    key: 'D29',
    child: {
      fullName: 'Hoàng Minh Trí',
      sex: 'male',
      age: [8, 11, 21],
      communeCode: KIM_LONG,
      address: 'Kiệt 17 Nguyễn Hoàng (địa chỉ demo)',
      caregivers: [
        { name: 'Nguyễn Thị Thủy', relationship: 'mẹ', phone: '0900 000 129' },
        { name: 'Trần Văn Đông', relationship: 'cha dượng' },
      ],
      specialCircumstances: ['i'],
    },
    receivedDaysAgo: 5,
    channel: 'police',
    reporter: named('cán bộ công an phường', 'Phan Văn Quý', '0900 000 229'),
    openedBy: 'supervisor',
    assignOnIntake: true,
    incident: {
      concernTypes: ['physical_violence', 'emotional_abuse'],
      description: 'Công an phường báo trẻ trai 8 tuổi bị cha dượng đánh gãy tay, nhốt trong nhà kho; người mẹ không dám can ngăn.',
      immediateDanger: true,
      hoursBefore: 3,
    },
    steps: [
      initial('high', 'severe', 'Trẻ gãy xương cẳng tay, nhiều vết bầm; cha dượng vẫn ở cùng nhà.', { immediateDanger: true }),
      {
        kind: 'emergency',
        measures: ['police_intervention', 'first_aid', 'medical_care', 'separation_from_abuser'],
        hour: 3,
        note: 'Công an đưa cha dượng về trụ sở làm việc; trẻ được sơ cứu và chuyển bệnh viện bó bột.',
      },
      { kind: 'startSeparation', placement: 'Nhà dì ruột, phường Kim Long (demo)', hour: 5, days: 14 },
      note(1, 'visit', 'internal', 'Thăm trẻ tại nhà dì: tay đã bó bột, trẻ ăn được, hỏi khi nào được gặp mẹ.'),
      consent(1, 'guardian', ['services', 'sharing'], 'Nguyễn Thị Thủy'),
      consent(1, 'child', ['services']),
      needs(
        'high',
        'serious',
        { physical: 'Theo dõi xương gãy.', psychological: 'Sang chấn.', family: 'Mẹ phụ thuộc kinh tế vào cha dượng.', legal: 'Hồ sơ xử lý cha dượng.' },
        'Cha dượng bị khởi tố; trẻ tạm ở nhà dì.',
        { immediateDanger: false, patch: { abuserAccess: 'none' } },
      ),
      draft({
        goals: ['Trẻ được an toàn và hồi phục', 'Mẹ đủ khả năng bảo vệ trẻ khi trẻ trở về'],
        actions: [
          action('health_care', 'Tái khám chỉnh hình', 3, 45),
          action('psychological', 'Trị liệu sang chấn cho trẻ', 5, 90, { cost: 3_000_000 }),
          action('legal_aid', 'Trợ giúp pháp lý cho trẻ và mẹ', 5, 90, { byDemoOrganisation: true }),
          action('social_assistance', 'Hỗ trợ sinh kế cho mẹ', 7, 60, { cost: 5_000_000, byCaseworker: true }),
        ],
      }),
      submit,
    ],
    stage: 'planning',
  },
  {
    key: 'D30',
    child: {
      fullName: 'Lâm Nhật Khải',
      sex: 'male',
      age: [10, 4, 13],
      communeCode: THUAN_HOA,
      address: 'Tổ 22, đường Trần Cao Vân (địa chỉ demo)',
      caregivers: [{ name: 'Lâm Thị Diễm', relationship: 'mẹ', phone: '0900 000 130' }],
    },
    receivedDaysAgo: 2,
    channel: 'school',
    reporter: named('giáo viên chủ nhiệm', 'Trần Thị Mai Anh', '0900 000 230'),
    openedBy: 'supervisor',
    assignOnIntake: true,
    incident: {
      concernTypes: ['emotional_abuse'],
      description: 'Giáo viên báo học sinh lớp 4 viết trong nhật ký muốn biến mất vì bị cha gọi là "đứa con thất bại" mỗi khi bị điểm thấp.',
      immediateDanger: false,
    },
    steps: [],
    stage: 'assessment',
  },
  {
    key: 'D31',
    child: {
      fullName: 'Đoàn Thị Cẩm Tú',
      sex: 'female',
      age: [12, 6, 24],
      communeCode: THUAN_HOA,
      address: 'Kiệt 6 Hai Bà Trưng (địa chỉ demo)',
      caregivers: [{ name: 'Đoàn Thị Liên', relationship: 'mẹ', phone: '0900 000 131' }],
    },
    receivedDaysAgo: 1.8,
    channel: 'walk_in',
    reporter: named('mẹ', 'Đoàn Thị Liên', '0900 000 131'),
    openedBy: 'caseworker',
    incident: {
      concernTypes: ['emotional_abuse', 'physical_violence'],
      description: 'Người mẹ đến phường trình báo: chồng cũ thường chặn đường con gái 12 tuổi khi đi học về, chửi bới, giật cặp sách.',
      immediateDanger: false,
    },
    steps: [],
    stage: 'assessment',
  },
  {
    key: 'D32',
    child: { sameChildAs: 'D03' },
    receivedDaysAgo: 1.5,
    channel: 'community',
    reporter: anonymous('người bán hàng gần nhà'),
    openedBy: 'intake',
    incident: {
      concernTypes: ['neglect'],
      description: 'Người bán hàng gần nhà báo bé gái khoảng 5 tuổi đi lạc ra đường lớn lúc chiều tối, được người dân đưa về; bà nội đang nằm viện.',
      immediateDanger: false,
    },
    steps: [],
    stage: 'intake',
  },
  {
    key: 'D33',
    child: {
      fullName: 'Hồ Đăng Khoa',
      sex: 'male',
      age: [3, 1, 5],
      communeCode: KIM_LONG,
      address: 'Tổ 4, đường Văn Thánh (địa chỉ demo)',
      caregivers: [{ name: 'Hồ Thị Thanh', relationship: 'mẹ', phone: '0900 000 133' }],
    },
    receivedDaysAgo: 0.9,
    channel: 'health_facility',
    reporter: named('điều dưỡng khoa bỏng', 'Phạm Thị Hòa', '0900 000 233'),
    openedBy: 'intake',
    incident: {
      concernTypes: ['injury_accident'],
      description: 'Bệnh viện báo trẻ 3 tuổi bị bỏng nước sôi độ II ở ngực khi ở nhà một mình với anh 7 tuổi; gia đình nói do tai nạn.',
      immediateDanger: false,
    },
    steps: [],
    stage: 'intake',
  },
  {
    key: 'D34',
    child: {
      fullName: 'Phan Văn Hùng',
      sex: 'male',
      age: [12, 3, 0],
      ageEstimated: true,
      communeCode: PHU_XUAN,
      address: 'Chưa rõ, thường ngủ gần chợ Đông Ba (địa chỉ demo)',
      caregivers: [],
      specialCircumstances: ['h', 'c'],
    },
    receivedDaysAgo: 0.7,
    channel: 'phone',
    reporter: anonymous('tiểu thương chợ'),
    openedBy: 'intake',
    incident: {
      concernTypes: ['labour_exploitation'],
      description: 'Tiểu thương gọi điện: một trẻ trai khoảng 12 tuổi bán vé số đến khuya quanh chợ, ngủ ở mái hiên, nộp tiền cho một người lớn mỗi tối.',
      immediateDanger: false,
    },
    steps: [{ kind: 'assign', by: 'supervisor' }],
    stage: 'assessment',
  },
  {
    key: 'D35',
    child: {
      fullName: 'Trần Ngọc Bảo Trâm',
      sex: 'female',
      age: [14, 0, 19],
      communeCode: THUAN_HOA,
      address: 'Tổ 9, đường Lê Lợi (địa chỉ demo)',
      caregivers: [{ name: 'Trần Văn Hiếu', relationship: 'cha', phone: '0900 000 135' }],
    },
    receivedDaysAgo: 0.4,
    channel: 'online',
    reporter: anonymous('người dùng mạng xã hội'),
    openedBy: 'intake',
    incident: {
      concernTypes: ['other'],
      description: 'Báo cáo trực tuyến: một nữ sinh 14 tuổi đăng bài trên mạng xã hội có ý định tự làm hại bản thân sau khi bị bắt nạt trong nhóm chat lớp.',
      immediateDanger: false,
    },
    steps: [],
    stage: 'intake',
  },
  {
    key: 'D36',
    child: {
      fullName: 'Lê Hoàng Phúc',
      sex: 'male',
      age: [9, 5, 27],
      communeCode: VY_DA,
      address: 'Kiệt 25 Phạm Văn Đồng (địa chỉ demo)',
      caregivers: [{ name: 'Lê Văn Thành', relationship: 'cha' }],
    },
    receivedDaysAgo: 0.08,
    channel: 'hotline_111',
    reporter: anonymous('hàng xóm'),
    openedBy: 'intake',
    incident: {
      concernTypes: ['physical_violence'],
      description: 'Hàng xóm gọi 111 lúc tối: nghe tiếng trẻ kêu cứu, thấy người cha say rượu cầm gậy đuổi đánh con trai ngoài sân.',
      immediateDanger: true,
      hoursBefore: 0.5,
    },
    steps: [],
    stage: 'intake',
  },
];

/** The demo child a case is about, following `sameChildAs` to the case that registered them. */
export function demoChildOf(spec: DemoCase, cases: readonly DemoCase[] = DEMO_CASES): DemoChild {
  if (!('sameChildAs' in spec.child)) return spec.child;
  const { sameChildAs } = spec.child;
  const first = cases.find((c) => c.key === sameChildAs);
  if (!first || first === spec) throw new Error(`demo case ${spec.key}: unknown sameChildAs ${sameChildAs}`);
  return demoChildOf(first, cases);
}
