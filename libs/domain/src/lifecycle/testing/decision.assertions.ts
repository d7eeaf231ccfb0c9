import { CaseEvent } from '../case-event.types';
import { CaseState } from '../case-state.types';
import { Decision, Refusal, RefusalCode, Requirement } from '../decision.types';

/** The accepted branch of a decision, or an error that shows the refusal. */
export function accepted(decision: Decision): { state: CaseState; events: CaseEvent[] } {
  if (!decision.ok) throw new Error(`expected acceptance, got refusal ${JSON.stringify(decision.reason)}`);
  return decision;
}

/** The refused branch of a decision, checked against the expected code and requirements. */
export function refusal(decision: Decision, code: RefusalCode, missing: Requirement[]): Refusal {
  if (decision.ok) throw new Error(`expected refusal ${code} ${missing.join(',')}, got stage ${decision.state.stage}`);
  if (decision.reason.code !== code || JSON.stringify(decision.reason.missing) !== JSON.stringify(missing)) {
    throw new Error(`expected ${code} ${JSON.stringify(missing)}, got ${decision.reason.code} ${JSON.stringify(decision.reason.missing)}`);
  }
  return decision.reason;
}
