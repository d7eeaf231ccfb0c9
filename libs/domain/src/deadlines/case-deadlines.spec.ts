import { decide } from '../lifecycle/case-lifecycle';
import type { CaseCommand } from '../lifecycle/case-command.types';
import type { CaseState } from '../lifecycle/case-state.types';
import { openCase } from '../lifecycle/open-case';
import { ACTORS, caseIn, hoursAfter, T0 } from '../lifecycle/testing/lifecycle.fixtures';
import {
  CaseDeadlineContext,
  caseDeadlineChanges,
  DeadlineChanges,
  escalationLevelOf,
  hasDeadlineChanges,
  isDeadlineStep,
  nextDeadlineStep,
  recomputedDue,
  referralDeadlineChanges,
  stepRecipients,
} from './case-deadlines';
import { DeadlinePolicy, DEFAULT_DEADLINE_POLICY, dueAt, stepLadder } from './deadline-policy';
import { mergeDeadlinePolicy } from './deadline-policy.validation';
import { seconds } from './durations';
import { VN_HOLIDAYS_2026_2027 } from './testing/vn-holidays.fixture';
import { WorkingDayCalendar } from './working-days';

const calendar = new WorkingDayCalendar(VN_HOLIDAYS_2026_2027);
const policy = DEFAULT_DEADLINE_POLICY;
const RECEIVED = hoursAfter(T0, -2);
const NOW = T0;
const context = (overrides: Partial<CaseDeadlineContext> = {}): CaseDeadlineContext => ({ now: NOW, policy, calendar, ...overrides });

/** Runs a real decision of the lifecycle and returns the deadline changes it makes. */
function changesOf(state: CaseState, command: CaseCommand, ctx = context()): DeadlineChanges {
  const decision = decide(state, command);
  if (!decision.ok) throw new Error(`refused: ${decision.reason.message}`);
  return caseDeadlineChanges(state, decision.state, decision.events, ctx);
}

const kinds = (changes: DeadlineChanges) => changes.open.map((d) => d.kind);

describe('caseDeadlineChanges', () => {
  describe('intake (case.opened)', () => {
    const opened = (immediateDanger: boolean, ctx = context(), assignee = ACTORS.cw) => {
      const decision = openCase({ receivedAt: RECEIVED, createdBy: ACTORS.intake, immediateDanger, assignee });
      if (!decision.ok) throw new Error('refused');
      return caseDeadlineChanges(null, decision.state, decision.events, ctx);
    };

    it('opens the initial assessment (12 h from receipt) and the plan (5 working days from receipt), owed by the assignee', () => {
      const changes = opened(false);
      expect(changes).toEqual({
        open: [
          { kind: 'initial_assessment', variant: 'standard', dueAt: hoursAfter(RECEIVED, 12), ownerId: ACTORS.cw.id, countedFrom: RECEIVED },
          {
            kind: 'plan_submission',
            variant: 'standard',
            dueAt: dueAt('plan_submission', { receivedAt: RECEIVED }, policy, calendar),
            ownerId: ACTORS.cw.id,
            countedFrom: RECEIVED,
          },
        ],
        meet: [],
        cancel: [],
      });
    });

    it('adds the emergency measures (12 h) when the report says the child is in immediate danger', () => {
      expect(kinds(opened(true))).toEqual(['initial_assessment', 'emergency_measures', 'plan_submission']);
      expect(opened(true).open[1]).toMatchObject({ dueAt: hoursAfter(RECEIVED, 12), ownerId: ACTORS.cw.id });
    });

    it('opens no plan deadline yet when the policy counts it from the needs assessment', () => {
      const fromNeeds: DeadlinePolicy = { ...policy, planSubmissionFrom: 'needs_assessment' };
      expect(kinds(opened(false, context({ policy: fromNeeds })))).toEqual(['initial_assessment']);
    });

    it('makes whoever opened an unassigned case its owner (the worker of record)', () => {
      const decision = openCase({ receivedAt: RECEIVED, createdBy: ACTORS.cw, immediateDanger: false });
      if (!decision.ok) throw new Error('refused');
      expect(caseDeadlineChanges(null, decision.state, decision.events, context()).open.every((d) => d.ownerId === ACTORS.cw.id)).toBe(true);
    });
  });

  describe('assessments', () => {
    const intake = caseIn('intake', { assigneeId: ACTORS.cw.id, episodeReceivedAt: RECEIVED });
    const assess = (assessmentType: 'initial' | 'needs' | 'review', extra: object = {}): CaseCommand =>
      ({ kind: 'recordAssessment', at: NOW, actor: ACTORS.cw, assessmentType, riskLevel: 'medium', ...extra }) as CaseCommand;

    it('an initial assessment meets initial_assessment', () => {
      expect(changesOf(intake, assess('initial'))).toEqual({ open: [], meet: ['initial_assessment'], cancel: [] });
    });

    it('finding immediate danger the report did not mention opens emergency_measures, counted from receipt', () => {
      const changes = changesOf(intake, assess('initial', { immediateDanger: true }));
      expect(changes.open).toEqual([
        { kind: 'emergency_measures', variant: 'standard', dueAt: hoursAfter(RECEIVED, 12), ownerId: ACTORS.cw.id, countedFrom: RECEIVED },
      ]);
    });

    it('finding no immediate danger cancels emergency_measures; danger found again after measures were taken opens it again', () => {
      const danger = { ...intake, immediateDanger: true, dangerReceivedAt: RECEIVED };
      expect(changesOf(danger, assess('initial', { immediateDanger: false })).cancel).toEqual(['emergency_measures']);
      const taken = { ...intake, emergencyMeasuresCount: 1 };
      expect(kinds(changesOf(taken, assess('initial', { immediateDanger: true })))).toEqual(['emergency_measures']);
    });

    it('a needs assessment opens plan_submission when the policy counts from it, and only the first one', () => {
      const fromNeeds = context({ policy: { ...policy, planSubmissionFrom: 'needs_assessment' } });
      const assessed = caseIn('assessment');
      const changes = changesOf(assessed, assess('needs'), fromNeeds);
      expect(changes.open).toEqual([
        {
          kind: 'plan_submission',
          variant: 'standard',
          dueAt: dueAt('plan_submission', { receivedAt: RECEIVED, needsAssessedAt: NOW }, fromNeeds.policy, calendar),
          ownerId: ACTORS.cw.id,
          countedFrom: NOW,
        },
      ]);
      expect(changesOf(assessed, assess('needs'), context()).open).toEqual([]);
      const second = caseIn('planning');
      expect(changesOf(second, { kind: 'draftPlan', actor: ACTORS.cw }, fromNeeds).open).toEqual([]);
    });

    it('a change of risk level recomputes the review; the same level does not', () => {
      const intervention = caseIn('intervention', { stage: 'assessment' });
      expect(changesOf(intervention, assess('initial', { riskLevel: 'high' })).recompute).toEqual([{ kind: 'review', riskLevel: 'high' }]);
      expect(changesOf(intervention, assess('initial', { riskLevel: 'medium' })).recompute).toBeUndefined();
    });

    it('a review meets the review and opens the next one (30 days at high risk) unless the child is still at risk', () => {
      const intervention = caseIn('intervention');
      const safe = changesOf(intervention, assess('review', { stillAtRisk: false, riskLevel: 'high' }));
      expect(safe.meet).toEqual(['review']);
      expect(safe.open).toEqual([
        {
          kind: 'review',
          variant: 'high_risk',
          dueAt: dueAt('review', { from: NOW, riskLevel: 'high' }, policy, calendar),
          ownerId: ACTORS.cw.id,
          countedFrom: NOW,
        },
      ]);
      expect(safe.recompute).toBeUndefined();

      const atRisk = changesOf(intervention, assess('review', { stillAtRisk: true }));
      expect(atRisk.meet).toEqual(['review']);
      expect(atRisk.open).toEqual([
        {
          kind: 'plan_submission',
          variant: 'standard',
          dueAt: dueAt('plan_submission', { receivedAt: NOW }, policy, calendar),
          ownerId: ACTORS.cw.id,
          countedFrom: NOW,
        },
      ]);
    });
  });

  describe('safety', () => {
    const assessment = caseIn('assessment');

    it('emergency measures meet emergency_measures', () => {
      expect(changesOf(assessment, { kind: 'recordEmergencyMeasures', actor: ACTORS.cw, takenAt: NOW })).toEqual({
        open: [],
        meet: ['emergency_measures'],
        cancel: [],
      });
    });

    it('a separation opens separation_end at its end, and ending it meets it', () => {
      const endAt = hoursAfter(NOW, 24 * 10);
      const start: CaseCommand = { kind: 'startSeparation', actor: ACTORS.sup, separationId: 's-1', startAt: NOW, endAt, extendedByAuthority: false };
      expect(changesOf(assessment, start).open).toEqual([
        { kind: 'separation_end', variant: 'standard', dueAt: endAt, ownerId: ACTORS.cw.id, countedFrom: NOW },
      ]);
      const separated = decide(assessment, start);
      if (!separated.ok) throw new Error('refused');
      expect(changesOf(separated.state, { kind: 'endSeparation', actor: ACTORS.sup, separationId: 's-1', endedAt: NOW }).meet).toEqual(['separation_end']);
    });
  });

  describe('the plan', () => {
    const drafted = caseIn('planning', { plan: { version: 1, status: 'draft', authorIds: [ACTORS.cw.id], submittedBy: null } });
    const submitted = caseIn('planning', { plan: { version: 1, status: 'submitted', authorIds: [ACTORS.cw.id], submittedBy: ACTORS.cw.id } });

    it('submitting meets plan_submission and opens plan_approval (2 working days), owed by the commune’s supervisors', () => {
      expect(changesOf(drafted, { kind: 'submitPlan', actor: ACTORS.cw })).toEqual({
        open: [
          {
            kind: 'plan_approval',
            variant: 'standard',
            dueAt: dueAt('plan_approval', { submittedAt: NOW }, policy, calendar),
            ownerId: null,
            countedFrom: NOW,
          },
        ],
        meet: ['plan_submission'],
        cancel: [],
      });
    });

    it('a rejection meets plan_approval and opens a new plan_submission counted from the rejection', () => {
      expect(changesOf(submitted, { kind: 'rejectPlan', actor: ACTORS.sup })).toEqual({
        open: [
          {
            kind: 'plan_submission',
            variant: 'standard',
            dueAt: dueAt('plan_submission', { receivedAt: NOW }, policy, calendar),
            ownerId: ACTORS.cw.id,
            countedFrom: NOW,
          },
        ],
        meet: ['plan_approval'],
        cancel: [],
      });
    });

    it('an approval meets plan_approval, replaces review and plan actions, and opens one deadline per action', () => {
      const actions = [
        { id: 'pa-1', dueAt: hoursAfter(NOW, 24 * 30), responsibleUserId: null },
        { id: 'pa-2', dueAt: hoursAfter(NOW, 24 * 60), responsibleUserId: 'u-other' },
      ];
      const changes = changesOf(submitted, { kind: 'approvePlan', actor: ACTORS.sup }, context({ planActions: actions }));
      expect(changes.meet).toEqual(['plan_approval']);
      expect(changes.cancel).toEqual(['review', 'plan_action']);
      expect(changes.open).toEqual([
        {
          kind: 'review',
          variant: 'standard',
          dueAt: dueAt('review', { from: NOW, riskLevel: 'medium' }, policy, calendar),
          ownerId: ACTORS.cw.id,
          countedFrom: NOW,
        },
        { kind: 'plan_action', variant: 'standard', dueAt: actions[0].dueAt, ownerId: ACTORS.cw.id, countedFrom: NOW, ref: { planActionId: 'pa-1' } },
        { kind: 'plan_action', variant: 'standard', dueAt: actions[1].dueAt, ownerId: 'u-other', countedFrom: NOW, ref: { planActionId: 'pa-2' } },
      ]);
    });

    it('drafting changes no deadline', () => {
      expect(hasDeadlineChanges(changesOf(drafted, { kind: 'draftPlan', actor: ACTORS.cw }))).toBe(false);
    });
  });

  describe('the emergency clock (Decree 56 arts. 26(3), 31(2): 12 hours from receiving the information)', () => {
    const cw = ACTORS.cw;
    const closedAt = hoursAfter(T0, 24 * 90);
    const newReport = hoursAfter(closedAt, 24 * 30);
    const reopenedAt = hoursAfter(newReport, 3);
    const emergency = (changes: DeadlineChanges) => changes.open.find((d) => d.kind === 'emergency_measures');
    const reopen = (extra: object = {}): CaseCommand =>
      ({ kind: 'reopen', actor: ACTORS.mgr, reason: 'new report', receivedAt: newReport, channel: 'school', ...extra }) as CaseCommand;
    const reopenedCase = (closed: CaseState, extra: object = {}): CaseState => {
      const decision = decide(closed, reopen(extra));
      if (!decision.ok) throw new Error(decision.reason.message);
      return decision.state;
    };

    it('a reopened case counts from the new report, not the original one (1: danger in the reopened episode)', () => {
      const reopened = reopenedCase(caseIn('closed'));
      const changes = changesOf(
        reopened,
        { kind: 'recordAssessment', at: reopenedAt, actor: cw, assessmentType: 'initial', riskLevel: 'high', immediateDanger: true },
        context({ now: reopenedAt }),
      );
      expect(emergency(changes)).toMatchObject({ countedFrom: newReport, dueAt: hoursAfter(newReport, 12) });
      // The new report itself saying so opens it at the reopening.
      expect(emergency(changesOf(caseIn('closed'), reopen({ immediateDanger: true }), context({ now: reopenedAt })))).toMatchObject({
        countedFrom: newReport,
        dueAt: hoursAfter(newReport, 12),
      });
      const initial = changesOf(caseIn('closed'), reopen(), context({ now: reopenedAt })).open.find((d) => d.kind === 'initial_assessment');
      expect(initial).toMatchObject({ countedFrom: newReport, dueAt: hoursAfter(newReport, 12) });
    });

    it('danger first found by a later assessment counts from when that information came in (2: not overdue on arrival)', () => {
      const assessment = caseIn('assessment', { episodeReceivedAt: RECEIVED });
      const day10 = hoursAfter(RECEIVED, 24 * 10);
      const needs = { kind: 'recordAssessment', at: day10, actor: cw, assessmentType: 'needs', riskLevel: 'high', immediateDanger: true } as CaseCommand;
      expect(emergency(changesOf(assessment, needs, context({ now: day10 })))).toMatchObject({ countedFrom: day10, dueAt: hoursAfter(day10, 12) });
      const told = hoursAfter(day10, -5);
      expect(emergency(changesOf(assessment, { ...needs, dangerIdentifiedAt: told } as CaseCommand, context({ now: day10 })))).toMatchObject({
        countedFrom: told,
        dueAt: hoursAfter(told, 12),
      });
    });

    it('a reopened case in danger gets an emergency deadline though the last episode had measures or ended in danger (3)', () => {
      const measured = caseIn('closed', { emergencyMeasuresCount: 2 });
      const assess = {
        kind: 'recordAssessment',
        at: reopenedAt,
        actor: cw,
        assessmentType: 'initial',
        riskLevel: 'high',
        immediateDanger: true,
      } as CaseCommand;
      expect(emergency(changesOf(reopenedCase(measured), assess, context({ now: reopenedAt })))).toMatchObject({ countedFrom: newReport });
      const stillFlagged = caseIn('closed', { immediateDanger: true, dangerReceivedAt: T0, emergencyMeasuresCount: 1 });
      expect(emergency(changesOf(reopenedCase(stillFlagged), assess, context({ now: reopenedAt })))).toMatchObject({ countedFrom: newReport });
      expect(emergency(changesOf(stillFlagged, reopen({ immediateDanger: true }), context({ now: reopenedAt })))).toMatchObject({ countedFrom: newReport });
    });

    it('a separation under way meets it, as emergency measures do, when taken at or after the information', () => {
      const inDanger = caseIn('assessment', { immediateDanger: true, dangerReceivedAt: NOW });
      const separation = (startAt: Date): CaseCommand => ({
        kind: 'startSeparation',
        actor: ACTORS.sup,
        separationId: 's-1',
        startAt,
        endAt: hoursAfter(startAt, 24 * 10),
        extendedByAuthority: false,
      });
      const later = hoursAfter(NOW, 3);
      expect(changesOf(inDanger, separation(later), context({ now: later })).meet).toEqual(['emergency_measures']);
      // One that started before the information, or is only planned, does not.
      expect(changesOf(inDanger, separation(hoursAfter(NOW, -1)), context({ now: later })).meet).toEqual([]);
      expect(changesOf(inDanger, separation(hoursAfter(NOW, 5)), context({ now: later })).meet).toEqual([]);
      // Measures taken before the information came in do not answer it either.
      expect(changesOf(inDanger, { kind: 'recordEmergencyMeasures', actor: cw, takenAt: hoursAfter(NOW, -1) }).meet).toEqual([]);
    });
  });

  describe('ownership, closure and reopening', () => {
    it('reassigning moves the open deadlines of the previous owner to the new assignee', () => {
      const assessment = caseIn('assessment');
      const changes = changesOf(assessment, { kind: 'assign', actor: ACTORS.sup, assignee: ACTORS.cw2 });
      expect(changes.reassignOwner).toEqual({ from: ACTORS.cw.id, to: ACTORS.cw2.id });
      // The first assignment of a case opened by an intake officer moves the intake officer's deadlines.
      const intake = caseIn('intake', { createdBy: ACTORS.intake.id });
      expect(changesOf(intake, { kind: 'assign', actor: ACTORS.sup, assignee: ACTORS.cw }).reassignOwner).toEqual({ from: ACTORS.intake.id, to: ACTORS.cw.id });
    });

    it('an approved closure cancels every open deadline', () => {
      const requested = caseIn('review', { lastReviewStillAtRisk: false, closureRequest: { reason: 'resolved', requestedBy: ACTORS.cw.id } });
      expect(changesOf(requested, { kind: 'approveClosure', actor: ACTORS.sup, at: NOW })).toEqual({ open: [], meet: [], cancel: 'all' });
    });

    it('a reopened case opens initial_assessment (and the plan, counted from receipt) from the reopening', () => {
      const closed = caseIn('closed');
      const closedBefore = { ...closed, closure: { ...closed.closure!, closedAt: hoursAfter(NOW, -24) } };
      const reopen: CaseCommand = { kind: 'reopen', actor: ACTORS.mgr, reason: 'new report', receivedAt: NOW, channel: 'phone' };
      const changes = changesOf(closedBefore, reopen);
      expect(changes.open).toEqual([
        { kind: 'initial_assessment', variant: 'standard', dueAt: hoursAfter(NOW, 12), ownerId: ACTORS.cw.id, countedFrom: NOW },
        {
          kind: 'plan_submission',
          variant: 'standard',
          dueAt: dueAt('plan_submission', { receivedAt: NOW }, policy, calendar),
          ownerId: ACTORS.cw.id,
          countedFrom: NOW,
        },
      ]);
      const fromNeeds = context({ policy: { ...policy, planSubmissionFrom: 'needs_assessment' } });
      expect(kinds(changesOf(closedBefore, reopen, fromNeeds))).toEqual(['initial_assessment']);
    });

    it('requesting or rejecting a closure changes nothing', () => {
      const review = caseIn('review', { lastReviewStillAtRisk: false });
      expect(hasDeadlineChanges(changesOf(review, { kind: 'requestClosure', actor: ACTORS.cw, reason: 'resolved' }))).toBe(false);
    });
  });
});

describe('referralDeadlineChanges', () => {
  const at = T0;
  it('opens referral_response: 2 working days, 4 hours when urgent; no personal owner', () => {
    const normal = referralDeadlineChanges({ type: 'referral.sent', referralId: 'r-1', urgency: 'normal', referredAt: at }, { policy, calendar });
    expect(normal.open).toEqual([
      {
        kind: 'referral_response',
        variant: 'standard',
        dueAt: dueAt('referral_response', { referredAt: at }, policy, calendar),
        ownerId: null,
        countedFrom: at,
        ref: { referralId: 'r-1' },
      },
    ]);
    const urgent = referralDeadlineChanges({ type: 'referral.sent', referralId: 'r-1', urgency: 'emergency', referredAt: at }, { policy, calendar });
    expect(urgent.open[0]).toMatchObject({ variant: 'emergency', dueAt: hoursAfter(at, 4) });
  });

  it('an answer meets it, a withdrawal cancels it, a completion meets the plan action it served', () => {
    expect(referralDeadlineChanges({ type: 'referral.answered', referralId: 'r-1' }, { policy, calendar }).meet).toEqual([
      { kind: 'referral_response', ref: { referralId: 'r-1' } },
    ]);
    expect(referralDeadlineChanges({ type: 'referral.cancelled', referralId: 'r-1' }, { policy, calendar }).cancel).toEqual([
      { kind: 'referral_response', ref: { referralId: 'r-1' } },
    ]);
    expect(referralDeadlineChanges({ type: 'referral.completed', referralId: 'r-1', planActionId: 'pa-1' }, { policy, calendar }).meet).toEqual([
      { kind: 'plan_action', ref: { planActionId: 'pa-1' } },
    ]);
    expect(hasDeadlineChanges(referralDeadlineChanges({ type: 'referral.completed', referralId: 'r-1', planActionId: null }, { policy, calendar }))).toBe(
      false,
    );
  });
});

describe('recomputedDue', () => {
  it('counts the review again from when it opened, with the new risk level', () => {
    const openedAt = T0;
    expect(recomputedDue({ kind: 'review', openedAt }, 'high', policy, calendar)).toEqual({
      variant: 'high_risk',
      dueAt: dueAt('review', { from: openedAt, riskLevel: 'high' }, policy, calendar),
    });
    expect(recomputedDue({ kind: 'review', openedAt }, 'low', policy, calendar).variant).toBe('standard');
  });
});

describe('steps', () => {
  const fast = mergeDeadlinePolicy(policy, {
    kinds: { initial_assessment: { duration: seconds(10), reminders: [seconds(6), seconds(3)], escalationGrace: seconds(5) } },
  });
  const due = hoursAfter(T0, 1);
  const steps = stepLadder({ kind: 'initial_assessment', dueAt: due }, fast, calendar);
  const sec = (n: number) => new Date(due.getTime() + n * 1000);

  it('names recipients and levels by step', () => {
    expect(steps.map((s) => [s.step, stepRecipients(s.step), escalationLevelOf(s.step)])).toEqual([
      ['reminder:0', 'owner', 0],
      ['reminder:1', 'owner', 0],
      ['escalation:1', 'supervisors', 1],
      ['escalation:2', 'managers', 2],
    ]);
    expect(isDeadlineStep('reminder:12')).toBe(true);
    expect(isDeadlineStep('escalation:3')).toBe(false);
    expect(isDeadlineStep('reminder:')).toBe(false);
  });

  it('starts with the first reminder still ahead', () => {
    expect(nextDeadlineStep(steps, sec(-60))?.step).toBe('reminder:0');
    expect(nextDeadlineStep(steps, sec(-4))?.step).toBe('reminder:1');
  });

  it('skips reminders whose time has passed, never an escalation', () => {
    expect(nextDeadlineStep(steps, sec(-1))?.step).toBe('escalation:1');
    expect(nextDeadlineStep(steps, sec(60))?.step).toBe('escalation:1');
    expect(nextDeadlineStep(steps, sec(60), { done: 'escalation:1', escalationLevel: 1 })?.step).toBe('escalation:2');
  });

  it('follows the step just sent, and ends after the last', () => {
    expect(nextDeadlineStep(steps, sec(-6), { done: 'reminder:0' })?.step).toBe('reminder:1');
    expect(nextDeadlineStep(steps, sec(-2), { done: 'reminder:0' })?.step).toBe('escalation:1');
    expect(nextDeadlineStep(steps, sec(5), { done: 'escalation:2', escalationLevel: 2 })).toBeNull();
  });

  it('does not send an escalation again after the due time moved', () => {
    expect(nextDeadlineStep(steps, sec(-60), { escalationLevel: 1 })?.step).toBe('reminder:0');
    expect(nextDeadlineStep(steps, sec(-1), { escalationLevel: 1 })?.step).toBe('escalation:2');
  });
});
