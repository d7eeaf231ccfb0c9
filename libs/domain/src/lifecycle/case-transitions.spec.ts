import { Stage, STAGES } from '../codes/stage.codes';
import { Role, ROLES } from '../roles';
import { decide } from './case-lifecycle';
import { CASE_COMMAND_KINDS, CaseActor, CaseCommand } from './case-command.types';
import { CaseState } from './case-state.types';
import { RefusalCode, Requirement } from './decision.types';
import { ALLOWED_STAGE_TRANSITIONS, isAllowedStageTransition } from './stage-transitions';
import { ACTORS, REOPEN_RECEIVED, T0, caseIn, deepFreeze, hoursAfter } from './testing/lifecycle.fixtures';

/*
 * The transition table, written out by hand from api.md "Stages and transitions" and NOT derived
 * from the implementation: every stage × every command (and the variants that behave differently)
 * is either accepted, landing in the stage given, or refused with exactly the code and the
 * missing requirements given.
 *
 * Each row prepares the case with everything its command needs (a submitted plan for approvePlan,
 * a pending request for approveClosure…), so that the only thing varying along a row is the stage.
 * What happens when a prerequisite is absent is in case-guards.spec.ts.
 */

type Cell = { to: Stage } | { code: RefusalCode; missing: Requirement[] };

const to = (stage: Stage): Cell => ({ to: stage });
const no = (missing: Requirement[], code: RefusalCode = 'TRANSITION_NOT_ALLOWED'): Cell => ({ code, missing });

interface Row {
  name: string;
  command: (actor: CaseActor) => CaseCommand;
  actor: CaseActor;
  prepare?: (state: CaseState) => CaseState;
  cells: Record<Stage, Cell>;
  /** Roles that may issue the command at all; every other role is refused whatever the stage. */
  roles: Role[];
}

const OPEN_CASE_ONLY = no(['open_case']);
const withSubmittedPlan = (s: CaseState): CaseState => ({
  ...s,
  plan: { version: 1, status: 'submitted', authorIds: [ACTORS.cw.id], submittedBy: ACTORS.cw.id },
  approvedPlanVersion: null,
});

const ROWS: Row[] = [
  {
    name: 'assign',
    command: (actor) => ({ kind: 'assign', actor, assignee: ACTORS.cw2 }),
    actor: ACTORS.sup,
    roles: [Role.Supervisor, Role.IntakeOfficer],
    cells: {
      intake: to('assessment'),
      assessment: to('assessment'),
      planning: to('planning'),
      intervention: to('intervention'),
      review: to('review'),
      closed: OPEN_CASE_ONLY,
    },
  },
  {
    name: 'recordAssessment initial',
    command: (actor) => ({ kind: 'recordAssessment', at: T0, actor, assessmentType: 'initial', riskLevel: 'high', immediateDanger: true }),
    actor: ACTORS.cw,
    roles: [Role.Caseworker, Role.Supervisor],
    cells: {
      intake: to('assessment'),
      assessment: to('assessment'),
      planning: no(['stage_intake', 'stage_assessment']),
      intervention: no(['stage_intake', 'stage_assessment']),
      review: no(['stage_intake', 'stage_assessment']),
      closed: no(['stage_intake', 'stage_assessment']),
    },
  },
  {
    name: 'recordAssessment needs',
    command: (actor) => ({ kind: 'recordAssessment', at: T0, actor, assessmentType: 'needs', riskLevel: 'medium' }),
    actor: ACTORS.cw,
    roles: [Role.Caseworker, Role.Supervisor],
    cells: {
      intake: no(['stage_assessment', 'stage_planning']),
      assessment: to('planning'),
      planning: to('planning'),
      intervention: no(['stage_assessment', 'stage_planning']),
      review: no(['stage_assessment', 'stage_planning']),
      closed: no(['stage_assessment', 'stage_planning']),
    },
  },
  {
    name: 'recordAssessment review, still at risk',
    command: (actor) => ({ kind: 'recordAssessment', at: T0, actor, assessmentType: 'review', riskLevel: 'medium', stillAtRisk: true }),
    actor: ACTORS.cw,
    roles: [Role.Caseworker, Role.Supervisor],
    cells: {
      intake: no(['stage_intervention', 'stage_review']),
      assessment: no(['stage_intervention', 'stage_review']),
      planning: no(['stage_intervention', 'stage_review']),
      intervention: to('review'),
      review: to('review'),
      closed: no(['stage_intervention', 'stage_review']),
    },
  },
  {
    name: 'recordAssessment review, no longer at risk',
    command: (actor) => ({ kind: 'recordAssessment', at: T0, actor, assessmentType: 'review', riskLevel: 'low', stillAtRisk: false }),
    actor: ACTORS.cw,
    roles: [Role.Caseworker, Role.Supervisor],
    cells: {
      intake: no(['stage_intervention', 'stage_review']),
      assessment: no(['stage_intervention', 'stage_review']),
      planning: no(['stage_intervention', 'stage_review']),
      intervention: to('review'),
      review: to('review'),
      closed: no(['stage_intervention', 'stage_review']),
    },
  },
  {
    name: 'recordEmergencyMeasures',
    command: (actor) => ({ kind: 'recordEmergencyMeasures', actor, takenAt: hoursAfter(T0, 2) }),
    actor: ACTORS.cw,
    roles: [Role.Caseworker, Role.Supervisor],
    cells: {
      intake: to('intake'),
      assessment: to('assessment'),
      planning: to('planning'),
      intervention: to('intervention'),
      review: to('review'),
      closed: OPEN_CASE_ONLY,
    },
  },
  {
    name: 'startSeparation',
    command: (actor) => ({
      kind: 'startSeparation',
      actor,
      separationId: 'sep-1',
      startAt: hoursAfter(T0, 3),
      endAt: hoursAfter(T0, 3 + 24 * 10),
      extendedByAuthority: false,
    }),
    actor: ACTORS.sup,
    roles: [Role.Supervisor],
    cells: {
      intake: to('intake'),
      assessment: to('assessment'),
      planning: to('planning'),
      intervention: to('intervention'),
      review: to('review'),
      closed: OPEN_CASE_ONLY,
    },
  },
  {
    name: 'endSeparation',
    command: (actor) => ({ kind: 'endSeparation', actor, separationId: 'sep-1', endedAt: hoursAfter(T0, 100) }),
    actor: ACTORS.sup,
    roles: [Role.Supervisor],
    prepare: (s) => ({
      ...s,
      activeSeparation: { separationId: 'sep-1', startAt: hoursAfter(T0, 3), endAt: hoursAfter(T0, 200), extendedByAuthority: false },
    }),
    cells: {
      intake: to('intake'),
      assessment: to('assessment'),
      planning: to('planning'),
      intervention: to('intervention'),
      review: to('review'),
      closed: OPEN_CASE_ONLY,
    },
  },
  {
    name: 'draftPlan',
    command: (actor) => ({ kind: 'draftPlan', actor }),
    actor: ACTORS.cw,
    roles: [Role.Caseworker, Role.Supervisor],
    prepare: (s) => ({ ...s, lastReviewStillAtRisk: true }),
    cells: {
      intake: no(['stage_planning', 'stage_review']),
      assessment: no(['stage_planning', 'stage_review']),
      planning: to('planning'),
      intervention: no(['stage_planning', 'stage_review']),
      review: to('planning'),
      closed: no(['stage_planning', 'stage_review']),
    },
  },
  {
    name: 'submitPlan',
    command: (actor) => ({ kind: 'submitPlan', actor }),
    actor: ACTORS.cw,
    roles: [Role.Caseworker, Role.Supervisor],
    prepare: (s) => ({ ...s, plan: { version: 1, status: 'draft', authorIds: [ACTORS.cw.id], submittedBy: null } }),
    cells: {
      intake: no(['stage_planning']),
      assessment: no(['stage_planning']),
      planning: to('planning'),
      intervention: no(['stage_planning']),
      review: no(['stage_planning']),
      closed: no(['stage_planning']),
    },
  },
  {
    name: 'approvePlan',
    command: (actor) => ({ kind: 'approvePlan', actor }),
    actor: ACTORS.sup,
    roles: [Role.Supervisor],
    prepare: withSubmittedPlan,
    cells: {
      intake: no(['stage_planning']),
      assessment: no(['stage_planning']),
      planning: to('intervention'),
      intervention: no(['stage_planning']),
      review: no(['stage_planning']),
      closed: no(['stage_planning']),
    },
  },
  {
    name: 'rejectPlan',
    command: (actor) => ({ kind: 'rejectPlan', actor }),
    actor: ACTORS.sup,
    roles: [Role.Supervisor],
    prepare: withSubmittedPlan,
    cells: {
      intake: no(['stage_planning']),
      assessment: no(['stage_planning']),
      planning: to('planning'),
      intervention: no(['stage_planning']),
      review: no(['stage_planning']),
      closed: no(['stage_planning']),
    },
  },
  {
    name: 'requestClosure resolved',
    command: (actor) => ({ kind: 'requestClosure', actor, reason: 'resolved' }),
    actor: ACTORS.cw,
    roles: [Role.Caseworker, Role.Supervisor],
    prepare: (s) => ({ ...s, lastReviewStillAtRisk: false }),
    cells: {
      intake: no(['stage_review']),
      assessment: no(['stage_review']),
      planning: no(['stage_review']),
      intervention: no(['stage_review']),
      review: to('review'),
      closed: no(['stage_review']),
    },
  },
  ...(['unfounded', 'transferred', 'aged_out', 'child_died', 'family_refused', 'duplicate', 'other'] as const).map((reason): Row => ({
    name: `requestClosure ${reason}`,
    command: (actor) => ({ kind: 'requestClosure', actor, reason, ...(reason === 'transferred' && { receivingCommuneCode: '46001' }) }),
    actor: ACTORS.cw,
    roles: [Role.Caseworker, Role.Supervisor],
    // A family's refusal closes only after an assessment found the risk below high (closure.rules.spec.ts).
    prepare: (s) => (reason === 'family_refused' ? { ...s, riskLevel: 'low' } : s),
    cells: {
      intake: to('intake'),
      assessment: to('assessment'),
      planning: to('planning'),
      intervention: to('intervention'),
      review: to('review'),
      closed: OPEN_CASE_ONLY,
    },
  })),
  {
    name: 'approveClosure',
    command: (actor) => ({ kind: 'approveClosure', actor, at: hoursAfter(T0, 48) }),
    actor: ACTORS.sup,
    roles: [Role.Supervisor],
    prepare: (s) => ({ ...s, closureRequest: { reason: 'unfounded', requestedBy: ACTORS.cw.id } }),
    cells: {
      intake: to('closed'),
      assessment: to('closed'),
      planning: to('closed'),
      intervention: to('closed'),
      review: to('closed'),
      closed: OPEN_CASE_ONLY,
    },
  },
  {
    name: 'rejectClosure',
    command: (actor) => ({ kind: 'rejectClosure', actor }),
    actor: ACTORS.sup,
    roles: [Role.Supervisor],
    prepare: (s) => ({ ...s, closureRequest: { reason: 'unfounded', requestedBy: ACTORS.cw.id } }),
    cells: {
      intake: to('intake'),
      assessment: to('assessment'),
      planning: to('planning'),
      intervention: to('intervention'),
      review: to('review'),
      closed: OPEN_CASE_ONLY,
    },
  },
  {
    name: 'reopen',
    command: (actor) => ({ kind: 'reopen', actor, reason: 'A new report about the same child', receivedAt: REOPEN_RECEIVED, channel: 'school' }),
    actor: ACTORS.mgr,
    roles: [Role.Supervisor, Role.Manager],
    cells: {
      intake: no(['stage_closed']),
      assessment: no(['stage_closed']),
      planning: no(['stage_closed']),
      intervention: no(['stage_closed']),
      review: no(['stage_closed']),
      closed: to('assessment'),
    },
  },
];

function prepared(row: Row, stage: Stage): CaseState {
  return deepFreeze((row.prepare ?? ((s: CaseState) => s))(caseIn(stage)));
}

describe('case lifecycle transition table', () => {
  it('covers every command kind', () => {
    const covered = new Set(ROWS.map((row) => row.command(row.actor).kind));
    expect([...covered].sort()).toEqual([...CASE_COMMAND_KINDS].sort());
  });

  const cases = ROWS.flatMap((row) => STAGES.map((stage) => ({ row, stage, cell: row.cells[stage] })));

  it.each(cases.map((c) => [c.row.name, c.stage, c] as const))('%s in %s', (_name, stage, { row, cell }) => {
    const state = prepared(row, stage);
    const decision = decide(state, row.command(row.actor));

    if ('to' in cell) {
      if (!decision.ok) throw new Error(`expected acceptance, got ${JSON.stringify(decision.reason)}`);
      expect(decision.state.stage).toBe(cell.to);
      const changes = decision.events.filter((e) => e.type === 'case.stage_changed');
      // A stage change is always recorded, exactly once, and only when the stage changes.
      expect(changes).toEqual(cell.to === stage ? [] : [{ type: 'case.stage_changed', from: stage, to: cell.to }]);
      expect(decision.events.length).toBeGreaterThan(0);
    } else {
      if (decision.ok) throw new Error(`expected refusal, got stage ${decision.state.stage}`);
      expect(decision.reason).toEqual({
        code: cell.code,
        command: row.command(row.actor).kind,
        stage,
        missing: cell.missing,
        message: expect.stringContaining(`stage ${stage}`),
      });
    }
  });
});

describe('documented stage transitions', () => {
  it('are exactly those of api.md', () => {
    const documented = ALLOWED_STAGE_TRANSITIONS.map(([from, to]) => `${from}->${to}`).sort();
    expect(documented).toEqual(
      [
        'intake->assessment',
        'assessment->planning',
        'planning->intervention',
        'intervention->review',
        'review->planning',
        'intake->closed',
        'assessment->closed',
        'planning->closed',
        'intervention->closed',
        'review->closed',
        'closed->assessment',
      ].sort(),
    );
    expect(isAllowedStageTransition('review', 'planning')).toBe(true);
    expect(isAllowedStageTransition('planning', 'review')).toBe(false);
  });

  it('include every move the table above makes', () => {
    for (const row of ROWS) {
      for (const stage of STAGES) {
        const cell = row.cells[stage];
        if ('to' in cell && cell.to !== stage) expect([row.name, isAllowedStageTransition(stage, cell.to)]).toEqual([row.name, true]);
      }
    }
  });
});

describe('case lifecycle role table', () => {
  // Each command at a stage where its row accepts it, issued by every role under the same id:
  // only the row's roles pass the role check.
  const cases = ROWS.flatMap((row) => {
    const stage = STAGES.find((s) => 'to' in row.cells[s]) as Stage;
    return ROLES.map((role) => ({ row, stage, role }));
  });

  it.each(cases.map((c) => [c.row.name, c.role, c] as const))('%s by %s', (_name, role, { row, stage }) => {
    const decision = decide(prepared(row, stage), row.command({ id: row.actor.id, role }));
    if (row.roles.includes(role)) {
      expect(decision).toMatchObject({ ok: true });
    } else {
      expect(decision).toMatchObject({
        ok: false,
        reason: { code: 'ACTOR_NOT_ALLOWED', stage, missing: row.roles.map((r) => `role_${r}`) },
      });
    }
  });
});
