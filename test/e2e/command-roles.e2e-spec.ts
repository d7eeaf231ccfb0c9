import { CASE_COMMAND_KINDS, CaseCommandKind, COMMAND_ROLES, Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { FINDINGS, openCase } from '../support/cases';
import { signedIn, SignedIn } from '../support/factories';
import { declaredRoutes } from '../support/routes';

/**
 * Case commands the API offers over HTTP: every kind of the domain's list. None is left out today;
 * a kind issued only by the worker or the CLI would be removed here, with the reason beside it.
 */
const ROUTED_KINDS: readonly CaseCommandKind[] = CASE_COMMAND_KINDS;

describe('case commands: the routes let through whom the domain allows', () => {
  let api: TestApi;
  let supervisor: SignedIn;

  beforeAll(async () => {
    api = await startApi();
    supervisor = await signedIn(api, Role.Supervisor);
  });

  afterAll(async () => {
    await api?.close();
  });

  // The domain allows caseworkers and supervisors (COMMAND_ROLES.recordAssessment), then asks for the
  // worker of record; a supervisor who opened the case without an assignee is that worker.
  it('a supervisor who opened a case without an assignee records its initial assessment (201, not 403)', async () => {
    const kase = await openCase(api, supervisor.auth);
    expect(kase.stage).toBe('intake');
    const res = await api.http
      .post(`/api/v1/cases/${kase.id}/assessments`)
      .set(supervisor.auth)
      .send({ type: 'initial', riskLevel: 'high', findings: FINDINGS, version: kase.version });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ stage: 'assessment', riskLevel: 'high', hasInitialAssessment: true, version: kase.version + 1 });
  });

  it('every route that issues a case command lets through exactly COMMAND_ROLES of its kind', () => {
    const commandRoutes = declaredRoutes(api).filter((r) => r.command !== undefined);
    const mismatches = commandRoutes.flatMap((r) => {
      const kind = r.command as CaseCommandKind;
      const declared = r.rule?.kind === 'roles' ? [...new Set(r.rule.roles)].sort() : r.rule?.kind;
      const domain = [...new Set(COMMAND_ROLES[kind])].sort();
      return JSON.stringify(declared) === JSON.stringify(domain)
        ? []
        : [`${r.method} ${r.path} (${kind}): ${JSON.stringify(declared)} ≠ ${JSON.stringify(domain)}`];
    });
    expect(mismatches).toEqual([]);
    // One route per kind, and every kind the API offers has one.
    expect(commandRoutes.map((r) => r.command).sort()).toEqual([...ROUTED_KINDS].sort());
    // Each on the route that issues it (the service behind it runs that command through CaseCommandRunner).
    expect(Object.fromEntries(commandRoutes.map((r) => [`${r.method} ${r.path}`, r.command]))).toEqual({
      'POST cases/:id/assignment': 'assign',
      'POST cases/:id/assessments': 'recordAssessment',
      'POST cases/:id/emergency-measures': 'recordEmergencyMeasures',
      'POST cases/:id/separations': 'startSeparation',
      'POST cases/:id/separations/:sid/end': 'endSeparation',
      'PUT cases/:id/plan': 'draftPlan',
      'POST cases/:id/plan/submit': 'submitPlan',
      'POST cases/:id/plan/approve': 'approvePlan',
      'POST cases/:id/plan/reject': 'rejectPlan',
      'POST cases/:id/closure': 'requestClosure',
      'POST cases/:id/closure/approve': 'approveClosure',
      'POST cases/:id/closure/reject': 'rejectClosure',
      'POST cases/:id/reopen': 'reopen',
    });
  });
});
