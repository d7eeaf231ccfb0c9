import { OPEN_STAGES, Stage } from '../codes/stage.codes';

/**
 * Every stage change the lifecycle can make (api.md "Stages and transitions"). `decide` never
 * consults this list: the rules produce the moves, and the tests hold the two against each other.
 */
export const ALLOWED_STAGE_TRANSITIONS: ReadonlyArray<readonly [from: Stage, to: Stage]> = [
  ['intake', 'assessment'],
  ['assessment', 'planning'],
  ['planning', 'intervention'],
  ['intervention', 'review'],
  ['review', 'planning'],
  ...OPEN_STAGES.map((from) => [from, 'closed'] as const),
  ['closed', 'assessment'],
];

export function isAllowedStageTransition(from: Stage, to: Stage): boolean {
  return ALLOWED_STAGE_TRANSITIONS.some(([f, t]) => f === from && t === to);
}
