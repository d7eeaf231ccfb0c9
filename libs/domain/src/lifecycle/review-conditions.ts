import { Requirement } from './decision.types';

/** What a review assessment says about the two conditions of Decree 56 art. 30(1)(b). */
export interface ReviewFindingInput {
  noLongerAtRiskOfAbuse?: unknown;
  stable?: unknown;
  stillAtRisk?: unknown;
}

export interface ReviewFinding {
  /** The plan may end only when both conditions hold: `stillAtRisk` is false exactly then. */
  stillAtRisk: boolean;
  noLongerAtRiskOfAbuse: boolean | null;
  stable: boolean | null;
}

/**
 * The review's finding, from the two conditions of art. 30(1)(b) (the child is no longer at risk of
 * abuse; the child is physically, psychologically, cognitively and emotionally stable), or from the
 * single `stillAtRisk` that clients sent before them. That boolean was documented as "the child
 * remains at risk **or** unstable", so `false` means both conditions hold, and `true` that at least
 * one fails without saying which (both stay null). Sent together, they must agree.
 */
export function reviewFinding(input: ReviewFindingInput): ReviewFinding | Requirement {
  const { noLongerAtRiskOfAbuse: safe, stable, stillAtRisk } = input;
  const legacy = typeof stillAtRisk === 'boolean' ? stillAtRisk : undefined;
  if (stillAtRisk !== undefined && legacy === undefined) return 'still_at_risk';
  if (safe === undefined && stable === undefined) {
    if (legacy === undefined) return 'still_at_risk';
    return legacy ? { stillAtRisk: true, noLongerAtRiskOfAbuse: null, stable: null } : { stillAtRisk: false, noLongerAtRiskOfAbuse: true, stable: true };
  }
  if (typeof safe !== 'boolean' || typeof stable !== 'boolean') return 'review_conditions';
  const finding = { stillAtRisk: !(safe && stable), noLongerAtRiskOfAbuse: safe, stable };
  if (legacy !== undefined && legacy !== finding.stillAtRisk) return 'review_conditions';
  return finding;
}
