import type { ConsentGiver, ReferralStatus, ReferralUrgency, ServiceType } from '@haven/domain';

/*
 * The demo's referrals: seventeen requests from demo cases to the demo organisations (demo-data.ts),
 * in every status, sent and answered through the real services (demo-referral.seeder.ts) by the
 * demo users whose job each step is: the case's caseworker sends, cancels and withdraws, the supervisor sends
 * the emergency one without consent, the organisation's partner user accepts, declines, reports
 * and completes. Everything here is invented; no real person's data.
 *
 * A referral's reason is unique among the demo referrals: with its case and sender it is how the
 * seed recognises a referral it made before (demo-referral.seeder.ts, "Idempotency").
 */

export type DemoReferralStep =
  | { kind: 'accept' }
  | { kind: 'decline'; reason: string }
  /** A progress report of the partner (the referral must be accepted). */
  | { kind: 'update'; body: string }
  | { kind: 'complete'; outcome: string }
  /** Withdrawn by the case's caseworker before the partner answered. */
  | { kind: 'cancel'; reason: string }
  /** Ended by the case's caseworker once accepted (the service is no longer needed). */
  | { kind: 'withdraw'; reason: string };

export interface DemoReferral {
  key: string;
  /** The demo case (demo-cases.ts key): open, with consent to sharing or with `override`. */
  caseKey: string;
  /** The receiving demo organisation (demo-data.ts key): it offers `serviceType`. */
  organisation: string;
  serviceType: ServiceType;
  urgency: ReferralUrgency;
  reason: string;
  /** Tied to the action of the case's approved plan that asks for this service. */
  forPlanAction?: boolean;
  /** The case's shared notes travel with it. */
  withSharedNotes?: boolean;
  /**
   * Consent to sharing the caseworker records first, for a case whose walk recorded none (the
   * guardian is the child's first caregiver). Skipped if the case already has consent to sharing.
   */
  consents?: ConsentGiver[];
  /** Sent by the supervisor without consent to sharing, in an emergency: the justification. */
  override?: string;
  steps: DemoReferralStep[];
  /** The status the steps end in: the seeder checks it. */
  status: ReferralStatus;
}

const accept: DemoReferralStep = { kind: 'accept' };
const update = (body: string): DemoReferralStep => ({ kind: 'update', body });
const complete = (outcome: string): DemoReferralStep => ({ kind: 'complete', outcome });
const decline = (reason: string): DemoReferralStep => ({ kind: 'decline', reason });
const cancel = (reason: string): DemoReferralStep => ({ kind: 'cancel', reason });
const withdraw = (reason: string): DemoReferralStep => ({ kind: 'withdraw', reason });

export const DEMO_REFERRALS: readonly DemoReferral[] = [
  {
    key: 'R01',
    caseKey: 'D09',
    organisation: 'legal-aid',
    serviceType: 'legal_aid',
    urgency: 'normal',
    reason: 'Trẻ 15 tuổi là bị hại trong vụ án xâm hại tình dục; cần trợ giúp viên pháp lý đồng hành trong các buổi lấy lời khai và tại phiên tòa.',
    forPlanAction: true,
    steps: [
      accept,
      update('Đã tham gia hai buổi lấy lời khai cùng trẻ; trẻ được lấy lời khai trong phòng thân thiện, không phải đối mặt với bị can.'),
      update('Vụ án đã chuyển Viện kiểm sát. Trợ giúp viên sẽ tham gia phiên tòa và đề nghị xét xử kín.'),
    ],
    status: 'accepted',
  },
  {
    key: 'R02',
    caseKey: 'D09',
    organisation: 'health',
    serviceType: 'health_care',
    urgency: 'normal',
    reason: 'Trẻ cần được khám chuyên khoa và theo dõi sức khỏe sau xâm hại; đề nghị bố trí bác sĩ nữ và phòng khám riêng.',
    steps: [
      accept,
      update('Đã khám lần đầu và làm xét nghiệm theo phác đồ; hẹn tái khám sau ba tháng.'),
      complete('Đã khám và tái khám; kết quả xét nghiệm bình thường. Trẻ được hướng dẫn liên hệ phòng khám khi cần.'),
    ],
    status: 'completed',
  },
  {
    key: 'R03',
    caseKey: 'D10',
    organisation: 'school',
    serviceType: 'education',
    urgency: 'normal',
    reason: 'Học sinh lớp 6 học lực giảm, cha mẹ làm ăn xa; đề nghị nhà trường bố trí kèm học môn Toán và Ngữ văn, giáo viên chủ nhiệm theo dõi sát.',
    forPlanAction: true,
    consents: ['guardian', 'child'],
    steps: [accept, update('Trẻ tham gia lớp kèm hai buổi mỗi tuần; điểm kiểm tra giữa kỳ môn Toán tăng từ 4 lên 6.')],
    status: 'accepted',
  },
  {
    key: 'R04',
    caseKey: 'D12',
    organisation: 'counselling',
    serviceType: 'psychological',
    urgency: 'normal',
    reason: 'Người mẹ đánh con bằng roi vì cho rằng để dạy con; cần lớp kỹ năng làm cha mẹ, thực hành kỷ luật không bạo lực.',
    forPlanAction: true,
    withSharedNotes: true,
    steps: [
      accept,
      update('Người mẹ đã tham gia 4 trên 6 buổi, thực hành tốt cách kỷ luật tích cực.'),
      complete('Người mẹ hoàn thành cả 6 buổi và tự đánh giá không còn dùng roi; trẻ cho biết không bị đánh trong hai tháng qua.'),
    ],
    status: 'completed',
  },
  {
    key: 'R05',
    caseKey: 'D16',
    organisation: 'legal-aid',
    serviceType: 'legal_aid',
    urgency: 'normal',
    reason:
      'Trẻ là bị hại trong vụ mua bán người đang được điều tra; cần trợ giúp viên pháp lý tham gia các buổi làm việc với cơ quan điều tra, bảo vệ quyền lợi của trẻ.',
    forPlanAction: true,
    withSharedNotes: true,
    steps: [
      accept,
      update('Đã gặp trẻ và mẹ tại nhà, giải thích quyền của bị hại; trẻ đồng ý để trợ giúp viên tham gia các buổi lấy lời khai.'),
      update('Đã tham gia buổi lấy lời khai đầu tiên; trẻ hợp tác tốt. Đã đề nghị cơ quan điều tra xem xét bồi thường cho trẻ.'),
    ],
    status: 'accepted',
  },
  {
    key: 'R06',
    caseKey: 'D16',
    organisation: 'counselling',
    serviceType: 'psychological',
    urgency: 'normal',
    reason: 'Trẻ mất ngủ, sợ hãi sau thời gian bị giữ làm việc ở xưởng; cần trị liệu sang chấn mỗi tuần, ưu tiên buổi chiều sau giờ học.',
    forPlanAction: true,
    withSharedNotes: true,
    steps: [accept, update('Đã thực hiện ba buổi trị liệu; trẻ ngủ được 5–6 tiếng mỗi đêm và bắt đầu kể về trải nghiệm. Tiếp tục mỗi tuần một buổi.')],
    status: 'accepted',
  },
  {
    key: 'R07',
    caseKey: 'D16',
    organisation: 'social',
    serviceType: 'social_assistance',
    urgency: 'normal',
    reason: 'Gia đình thuộc hộ nghèo, khó khăn hơn sau khi trẻ được giải cứu; đề nghị xét trợ cấp khẩn cấp và kết nối hỗ trợ sinh kế cho mẹ.',
    steps: [],
    status: 'pending',
  },
  {
    key: 'R08',
    caseKey: 'D20',
    organisation: 'legal-aid',
    serviceType: 'legal_aid',
    urgency: 'normal',
    reason: 'Người mẹ cần hỗ trợ làm đơn đề nghị áp dụng biện pháp cấm tiếp xúc đối với người cha đã nhiều lần đánh trẻ.',
    forPlanAction: true,
    steps: [
      accept,
      update('Đã hướng dẫn người mẹ chuẩn bị hồ sơ: đơn đề nghị, giấy chứng thương của trẻ, xác nhận của công an khu vực.'),
      complete('Đã có quyết định cấm người cha tiếp xúc với trẻ trong bốn tháng; quyết định đã gửi công an phường để giám sát thi hành.'),
    ],
    status: 'completed',
  },
  {
    key: 'R09',
    caseKey: 'D20',
    organisation: 'police',
    serviceType: 'police_justice',
    urgency: 'normal',
    reason: 'Người cha đã bỏ đi sau khi đánh trẻ rách da đầu và có thể quay lại; đề nghị công an khu vực giám sát, xử lý kịp thời nếu ông quay lại nhà.',
    forPlanAction: true,
    steps: [accept, update('Công an khu vực đã làm việc với gia đình và tổ dân phố; người cha chưa quay lại. Người mẹ đã có số điện thoại trực ban.')],
    status: 'accepted',
  },
  {
    key: 'R10',
    caseKey: 'D21',
    organisation: 'counselling',
    serviceType: 'psychological',
    urgency: 'emergency',
    reason: 'Trẻ 16 tuổi bị đe dọa phát tán ảnh nhạy cảm, rất lo sợ và xấu hổ, không muốn ra khỏi nhà; cần tư vấn tâm lý ngay trong tuần này.',
    steps: [],
    status: 'pending',
  },
  {
    key: 'R11',
    caseKey: 'D21',
    organisation: 'police',
    serviceType: 'police_justice',
    urgency: 'normal',
    reason: 'Đối tượng quen qua mạng đe dọa phát tán ảnh nhạy cảm của trẻ để đòi tiền; đề nghị ngăn chặn việc phát tán và xử lý đối tượng.',
    steps: [
      decline(
        'Đối tượng cư trú ở tỉnh khác; vụ việc đã chuyển đơn vị an ninh mạng của công an tỉnh thụ lý theo thẩm quyền. Đề nghị cán bộ phối hợp trực tiếp với đơn vị đó.',
      ),
    ],
    status: 'declined',
  },
  {
    key: 'R12',
    caseKey: 'D22',
    organisation: 'vocational',
    serviceType: 'vocational',
    urgency: 'normal',
    reason: 'Trẻ 14 tuổi đã bỏ học, muốn học nghề điện dân dụng; đề nghị tư vấn và nhận trẻ vào khóa học phù hợp độ tuổi.',
    consents: ['guardian', 'child'],
    steps: [cancel('Trẻ quyết định đi học lại lớp 8 từ học kỳ II; tạm dừng đề nghị học nghề, sẽ gửi lại khi trẻ đủ 15 tuổi nếu trẻ còn mong muốn.')],
    status: 'cancelled',
  },
  {
    key: 'R13',
    caseKey: 'D24',
    organisation: 'school',
    serviceType: 'education',
    urgency: 'normal',
    reason: 'Trẻ 6 tuổi chưa biết bơi, nhà sát bờ sông; đề nghị nhận trẻ vào lớp dạy bơi an toàn dịp hè.',
    // Six years old: the guardian's consent alone counts.
    consents: ['guardian'],
    steps: [decline('Hồ bơi của trường đang sửa chữa, hè này không mở lớp bơi; đề nghị liên hệ lớp bơi của nhà văn hóa phường.')],
    status: 'declined',
  },
  {
    key: 'R14',
    caseKey: 'D25',
    organisation: 'shelter',
    serviceType: 'emergency_shelter',
    urgency: 'emergency',
    reason: 'Người cha say rượu đập phá đồ đạc, đe dọa vợ con; trẻ đã bỏ chạy khỏi nhà. Cần chỗ tạm lánh an toàn cho trẻ ngay trong đêm nay.',
    override:
      'Trẻ đang ở ngoài đường ban đêm và người cha say rượu có thể tìm đến; mẹ làm ca đêm, chưa liên lạc được để xin ý kiến đồng ý. Nguy cơ trực tiếp đến tính mạng, sức khỏe của trẻ: chuyển gửi ngay, sẽ lấy ý kiến của mẹ vào sáng mai.',
    steps: [
      accept,
      update('Đã tiếp nhận trẻ lúc 22 giờ; trẻ ăn tối và ngủ tại phòng dành cho trẻ em. Sáng nay mẹ đã đến thăm và đồng ý để trẻ ở lại đến cuối tuần.'),
    ],
    status: 'accepted',
  },
  {
    key: 'R15',
    caseKey: 'D26',
    organisation: 'legal-aid',
    serviceType: 'legal_aid',
    urgency: 'normal',
    reason: 'Gia đình đã trình báo công an về hành vi dâm ô đối với trẻ 10 tuổi; cần trợ giúp pháp lý để bảo vệ trẻ trong quá trình giải quyết vụ việc.',
    steps: [],
    status: 'pending',
  },
  {
    key: 'R16',
    caseKey: 'D27',
    organisation: 'club',
    serviceType: 'other',
    urgency: 'normal',
    reason:
      'Trẻ 15 tuổi suýt bị dụ đi làm việc ở nước ngoài qua mạng; đề nghị nhận trẻ vào nhóm sinh hoạt kỹ năng an toàn trên mạng và phòng chống mua bán người.',
    steps: [],
    status: 'pending',
  },
  {
    key: 'R17',
    caseKey: 'D20',
    organisation: 'health',
    serviceType: 'health_care',
    urgency: 'normal',
    reason: 'Vết thương ở đầu của trẻ cần được khám lại và theo dõi; đề nghị trạm y tế phường tái khám, thay băng định kỳ cho trẻ.',
    steps: [
      accept,
      update('Đã khám lại cho trẻ; vết thương khô, đã cắt chỉ. Hẹn tái khám sau hai tuần.'),
      withdraw('Gia đình chuyển sang khám tại bệnh viện tỉnh theo hẹn của bác sĩ điều trị; trạm y tế phường không cần theo dõi tiếp.'),
    ],
    status: 'withdrawn',
  },
];
