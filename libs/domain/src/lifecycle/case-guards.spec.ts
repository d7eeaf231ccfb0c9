import { decide } from './case-lifecycle';
import { CaseActor, CaseCommand } from './case-command.types';
import { CaseState } from './case-state.types';
import { openCase } from './open-case';
import { ACTORS, REOPEN_RECEIVED, T0, caseIn, deepFreeze, hoursAfter } from './testing/lifecycle.fixtures';
import { accepted, refusal } from './testing/decision.assertions';

const { intake, cw, cw2, sup, sup2, mgr, admin } = ACTORS;

const submitted = (over: Partial<NonNullable<CaseState['plan']>> = {}): CaseState['plan'] => ({
  version: 1,
  status: 'submitted',
  authorIds: [cw.id],
  submittedBy: cw.id,
  ...over,
});

const separation = (id = 'sep-1'): CaseState['activeSeparation'] => ({
  separationId: id,
  startAt: T0,
  endAt: hoursAfter(T0, 24 * 10),
  extendedByAuthority: false,
});

/** Runs commands in order, failing on the first refusal; returns the final state and all events. */
function run(state: CaseState, commands: CaseCommand[]): { state: CaseState; events: CaseCommand['kind'][] } {
  const kinds: CaseCommand['kind'][] = [];
  let current = state;
  for (const command of commands) {
    current = accepted(decide(deepFreeze(current), command)).state;
    kinds.push(command.kind);
  }
  return { state: current, events: kinds };
}

describe('opening a case', () => {
  it('starts in intake, unassigned, recording the reported danger', () => {
    const opened = accepted(openCase({ receivedAt: T0, createdBy: intake, immediateDanger: true }));
    expect(opened.state).toMatchObject({ stage: 'intake', createdBy: intake.id, assigneeId: null, immediateDanger: true, reopenCount: 0 });
    expect(opened.events).toEqual([{ type: 'case.opened', immediateDanger: true }]);
  });

  it('moves to assessment when a caseworker is named at intake, whoever records the report', () => {
    for (const createdBy of [intake, cw, sup]) {
      const opened = accepted(openCase({ receivedAt: T0, createdBy, immediateDanger: false, assignee: cw2 }));
      expect(opened.state).toMatchObject({ stage: 'assessment', assigneeId: cw2.id });
      expect(opened.events).toEqual([
        { type: 'case.opened', immediateDanger: false },
        { type: 'case.assigned', assigneeId: cw2.id, previousAssigneeId: null },
        { type: 'case.stage_changed', from: 'intake', to: 'assessment' },
      ]);
    }
  });

  it('refuses an assignee who is not a caseworker', () => {
    refusal(openCase({ receivedAt: T0, createdBy: intake, immediateDanger: false, assignee: sup }), 'INVALID_COMMAND', ['assignee_caseworker']);
  });

  it.each([mgr, admin, ACTORS.partner])('refuses a report recorded by a %s', (actor) => {
    const reason = refusal(openCase({ receivedAt: T0, createdBy: actor, immediateDanger: false }), 'ACTOR_NOT_ALLOWED', [
      'role_intake_officer',
      'role_caseworker',
      'role_supervisor',
    ]);
    expect(reason).toMatchObject({ command: 'open', stage: 'intake' });
  });
});

describe('assignment', () => {
  it('lets an intake officer make the first assignment only', () => {
    const first = accepted(decide(caseIn('intake'), { kind: 'assign', actor: intake, assignee: cw2 }));
    expect(first.events[0]).toEqual({ type: 'case.assigned', assigneeId: cw2.id, previousAssigneeId: null });
    refusal(decide(first.state, { kind: 'assign', actor: intake, assignee: cw }), 'ACTOR_NOT_ALLOWED', ['role_supervisor']);
  });

  it('lets a supervisor reassign without changing the stage', () => {
    const moved = accepted(decide(caseIn('intervention'), { kind: 'assign', actor: sup, assignee: cw2 }));
    expect(moved.state).toMatchObject({ stage: 'intervention', assigneeId: cw2.id });
    expect(moved.events).toEqual([{ type: 'case.assigned', assigneeId: cw2.id, previousAssigneeId: cw.id }]);
  });

  it('refuses an assignee who is not a caseworker, or the current assignee again', () => {
    refusal(decide(caseIn('intake'), { kind: 'assign', actor: sup, assignee: sup2 }), 'INVALID_COMMAND', ['assignee_caseworker']);
    refusal(decide(caseIn('planning'), { kind: 'assign', actor: sup, assignee: cw }), 'INVALID_COMMAND', ['different_assignee']);
  });

  it('hands the work to the new assignee', () => {
    const moved = accepted(decide(caseIn('assessment'), { kind: 'assign', actor: sup, assignee: cw2 })).state;
    const needs = (actor: CaseActor): CaseCommand => ({ kind: 'recordAssessment', at: T0, actor, assessmentType: 'needs', riskLevel: 'low' });
    refusal(decide(moved, needs(cw)), 'ACTOR_NOT_ALLOWED', ['actor_assignee']);
    accepted(decide(moved, needs(cw2)));
  });
});

describe('assessments', () => {
  const assess = (
    actor: CaseActor,
    assessmentType: 'initial' | 'needs' | 'review',
    extra: Partial<Extract<CaseCommand, { kind: 'recordAssessment' }>> = {},
  ): CaseCommand => ({ kind: 'recordAssessment', at: T0, actor, assessmentType, riskLevel: 'high', ...extra });

  it('moves intake to assessment on an initial assessment by whoever opened the unassigned case', () => {
    const done = accepted(decide(caseIn('intake'), assess(cw, 'initial', { immediateDanger: true })));
    expect(done.state).toMatchObject({ stage: 'assessment', hasInitialAssessment: true, riskLevel: 'high', immediateDanger: true });
    expect(done.events).toEqual([
      // The report did not say so: the danger counts from the report's receipt (the initial assessment verifies it).
      { type: 'assessment.recorded', assessmentType: 'initial', riskLevel: 'high', immediateDanger: true, stillAtRisk: null, dangerReceivedAt: T0 },
      { type: 'case.stage_changed', from: 'intake', to: 'assessment' },
    ]);
  });

  it('refuses an assessment by anyone but the owner (the assignee, or the opener before assignment)', () => {
    refusal(decide(caseIn('intake'), assess(cw2, 'initial')), 'ACTOR_NOT_ALLOWED', ['actor_assignee']);
    refusal(decide(caseIn('intake', { createdBy: intake.id }), assess(cw, 'initial')), 'ACTOR_NOT_ALLOWED', ['actor_assignee']);
    refusal(decide(caseIn('assessment'), assess(sup, 'needs')), 'ACTOR_NOT_ALLOWED', ['actor_assignee']);
  });

  it('moves to planning only once both the initial and the needs assessments are recorded, in either order', () => {
    const assignedOnly = caseIn('assessment', { hasInitialAssessment: false });
    const needsFirst = accepted(decide(assignedOnly, assess(cw, 'needs'))).state;
    expect(needsFirst.stage).toBe('assessment');
    expect(accepted(decide(needsFirst, assess(cw, 'initial'))).state.stage).toBe('planning');
    const initialFirst = accepted(decide(assignedOnly, assess(cw, 'initial'))).state;
    expect(initialFirst.stage).toBe('assessment');
    expect(accepted(decide(initialFirst, assess(cw, 'needs'))).state.stage).toBe('planning');
  });

  it('keeps the known immediate danger when an assessment does not say', () => {
    const state = caseIn('assessment', { immediateDanger: true });
    expect(accepted(decide(state, assess(cw, 'needs'))).state.immediateDanger).toBe(true);
    expect(accepted(decide(state, assess(cw, 'needs', { immediateDanger: false }))).state.immediateDanger).toBe(false);
  });

  it('records the review finding and moves intervention to review', () => {
    const done = accepted(decide(caseIn('intervention'), assess(cw, 'review', { riskLevel: 'low', stillAtRisk: false })));
    expect(done.state).toMatchObject({ stage: 'review', lastReviewStillAtRisk: false, riskLevel: 'low' });
    expect(done.events[0]).toMatchObject({ type: 'assessment.recorded', assessmentType: 'review', stillAtRisk: false });
  });

  it('refuses a review assessment without its finding, and codes outside the lists', () => {
    refusal(decide(caseIn('intervention'), assess(cw, 'review')), 'INVALID_COMMAND', ['still_at_risk']);
    // Danger cannot have been known before the episode's report came in.
    const early = assess(cw, 'needs', { immediateDanger: true, dangerIdentifiedAt: hoursAfter(T0, -1) });
    refusal(decide(caseIn('assessment'), early), 'INVALID_COMMAND', ['danger_identified_at']);
    const badRisk = { ...assess(cw, 'needs'), riskLevel: 'extreme' } as unknown as CaseCommand;
    refusal(decide(caseIn('assessment'), badRisk), 'INVALID_COMMAND', ['risk_level']);
    const badType = { ...assess(cw, 'needs'), assessmentType: 'final' } as unknown as CaseCommand;
    refusal(decide(caseIn('assessment'), badType), 'INVALID_COMMAND', ['assessment_type']);
    refusal(decide(caseIn('closed'), badType), 'TRANSITION_NOT_ALLOWED', ['open_case']);
  });
});

describe('plans', () => {
  const draft = (actor: CaseActor = cw): CaseCommand => ({ kind: 'draftPlan', actor });
  const submit = (actor: CaseActor = cw): CaseCommand => ({ kind: 'submitPlan', actor });
  const approve = (actor: CaseActor = sup): CaseCommand => ({ kind: 'approvePlan', actor });
  const reject = (actor: CaseActor = sup): CaseCommand => ({ kind: 'rejectPlan', actor });

  it('edits an unsubmitted draft in place and opens a new version after a rejection', () => {
    const v1 = accepted(decide(caseIn('planning'), draft()));
    expect(v1.state.plan).toEqual({ version: 1, status: 'draft', authorIds: [cw.id], submittedBy: null });
    expect(v1.events).toEqual([{ type: 'plan.drafted', planVersion: 1, newVersion: true }]);

    const edited = accepted(decide(v1.state, draft()));
    expect(edited.events).toEqual([{ type: 'plan.drafted', planVersion: 1, newVersion: false }]);
    expect(edited.state.plan?.authorIds).toEqual([cw.id]);

    const rejected = run(edited.state, [submit(), reject()]).state;
    expect(rejected.plan).toMatchObject({ version: 1, status: 'rejected' });
    refusal(decide(rejected, submit()), 'TRANSITION_NOT_ALLOWED', ['plan_draft']);

    const v2 = accepted(decide(rejected, draft()));
    expect(v2.state.plan).toEqual({ version: 2, status: 'draft', authorIds: [cw.id], submittedBy: null });
    expect(v2.events).toEqual([{ type: 'plan.drafted', planVersion: 2, newVersion: true }]);
  });

  it('approves into intervention; an amendment goes through review, a new version and a new approval', () => {
    const first = run(caseIn('planning'), [draft(), submit()]).state;
    const approved = accepted(decide(first, approve()));
    expect(approved.state).toMatchObject({ stage: 'intervention', approvedPlanVersion: 1, plan: { status: 'approved' } });
    expect(approved.events).toEqual([
      { type: 'plan.approved', planVersion: 1, supersededVersion: null },
      { type: 'case.stage_changed', from: 'planning', to: 'intervention' },
    ]);

    const reviewed = run(approved.state, [
      { kind: 'recordAssessment', at: T0, actor: cw, assessmentType: 'review', riskLevel: 'medium', stillAtRisk: true },
    ]).state;
    const amended = accepted(decide(reviewed, draft()));
    expect(amended.state).toMatchObject({ stage: 'planning', approvedPlanVersion: 1, plan: { version: 2, status: 'draft' } });
    expect(amended.events).toEqual([
      { type: 'plan.drafted', planVersion: 2, newVersion: true },
      { type: 'case.stage_changed', from: 'review', to: 'planning' },
    ]);

    const resubmitted = run(amended.state, [submit()]).state;
    const second = accepted(decide(resubmitted, approve(sup2)));
    expect(second.state).toMatchObject({ stage: 'intervention', approvedPlanVersion: 2, plan: { version: 2, status: 'approved' } });
    expect(second.events[0]).toEqual({ type: 'plan.approved', planVersion: 2, supersededVersion: 1 });
  });

  it('refuses a plan decision by its author, a co-author or its submitter', () => {
    for (const plan of [
      submitted({ authorIds: [sup.id], submittedBy: sup.id }),
      submitted({ authorIds: [cw.id, sup.id] }),
      submitted({ authorIds: [cw2.id], submittedBy: sup.id }),
    ]) {
      const state = caseIn('planning', { plan });
      refusal(decide(state, approve(sup)), 'TRANSITION_NOT_ALLOWED', ['approver_not_author']);
      refusal(decide(state, reject(sup)), 'TRANSITION_NOT_ALLOWED', ['approver_not_author']);
      accepted(decide(state, approve(sup2)));
    }
  });

  it('adds a second drafter of the same version to its authors, who then may not decide on it', () => {
    // A supervisor who opened a case and drafted before assigning it has a hand in the plan.
    const opened = caseIn('planning', { createdBy: sup.id, assigneeId: null });
    const drafted = run(opened, [draft(sup), { kind: 'assign', actor: sup2, assignee: cw }, draft(cw), submit(cw)]).state;
    expect(drafted.plan).toMatchObject({ version: 1, authorIds: [sup.id, cw.id], submittedBy: cw.id });
    refusal(decide(drafted, approve(sup)), 'TRANSITION_NOT_ALLOWED', ['approver_not_author']);
  });

  it('needs a draft to submit and a submitted plan to decide', () => {
    refusal(decide(caseIn('planning'), submit()), 'TRANSITION_NOT_ALLOWED', ['plan_draft']);
    refusal(decide(caseIn('planning'), approve()), 'TRANSITION_NOT_ALLOWED', ['plan_submitted']);
    const drafted = run(caseIn('planning'), [draft()]).state;
    refusal(decide(drafted, reject()), 'TRANSITION_NOT_ALLOWED', ['plan_submitted']);
  });

  it('freezes a submitted plan until it is decided', () => {
    refusal(decide(caseIn('planning', { plan: submitted() }), draft()), 'TRANSITION_NOT_ALLOWED', ['plan_decision']);
    refusal(decide(caseIn('planning', { plan: submitted() }), submit()), 'TRANSITION_NOT_ALLOWED', ['plan_draft']);
  });

  it('plans again from review only when the review found the child still at risk', () => {
    refusal(decide(caseIn('review', { lastReviewStillAtRisk: false }), draft()), 'TRANSITION_NOT_ALLOWED', ['review_still_at_risk']);
    refusal(decide(caseIn('review', { lastReviewStillAtRisk: null }), draft()), 'TRANSITION_NOT_ALLOWED', ['review_still_at_risk']);
  });

  it('lets only the owner draft and submit', () => {
    refusal(decide(caseIn('planning'), draft(cw2)), 'ACTOR_NOT_ALLOWED', ['actor_assignee']);
    refusal(decide(caseIn('planning'), draft(sup)), 'ACTOR_NOT_ALLOWED', ['actor_assignee']);
    const drafted = run(caseIn('planning'), [draft()]).state;
    refusal(decide(drafted, submit(cw2)), 'ACTOR_NOT_ALLOWED', ['actor_assignee']);
  });
});

describe('closure', () => {
  const request = (reason: Extract<CaseCommand, { kind: 'requestClosure' }>['reason'], actor: CaseActor = cw): CaseCommand => ({
    kind: 'requestClosure',
    actor,
    reason,
  });
  const approveClosure = (actor: CaseActor = sup): CaseCommand => ({ kind: 'approveClosure', actor, at: hoursAfter(T0, 72) });
  const rejectClosure = (actor: CaseActor = sup): CaseCommand => ({ kind: 'rejectClosure', actor });

  it('closes a resolved case from review after a review that found the child safe and stable', () => {
    const reviewed = caseIn('review', { lastReviewStillAtRisk: false });
    const requested = accepted(decide(reviewed, request('resolved')));
    expect(requested.state.closureRequest).toEqual({ reason: 'resolved', requestedBy: cw.id });
    expect(requested.events).toEqual([{ type: 'closure.requested', reason: 'resolved' }]);

    const closed = accepted(decide(requested.state, approveClosure()));
    expect(closed.state).toMatchObject({
      stage: 'closed',
      closureRequest: null,
      closure: { reason: 'resolved', requestedBy: cw.id, approvedBy: sup.id, closedAt: hoursAfter(T0, 72) },
    });
    expect(closed.events).toEqual([
      { type: 'closure.approved', reason: 'resolved', requestedBy: cw.id, closedAt: hoursAfter(T0, 72) },
      { type: 'case.stage_changed', from: 'review', to: 'closed' },
    ]);
  });

  it('refuses `resolved` outside review, and in review without a finding that the child is safe', () => {
    for (const stage of ['intake', 'assessment', 'planning', 'intervention', 'closed'] as const) {
      refusal(decide(caseIn(stage, { lastReviewStillAtRisk: false }), request('resolved')), 'TRANSITION_NOT_ALLOWED', ['stage_review']);
    }
    refusal(decide(caseIn('review', { lastReviewStillAtRisk: true }), request('resolved')), 'TRANSITION_NOT_ALLOWED', ['review_not_at_risk']);
    refusal(decide(caseIn('review', { lastReviewStillAtRisk: null }), request('resolved')), 'TRANSITION_NOT_ALLOWED', ['review_not_at_risk']);
  });

  it('refuses a reason outside the code list', () => {
    const bad = { kind: 'requestClosure', actor: cw, reason: 'bored' } as unknown as CaseCommand;
    refusal(decide(caseIn('planning'), bad), 'TRANSITION_NOT_ALLOWED', ['closure_reason']);
    const missing = { kind: 'requestClosure', actor: cw } as unknown as CaseCommand;
    refusal(decide(caseIn('planning'), missing), 'TRANSITION_NOT_ALLOWED', ['closure_reason']);
  });

  it('refuses a closure decision by the requester', () => {
    const requestedBySup = caseIn('intake', { closureRequest: { reason: 'duplicate', requestedBy: sup.id } });
    refusal(decide(requestedBySup, approveClosure(sup)), 'TRANSITION_NOT_ALLOWED', ['approver_not_requester']);
    refusal(decide(requestedBySup, rejectClosure(sup)), 'TRANSITION_NOT_ALLOWED', ['approver_not_requester']);
    expect(accepted(decide(requestedBySup, approveClosure(sup2))).state.stage).toBe('closed');
  });

  it('lets a supervisor propose closure of a case they do not own, but not a caseworker', () => {
    accepted(decide(caseIn('intake', { createdBy: intake.id }), request('duplicate', sup)));
    refusal(decide(caseIn('assessment'), request('duplicate', cw2)), 'ACTOR_NOT_ALLOWED', ['actor_assignee']);
  });

  it('needs a pending request to decide on', () => {
    refusal(decide(caseIn('planning'), approveClosure()), 'TRANSITION_NOT_ALLOWED', ['closure_request']);
    refusal(decide(caseIn('planning'), rejectClosure()), 'TRANSITION_NOT_ALLOWED', ['closure_request']);
  });

  it('rejecting a request keeps the case where it was', () => {
    const pending = caseIn('assessment', { closureRequest: { reason: 'unfounded', requestedBy: cw.id } });
    const rejected = accepted(decide(pending, rejectClosure()));
    expect(rejected.state).toEqual({ ...pending, closureRequest: null });
    expect(rejected.events).toEqual([{ type: 'closure.rejected', reason: 'unfounded', requestedBy: cw.id }]);
  });

  it('freezes the case while a request waits, except for safety and reassignment', () => {
    const pending = caseIn('planning', {
      closureRequest: { reason: 'transferred', requestedBy: cw.id },
      plan: { version: 1, status: 'draft', authorIds: [cw.id], submittedBy: null },
    });
    const frozen: CaseCommand[] = [
      { kind: 'recordAssessment', at: T0, actor: cw, assessmentType: 'needs', riskLevel: 'low' },
      { kind: 'draftPlan', actor: cw },
      { kind: 'submitPlan', actor: cw },
      request('other'),
    ];
    for (const command of frozen) refusal(decide(pending, command), 'TRANSITION_NOT_ALLOWED', ['closure_decision']);
    const pendingDecision = { ...pending, plan: submitted() };
    refusal(decide(pendingDecision, { kind: 'approvePlan', actor: sup }), 'TRANSITION_NOT_ALLOWED', ['closure_decision']);
    refusal(decide(pendingDecision, { kind: 'rejectPlan', actor: sup }), 'TRANSITION_NOT_ALLOWED', ['closure_decision']);

    accepted(decide(pending, { kind: 'recordEmergencyMeasures', actor: cw, takenAt: T0 }));
    accepted(decide(pending, { kind: 'assign', actor: sup, assignee: cw2 }));
    accepted(decide(pending, { kind: 'startSeparation', actor: sup, separationId: 's', startAt: T0, endAt: hoursAfter(T0, 24), extendedByAuthority: false }));
  });

  it('lists everything a closure request lacks at once', () => {
    const state = caseIn('review', {
      closureRequest: { reason: 'other', requestedBy: cw.id },
      activeSeparation: separation(),
      lastReviewStillAtRisk: true,
    });
    const reason = refusal(decide(state, request('resolved')), 'TRANSITION_NOT_ALLOWED', ['closure_decision', 'separation_ended', 'review_not_at_risk']);
    expect(reason.message).toBe(
      'The case is in stage review; requesting closure needs a decision on the pending closure request first; ' +
        'the temporary separation to be ended first; a review assessment finding the child no longer at risk.',
    );
  });

  it('does not close over a submitted plan or an active separation', () => {
    const transfer: CaseCommand = { kind: 'requestClosure', actor: cw, reason: 'transferred', receivingCommuneCode: '46001' };
    refusal(decide(caseIn('planning', { plan: submitted() }), transfer), 'TRANSITION_NOT_ALLOWED', ['plan_decision']);
    refusal(decide(caseIn('intervention', { activeSeparation: separation() }), transfer), 'TRANSITION_NOT_ALLOWED', ['separation_ended']);
    const startedAfterRequest = caseIn('intervention', {
      closureRequest: { reason: 'transferred', requestedBy: cw.id },
      activeSeparation: separation(),
    });
    refusal(decide(startedAfterRequest, approveClosure()), 'TRANSITION_NOT_ALLOWED', ['separation_ended']);
    accepted(decide(startedAfterRequest, rejectClosure()));
  });
});

describe('reopening', () => {
  const reopen = (reason: string, actor: CaseActor = sup): CaseCommand => ({ kind: 'reopen', actor, reason, receivedAt: REOPEN_RECEIVED, channel: 'phone' });

  it('returns a closed case to assessment as a new episode, keeping the reason out of the events', () => {
    const closed = caseIn('closed', { emergencyMeasuresCount: 1, immediateDanger: true, dangerReceivedAt: T0 });
    const reopened = accepted(decide(closed, reopen('Hàng xóm báo tin mới về cháu Nguyễn Văn An', mgr)));
    expect(reopened.state).toEqual({
      ...closed,
      stage: 'assessment',
      closure: null,
      hasInitialAssessment: false,
      hasNeedsAssessment: false,
      lastReviewStillAtRisk: null,
      reopenCount: 1,
      // The new report's receipt; the last episode's danger and emergency measures say nothing about this one.
      episodeReceivedAt: REOPEN_RECEIVED,
      immediateDanger: false,
      dangerReceivedAt: null,
      emergencyMeasuresCount: 0,
    });
    expect(reopened.events).toEqual([
      { type: 'case.reopened', reopenCount: 1, receivedAt: REOPEN_RECEIVED, channel: 'phone', addedConcernTypes: [], immediateDanger: false },
      { type: 'case.stage_changed', from: 'closed', to: 'assessment' },
    ]);
  });

  it('takes the danger of the new report, counted from its receipt', () => {
    const reopened = accepted(decide(caseIn('closed'), { ...reopen('new report'), immediateDanger: true, addedConcernTypes: ['neglect'] } as CaseCommand));
    expect(reopened.state).toMatchObject({ immediateDanger: true, dangerReceivedAt: REOPEN_RECEIVED, episodeReceivedAt: REOPEN_RECEIVED });
    expect(reopened.events[0]).toMatchObject({ type: 'case.reopened', immediateDanger: true, addedConcernTypes: ['neglect'] });
  });

  it('refuses a new report received before the closure, or with codes not on the lists (400)', () => {
    const early = { ...reopen('new report'), receivedAt: hoursAfter(T0, 24 * 89) } as CaseCommand;
    refusal(decide(caseIn('closed'), early), 'INVALID_COMMAND', ['reopen_received_at']);
    const bad = { ...reopen('new report'), receivedAt: new Date(Number.NaN), channel: 'fax', addedConcernTypes: ['gossip'] } as unknown as CaseCommand;
    refusal(decide(caseIn('closed'), bad), 'INVALID_COMMAND', ['reopen_received_at', 'intake_channel', 'concern_types']);
  });

  it('refuses a reopen without a reason', () => {
    for (const reason of ['', '   ', '\n\t']) refusal(decide(caseIn('closed'), reopen(reason)), 'TRANSITION_NOT_ALLOWED', ['reopen_reason']);
    const absent = { kind: 'reopen', actor: sup } as unknown as CaseCommand;
    refusal(decide(caseIn('closed'), absent), 'TRANSITION_NOT_ALLOWED', ['reopen_reason']);
  });

  it('refuses a reopen by anyone but a supervisor or a manager', () => {
    for (const actor of [cw, intake, admin]) {
      refusal(decide(caseIn('closed'), reopen('new report', actor)), 'ACTOR_NOT_ALLOWED', ['role_supervisor', 'role_manager']);
    }
  });

  it('needs fresh initial and needs assessments before planning again', () => {
    const reopened = run(caseIn('closed'), [reopen('new report')]).state;
    refusal(decide(reopened, { kind: 'draftPlan', actor: cw }), 'TRANSITION_NOT_ALLOWED', ['stage_planning', 'stage_review']);
    const needs = run(reopened, [{ kind: 'recordAssessment', at: T0, actor: cw, assessmentType: 'needs', riskLevel: 'high' }]).state;
    expect(needs.stage).toBe('assessment');
    const both = run(needs, [{ kind: 'recordAssessment', at: T0, actor: cw, assessmentType: 'initial', riskLevel: 'high' }]).state;
    expect(both.stage).toBe('planning');
    // The plan in force before closure is amended through a new version.
    expect(accepted(decide(both, { kind: 'draftPlan', actor: cw })).state.plan).toMatchObject({ version: 2, status: 'draft' });
  });
});

describe('emergency measures and separation', () => {
  const start = (days: number, extendedByAuthority = false, id = 'sep-2'): CaseCommand => ({
    kind: 'startSeparation',
    actor: sup,
    separationId: id,
    startAt: T0,
    endAt: hoursAfter(T0, days * 24),
    extendedByAuthority,
  });

  it('lets the owner or any supervisor record emergency measures, counting them', () => {
    const done = accepted(decide(caseIn('intake'), { kind: 'recordEmergencyMeasures', actor: cw, takenAt: T0 }));
    expect(done.state.emergencyMeasuresCount).toBe(1);
    expect(done.events).toEqual([{ type: 'emergency_measures.recorded', takenAt: T0 }]);
    accepted(decide(caseIn('intervention'), { kind: 'recordEmergencyMeasures', actor: sup2, takenAt: T0 }));
    refusal(decide(caseIn('intervention'), { kind: 'recordEmergencyMeasures', actor: cw2, takenAt: T0 }), 'ACTOR_NOT_ALLOWED', ['actor_assignee']);
  });

  it('allows at most 15 days unless a competent authority extended the separation', () => {
    const started = accepted(decide(caseIn('intake'), start(15)));
    expect(started.state.activeSeparation).toEqual({ separationId: 'sep-2', startAt: T0, endAt: hoursAfter(T0, 360), extendedByAuthority: false });
    expect(started.events).toEqual([
      { type: 'separation.started', separationId: 'sep-2', startAt: T0, endAt: hoursAfter(T0, 360), extendedByAuthority: false },
    ]);
    refusal(decide(caseIn('intake'), start(16)), 'INVALID_COMMAND', ['separation_within_limit']);
    accepted(decide(caseIn('intake'), start(60, true)));
  });

  it('takes the maximum from the policy', () => {
    refusal(decide(caseIn('intake'), start(12), { maxSeparationDays: 10 }), 'INVALID_COMMAND', ['separation_within_limit']);
    accepted(decide(caseIn('intake'), start(20), { maxSeparationDays: 30 }));
  });

  it('refuses a period that ends before it starts, and a second separation at once', () => {
    refusal(decide(caseIn('intake'), start(0)), 'INVALID_COMMAND', ['separation_period']);
    refusal(decide(caseIn('intake'), start(-1, true)), 'INVALID_COMMAND', ['separation_period']);
    refusal(decide(caseIn('planning', { activeSeparation: separation() }), start(3)), 'TRANSITION_NOT_ALLOWED', ['separation_ended']);
  });

  it('ends only the separation under way, not before it started', () => {
    const state = caseIn('planning', { activeSeparation: separation('sep-1') });
    const end = (separationId: string, endedAt: Date): CaseCommand => ({ kind: 'endSeparation', actor: sup, separationId, endedAt });
    refusal(decide(state, end('sep-9', hoursAfter(T0, 5))), 'TRANSITION_NOT_ALLOWED', ['active_separation']);
    refusal(decide(caseIn('planning'), end('sep-1', hoursAfter(T0, 5))), 'TRANSITION_NOT_ALLOWED', ['active_separation']);
    refusal(decide(state, end('sep-1', hoursAfter(T0, -1))), 'INVALID_COMMAND', ['separation_period']);
    const ended = accepted(decide(state, end('sep-1', hoursAfter(T0, 5))));
    expect(ended.state.activeSeparation).toBeNull();
    expect(ended.events).toEqual([{ type: 'separation.ended', separationId: 'sep-1', endedAt: hoursAfter(T0, 5) }]);
  });

  it('is decided by a supervisor only', () => {
    refusal(decide(caseIn('intake'), { ...start(3), actor: cw } as CaseCommand), 'ACTOR_NOT_ALLOWED', ['role_supervisor']);
  });
});

describe('a case walked through every stage', () => {
  it('reaches each stage through the statutory steps, with one actor per step', () => {
    const opened = accepted(openCase({ receivedAt: T0, createdBy: intake, immediateDanger: true })).state;
    const steps: Array<[CaseCommand, string]> = [
      [{ kind: 'assign', actor: intake, assignee: cw }, 'assessment'],
      [{ kind: 'recordAssessment', at: T0, actor: cw, assessmentType: 'initial', riskLevel: 'high', immediateDanger: true }, 'assessment'],
      [{ kind: 'recordEmergencyMeasures', actor: cw, takenAt: hoursAfter(T0, 4) }, 'assessment'],
      [{ kind: 'recordAssessment', at: T0, actor: cw, assessmentType: 'needs', riskLevel: 'high' }, 'planning'],
      [{ kind: 'draftPlan', actor: cw }, 'planning'],
      [{ kind: 'submitPlan', actor: cw }, 'planning'],
      [{ kind: 'rejectPlan', actor: sup }, 'planning'],
      [{ kind: 'draftPlan', actor: cw }, 'planning'],
      [{ kind: 'submitPlan', actor: cw }, 'planning'],
      [{ kind: 'approvePlan', actor: sup }, 'intervention'],
      [{ kind: 'recordAssessment', at: T0, actor: cw, assessmentType: 'review', riskLevel: 'low', stillAtRisk: false }, 'review'],
      [{ kind: 'requestClosure', actor: cw, reason: 'resolved' }, 'review'],
      [{ kind: 'approveClosure', actor: sup, at: hoursAfter(T0, 24 * 100) }, 'closed'],
      [{ kind: 'reopen', actor: mgr, reason: 'new report', receivedAt: hoursAfter(T0, 24 * 101), channel: 'phone' }, 'assessment'],
    ];
    let state = opened;
    for (const [command, stage] of steps) {
      state = accepted(decide(deepFreeze(state), command)).state;
      expect([command.kind, state.stage]).toEqual([command.kind, stage]);
    }
    expect(state).toMatchObject({ assigneeId: cw.id, reopenCount: 1, approvedPlanVersion: 2, plan: { version: 2, status: 'approved' } });
  });

  it('never mutates the state it is given', () => {
    const state = deepFreeze(caseIn('planning', { plan: submitted() }));
    const before = JSON.stringify(state);
    decide(state, { kind: 'approvePlan', actor: sup });
    decide(state, { kind: 'approvePlan', actor: cw });
    expect(JSON.stringify(state)).toBe(before);
  });

  it('keeps personal data out of refusal messages', () => {
    const decision = decide(caseIn('closed'), { kind: 'reopen', actor: cw, reason: 'Nguyễn Văn An', receivedAt: REOPEN_RECEIVED, channel: 'phone' });
    expect(JSON.stringify(decision)).not.toContain('Nguyễn');
  });
});
