import type { DataSource, EntityManager } from 'typeorm';
import type { CaseRecordService } from '@haven/audit';
import { DEFAULT_DEADLINE_POLICY, WorkingDayCalendar } from '@haven/domain';
import { guardNotification } from '@haven/notifications';
import type { Clock } from '@haven/platform';
import type { DeadlineForStep, DeadlineRepository } from '../deadlines/deadline.repository';
import type { DeadlineRulesService } from '../deadlines/deadline-rules.service';
import type { DeadlineScheduler } from '../deadlines/deadline-scheduler.service';
import { DeadlineStepService, skipReason } from './deadline-step.service';
import type { StepNotice, StepNotifier } from './step-notifier';

describe('skipReason', () => {
  const now = new Date('2026-03-02T08:00:00Z');
  const due = new Date('2026-03-02T09:00:00Z');
  const deadline = (overrides: Partial<DeadlineForStep> = {}): DeadlineForStep => ({
    id: '00000000-0000-4000-8000-000000000001',
    caseId: '00000000-0000-4000-8000-000000000002',
    caseNumber: '46-2026-000001',
    referralId: null,
    kind: 'initial_assessment',
    variant: 'standard',
    provinceCode: '46',
    communeCode: '19753',
    ownerId: '00000000-0000-4000-8000-000000000003',
    ownerActive: true,
    dueAt: due,
    status: 'open',
    escalationLevel: 0,
    nextStep: 'reminder:0',
    nextStepAt: now,
    ...overrides,
  });
  const job = { step: 'reminder:0' as const, dueAtMs: due.getTime() };

  it('lets the current step of an open deadline through', () => {
    expect(skipReason(deadline(), job, now)).toBeNull();
    // A little early is fine: the hosts' clocks differ.
    expect(skipReason(deadline({ nextStepAt: new Date(now.getTime() + 500) }), job, now)).toBeNull();
  });

  it('skips, saying why, whatever moved on since the job was made', () => {
    expect(skipReason(null, job, now)).toBe('deadline_gone');
    expect(skipReason(deadline({ status: 'met' }), job, now)).toBe('deadline_closed');
    expect(skipReason(deadline({ status: 'cancelled' }), job, now)).toBe('deadline_closed');
    expect(skipReason(deadline({ nextStep: 'escalation:1' }), job, now)).toBe('step_not_current');
    expect(skipReason(deadline({ nextStep: null, nextStepAt: null }), job, now)).toBe('step_not_current');
    expect(skipReason(deadline({ dueAt: new Date(due.getTime() + 1) }), job, now)).toBe('due_time_changed');
    expect(skipReason(deadline({ nextStepAt: new Date(now.getTime() + 60_000) }), job, now)).toBe('not_yet_due');
  });
});

describe('DeadlineStepService', () => {
  const now = new Date('2026-03-02T08:00:00Z');
  const due = new Date('2026-03-04T09:00:00Z');
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  const deadline = (n: number, overrides: Partial<DeadlineForStep>): DeadlineForStep => ({
    id: id(n),
    caseId: id(n + 3),
    caseNumber: `46-2026-00000${n}`,
    referralId: null,
    kind: 'initial_assessment',
    variant: 'standard',
    provinceCode: '46',
    communeCode: '19753',
    ownerId: id(7),
    ownerActive: true,
    dueAt: due,
    status: 'open',
    escalationLevel: 0,
    nextStep: 'reminder:0',
    nextStepAt: now,
    ...overrides,
  });

  function setUp(created: string[][]) {
    const order: string[] = [];
    const m = { query: jest.fn(async () => [{ id: id(8), commune_code: '19753', province_code: '46' }]) } as unknown as EntityManager;
    const locked = [deadline(1, {}), deadline(2, { nextStep: 'escalation:1' }), deadline(3, { status: 'met' })];
    const dataSource = {
      transaction: async (work: (m: EntityManager) => Promise<unknown>) => {
        const result = await work(m);
        order.push('commit');
        return result;
      },
    } as unknown as DataSource;
    const deadlines = {
      lockForSteps: jest.fn(async () => new Map(locked.map((d) => [d.id, d]))),
      advance: jest.fn(async () => order.push('advance')),
    } as unknown as DeadlineRepository;
    const rules = { cached: async () => ({ policy: DEFAULT_DEADLINE_POLICY, calendar: new WorkingDayCalendar([]) }) } as unknown as DeadlineRulesService;
    const scheduler = { schedule: jest.fn(async () => order.push('schedule')) } as unknown as DeadlineScheduler;
    const notifier = {
      notifyMany: jest.fn(async (_m: EntityManager, _notices: readonly StepNotice[]) => (order.push('notify'), created)),
      deliverAfterCommit: jest.fn(async () => void order.push('deliver')),
    } satisfies StepNotifier;
    const caseRecord = { appendMany: jest.fn(async () => order.push('record')) } as unknown as CaseRecordService;
    const clock = { now: () => now } as Clock;
    const service = new DeadlineStepService(dataSource, deadlines, rules, scheduler, notifier, caseRecord, clock);
    return { service, order, notifier, caseRecord, scheduler };
  }

  const jobs = [
    { deadlineId: id(1), step: 'reminder:0' as const, dueAtMs: due.getTime() },
    { deadlineId: id(2), step: 'escalation:1' as const, dueAtMs: due.getTime() },
    { deadlineId: id(3), step: 'reminder:0' as const, dueAtMs: due.getTime() },
  ];

  it('notifies through the port in the transaction, records only the steps that created a notice, schedules and delivers after the commit', async () => {
    const { service, order, notifier, caseRecord, scheduler } = setUp([[id(9)], []]);
    const outcomes = await service.process(jobs);

    expect(outcomes[2]).toEqual({ skipped: 'deadline_closed' });
    expect(outcomes[0]).toMatchObject({ kind: 'initial_assessment', notified: 1, recipients: 1 });
    expect(outcomes[1]).toMatchObject({ kind: 'initial_assessment', notified: 0, recipients: 1 });
    expect(order).toEqual(['notify', 'record', 'advance', 'commit', 'schedule', 'deliver']);

    const notices = notifier.notifyMany.mock.calls[0][1];
    expect(notices).toEqual([
      {
        recipientIds: [id(7)],
        caseId: id(4),
        caseNumber: '46-2026-000001',
        dedupeKey: `${id(1)}:reminder:0`,
        kind: 'deadline.reminder',
        params: { deadlineId: id(1), step: 'reminder:0', deadlineKind: 'initial_assessment', dueAt: due },
      },
      {
        recipientIds: [id(8)],
        caseId: id(5),
        caseNumber: '46-2026-000002',
        dedupeKey: `${id(2)}:escalation:1`,
        kind: 'deadline.escalation',
        params: { deadlineId: id(2), step: 'escalation:1', deadlineKind: 'initial_assessment', dueAt: due, level: 1 },
      },
    ]);
    // What the step sends passes the notifications' privacy guard as it is.
    for (const n of notices) expect(() => guardNotification(n.kind, n.params, { dedupeKey: n.dedupeKey, caseNumber: n.caseNumber })).not.toThrow();

    const records = (caseRecord.appendMany as jest.Mock).mock.calls[0][1];
    expect(records).toEqual([
      {
        caseId: id(4),
        actorId: null,
        event: { type: 'deadline.reminder', deadlineId: id(1), kind: 'initial_assessment', step: 'reminder:0', level: 0, dueAt: due },
      },
    ]);
    expect(notifier.deliverAfterCommit).toHaveBeenCalledWith([id(9)]);
    expect(scheduler.schedule).toHaveBeenCalledTimes(1);
  });
});
