import { ClosureReason } from '../codes/closure-reason.codes';
import { decide } from './case-lifecycle';
import { CaseCommand } from './case-command.types';
import { CaseState } from './case-state.types';
import { ACTORS, T0, caseIn, deepFreeze, hoursAfter } from './testing/lifecycle.fixtures';
import { accepted, refusal } from './testing/decision.assertions';

const { cw } = ACTORS;

const request = (reason: ClosureReason, receivingCommuneCode?: string): CaseCommand => ({
  kind: 'requestClosure',
  actor: cw,
  reason,
  ...(receivingCommuneCode !== undefined && { receivingCommuneCode }),
});

/** A case in planning after an assessment that found the child in immediate danger at high risk. */
const inDanger = (over: Partial<CaseState> = {}): CaseState => deepFreeze(caseIn('planning', { immediateDanger: true, riskLevel: 'high', ...over }));

describe('no closure while the child is in danger (Law art. 52(3); Decree 56 art. 32(1))', () => {
  it.each(['family_refused', 'other', 'transferred', 'unfounded', 'aged_out'] as const)('refuses `%s` while immediate danger stands', (reason) => {
    const refused = refusal(
      decide(inDanger(), request(reason, '46001')),
      'TRANSITION_NOT_ALLOWED',
      reason === 'family_refused' ? ['danger_cleared', 'risk_below_high'] : ['danger_cleared'],
    );
    expect(refused.message).toContain('no longer in immediate danger');
  });

  it.each(['child_died', 'duplicate'] as const)('still closes as `%s` while the danger stands (documented exemption)', (reason) => {
    expect(accepted(decide(inDanger(), request(reason))).state.closureRequest).toEqual({ reason, requestedBy: cw.id });
  });

  it('refuses every reason while a separation is running, the death of the child included', () => {
    const separated = inDanger({
      immediateDanger: false,
      riskLevel: 'low',
      activeSeparation: { separationId: 's-1', startAt: T0, endAt: hoursAfter(T0, 24 * 10), extendedByAuthority: false },
    });
    for (const reason of ['child_died', 'duplicate', 'family_refused', 'other'] as const) {
      refusal(decide(separated, request(reason)), 'TRANSITION_NOT_ALLOWED', ['separation_ended']);
    }
  });

  it('`family_refused` needs an assessment without danger and with risk below high', () => {
    refusal(decide(inDanger({ immediateDanger: false }), request('family_refused')), 'TRANSITION_NOT_ALLOWED', ['risk_below_high']);
    refusal(decide(deepFreeze(caseIn('intake')), request('family_refused')), 'TRANSITION_NOT_ALLOWED', ['risk_below_high']);
    for (const riskLevel of ['medium', 'low'] as const) {
      accepted(decide(inDanger({ immediateDanger: false, riskLevel }), request('family_refused')));
    }
  });

  it('`transferred` needs the receiving commune', () => {
    const safe = inDanger({ immediateDanger: false });
    refusal(decide(safe, request('transferred')), 'TRANSITION_NOT_ALLOWED', ['receiving_commune']);
    refusal(decide(safe, request('transferred', 'Huế')), 'TRANSITION_NOT_ALLOWED', ['receiving_commune']);
    refusal(decide(inDanger(), request('transferred')), 'TRANSITION_NOT_ALLOWED', ['danger_cleared', 'receiving_commune']);
    expect(accepted(decide(safe, request('transferred', '46001'))).events).toEqual([{ type: 'closure.requested', reason: 'transferred' }]);
  });
});
