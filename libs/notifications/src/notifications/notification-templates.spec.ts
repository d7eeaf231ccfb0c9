import { guardNotification, renderNotification, UnsafeNotificationError, vietnamTime } from './notification-templates';

const CASE_ID = '0b9a4a3e-5d0c-4f43-9d53-0d6f6a6c2f11';
const DEADLINE_ID = '7f1c2a9e-2b7d-4c1e-8f0e-3a5b6c7d8e9f';
const about = { caseId: CASE_ID, caseNumber: '46-2026-000123', publicBaseUrl: 'https://haven.example.vn/' };

describe('notification templates', () => {
  it('writes a reminder from the case number, the kind’s label, the due time in Vietnam and the link', () => {
    const n = renderNotification('deadline.reminder', about, {
      deadlineId: DEADLINE_ID,
      step: 'reminder:0',
      deadlineKind: 'plan_submission',
      dueAt: new Date('2026-11-30T10:00:00Z'),
    });
    expect(n.link).toBe(`https://haven.example.vn/cases/${CASE_ID}`);
    expect(n.title).toBe('Sắp đến hạn: Nộp kế hoạch hỗ trợ, can thiệp – hồ sơ 46-2026-000123');
    expect(n.body.split('\n')).toEqual([
      'Hồ sơ 46-2026-000123: Nộp kế hoạch hỗ trợ, can thiệp đến hạn lúc 17:00 30/11/2026 (giờ Việt Nam).',
      'Case 46-2026-000123: Plan submission is due at 17:00 30/11/2026 (Vietnam time).',
      n.link,
    ]);
    expect(n.data).toEqual({
      caseNumber: '46-2026-000123',
      deadlineId: DEADLINE_ID,
      step: 'reminder:0',
      deadlineKind: 'plan_submission',
      dueAt: '2026-11-30T10:00:00.000Z',
    });
  });

  it('writes an escalation with its level, and a declined referral with the service’s label', () => {
    const escalation = renderNotification('deadline.escalation', about, {
      deadlineId: DEADLINE_ID,
      step: 'escalation:2',
      deadlineKind: 'initial_assessment',
      dueAt: new Date('2026-11-30T10:00:00Z'),
      level: 2,
    });
    expect(escalation.title).toBe('Quá hạn (cấp 2): Đánh giá ban đầu – hồ sơ 46-2026-000123');
    expect(escalation.body).toContain('Initial assessment was due at 17:00 30/11/2026 (Vietnam time) and is escalated to you (level 2).');
    const declined = renderNotification('referral.declined', about, { referralId: DEADLINE_ID, serviceType: 'legal_aid' });
    expect(declined.body).toContain('Case 46-2026-000123: the partner declined the');
    expect(declined.data).toEqual({ caseNumber: '46-2026-000123', referralId: DEADLINE_ID, serviceType: 'legal_aid' });
  });

  it('asks the supervisors to reassign a case with the case number and commune code only', () => {
    const n = renderNotification('case.reassignment_needed', about, { previousAssigneeId: DEADLINE_ID, communeCode: '19753' });
    expect(n.title).toBe('Cần phân công lại người phụ trách – hồ sơ 46-2026-000123');
    expect(n.body).toContain('Case 46-2026-000123 (commune 19753): its caseworker no longer works in this commune; please assign a new caseworker.');
    expect(n.data).toEqual({ caseNumber: '46-2026-000123', previousAssigneeId: DEADLINE_ID, communeCode: '19753' });
    expect(() => guardNotification('case.reassignment_needed', { previousAssigneeId: DEADLINE_ID, communeCode: 'Phú Xuân' })).toThrow(
      /params\.communeCode is not valid/,
    );
  });

  it('tells a partner organisation its case closed with the case number, the referral id and what became of it only', () => {
    const n = renderNotification('referral.case_closed', about, { referralId: DEADLINE_ID, referralStatus: 'withdrawn' });
    expect(n.title).toBe(`Hồ sơ 46-2026-000123 đã đóng – giới thiệu dịch vụ ${DEADLINE_ID}`);
    expect(n.body).toContain(`Case 46-2026-000123 is closed: the referral is withdrawn; please stop the service (referral ${DEADLINE_ID}).`);
    expect(n.data).toEqual({ caseNumber: '46-2026-000123', referralId: DEADLINE_ID, referralStatus: 'withdrawn' });
    expect(() => guardNotification('referral.case_closed', { referralId: DEADLINE_ID, referralStatus: 'pending' })).toThrow(
      /params\.referralStatus is not valid/,
    );
    expect(() => guardNotification('referral.case_closed', { referralId: DEADLINE_ID, referralStatus: 'cancelled', givenName: 'An' })).toThrow(
      /params\.givenName is not a field of referral\.case_closed/,
    );
  });

  it('refuses anything but ids and codes, naming the fields and never their values', () => {
    const smuggled = {
      deadlineId: DEADLINE_ID,
      step: 'reminder:0',
      deadlineKind: 'review',
      dueAt: new Date(),
      childName: 'Nguyễn Văn An',
    } as unknown as { deadlineId: string; step: string; deadlineKind: 'review'; dueAt: Date };
    expect(() => renderNotification('deadline.reminder', about, smuggled)).toThrow(UnsafeNotificationError);
    expect(() => renderNotification('deadline.reminder', about, smuggled)).toThrow(/params\.childName is not a field/);
    expect(() => renderNotification('deadline.reminder', about, smuggled)).not.toThrow(/Nguyễn/);

    const problems = (fn: () => void) => {
      try {
        fn();
        return [];
      } catch (e) {
        return (e as UnsafeNotificationError).problems;
      }
    };
    expect(problems(() => guardNotification('deadline.reminder', { deadlineId: 'x', step: 'soon', deadlineKind: 'nap', dueAt: 'tomorrow' }))).toEqual([
      'params.deadlineId is not valid',
      'params.step is not valid',
      'params.deadlineKind is not valid',
      'params.dueAt is not valid',
    ]);
    expect(problems(() => guardNotification('deadline.reminder', {}, { caseNumber: 'Nguyễn Văn An' }))).toContain('caseNumber is not a case number');
    expect(problems(() => guardNotification('referral.declined', {}, { dedupeKey: 'call An at home' }))).toContain(
      'dedupeKey is not made of ids and step names',
    );
    expect(problems(() => guardNotification('free.text', {}))).toEqual(['kind is not a notification kind']);
    expect(
      problems(() =>
        guardNotification('deadline.escalation', { deadlineId: DEADLINE_ID, step: 'escalation:1', deadlineKind: 'review', dueAt: new Date(), level: 3 }),
      ),
    ).toEqual(['params.level is not valid']);
  });

  it('gives times in Vietnam whatever the server’s zone, across the date line', () => {
    expect(vietnamTime(new Date('2026-12-31T17:30:00Z'))).toBe('00:30 01/01/2027');
    expect(vietnamTime(new Date('2026-01-01T00:05:00Z'))).toBe('07:05 01/01/2026');
  });
});
