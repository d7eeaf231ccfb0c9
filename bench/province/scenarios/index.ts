import type { ScenarioName } from '../options';
import { caseDetailScenario, caseList } from './cases';
import { childSearch } from './children';
import { intake } from './intake';
import { caseload, responseTimes, statistics } from './reports';
import type { Scenario } from './scenario';

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  intake,
  'case-list': caseList,
  'child-search': childSearch,
  'case-detail': caseDetailScenario,
  caseload,
  'response-times': responseTimes,
  statistics,
};

export type { Scenario } from './scenario';
export { loadContext } from './context';
