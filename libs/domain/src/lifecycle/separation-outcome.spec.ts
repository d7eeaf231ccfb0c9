import { decide } from './case-lifecycle';
import { CaseCommand } from './case-command.types';
import { ACTORS, T0, caseIn, deepFreeze, hoursAfter } from './testing/lifecycle.fixtures';
import { accepted, refusal } from './testing/decision.assertions';

/** Issue 12, item 7: ending a separation records its outcome (Decree 56 art. 32(3)). */
describe('separation outcome', () => {
  const separated = deepFreeze(
    caseIn('intervention', { activeSeparation: { separationId: 's-1', startAt: T0, endAt: hoursAfter(T0, 240), extendedByAuthority: false } }),
  );
  const end = (outcome?: unknown): CaseCommand =>
    ({ kind: 'endSeparation', actor: ACTORS.sup, separationId: 's-1', endedAt: hoursAfter(T0, 48), ...(outcome !== undefined && { outcome }) }) as CaseCommand;

  it.each(['returned_home', 'alternative_care', 'court_request', 'other'])('the event carries the outcome %s', (outcome) => {
    expect(accepted(decide(separated, end(outcome))).events).toEqual([{ type: 'separation.ended', separationId: 's-1', endedAt: hoursAfter(T0, 48), outcome }]);
  });

  it('refuses an outcome outside the code list', () => {
    refusal(decide(separated, end('ran_away')), 'INVALID_COMMAND', ['separation_outcome']);
  });
});
