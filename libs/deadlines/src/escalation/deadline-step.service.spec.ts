import type { DeadlineForStep } from '../deadlines/deadline.repository';
import { skipReason } from './deadline-step.service';

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
