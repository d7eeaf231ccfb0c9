import { decide } from './case-lifecycle';
import { CaseCommand } from './case-command.types';
import { ACTORS, T0, caseIn, deepFreeze } from './testing/lifecycle.fixtures';
import { accepted, refusal } from './testing/decision.assertions';

const { cw } = ACTORS;

type Finding = { noLongerAtRiskOfAbuse?: unknown; stable?: unknown; stillAtRisk?: unknown };
const review = (finding: Finding): CaseCommand =>
  ({ kind: 'recordAssessment', at: T0, actor: cw, assessmentType: 'review', riskLevel: 'low', ...finding }) as CaseCommand;
const resolved: CaseCommand = { kind: 'requestClosure', actor: cw, reason: 'resolved' };

describe('the review’s two conditions (Decree 56 art. 30(1)(b))', () => {
  it('`resolved` needs both: no longer at risk of abuse and stable', () => {
    const cases: [boolean, boolean, boolean][] = [
      [true, true, true],
      [true, false, false],
      [false, true, false],
      [false, false, false],
    ];
    for (const [noLongerAtRiskOfAbuse, stable, closes] of cases) {
      const reviewed = accepted(decide(deepFreeze(caseIn('intervention')), review({ noLongerAtRiskOfAbuse, stable })));
      expect(reviewed.events[0]).toMatchObject({ type: 'assessment.recorded', stillAtRisk: !closes, noLongerAtRiskOfAbuse, stable });
      const decision = decide(deepFreeze(reviewed.state), resolved);
      if (closes) accepted(decision);
      else refusal(decision, 'TRANSITION_NOT_ALLOWED', ['review_not_at_risk']);
    }
  });

  it('maps the earlier single stillAtRisk: false stands for both conditions, true for one failing unnamed', () => {
    const safe = accepted(decide(caseIn('intervention'), review({ stillAtRisk: false })));
    expect(safe.events[0]).toMatchObject({ stillAtRisk: false, noLongerAtRiskOfAbuse: true, stable: true });
    accepted(decide(safe.state, resolved));
    const atRisk = accepted(decide(caseIn('intervention'), review({ stillAtRisk: true })));
    expect(atRisk.events[0]).toMatchObject({ stillAtRisk: true, noLongerAtRiskOfAbuse: null, stable: null });
  });

  it('refuses half a finding, and a stillAtRisk that contradicts the two conditions', () => {
    const state = caseIn('intervention');
    refusal(decide(state, review({ noLongerAtRiskOfAbuse: true })), 'INVALID_COMMAND', ['review_conditions']);
    refusal(decide(state, review({ stable: true, stillAtRisk: false })), 'INVALID_COMMAND', ['review_conditions']);
    refusal(decide(state, review({ noLongerAtRiskOfAbuse: true, stable: false, stillAtRisk: false })), 'INVALID_COMMAND', ['review_conditions']);
    refusal(decide(state, review({ noLongerAtRiskOfAbuse: 'yes', stable: true })), 'INVALID_COMMAND', ['review_conditions']);
    refusal(decide(state, review({})), 'INVALID_COMMAND', ['still_at_risk']);
    accepted(decide(state, review({ noLongerAtRiskOfAbuse: true, stable: false, stillAtRisk: true })));
  });

  it('keeps the conditions off initial and needs assessments', () => {
    const initial = accepted(decide(caseIn('assessment'), { kind: 'recordAssessment', at: T0, actor: cw, assessmentType: 'initial', riskLevel: 'low' }));
    expect(initial.events[0]).not.toHaveProperty('stable');
  });
});
