import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { caseSteps } from '../support/case-steps';
import { KIM_LONG, signedIn, SignedIn } from '../support/factories';

/** Issue 12, item 3: no closure while the child is in danger (Law art. 52(3); Decree 56 art. 32(1)). */
describe('closure guards (HTTP, real PostgreSQL)', () => {
  let api: TestApi;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let caseworker: SignedIn;
  let steps: ReturnType<typeof caseSteps>;

  beforeAll(async () => {
    api = await startApi();
    [supervisor, otherSupervisor, caseworker] = await Promise.all([
      signedIn(api, Role.Supervisor),
      signedIn(api, Role.Supervisor),
      signedIn(api, Role.Caseworker),
    ]);
    steps = caseSteps(api, { supervisor, caseworker });
  });

  afterAll(async () => {
    await api?.close();
  });

  const requestClosure = (caseId: string, version: number, reason: string, extra: object = {}) =>
    steps.post(`/${caseId}/closure`, caseworker, { reason, note: 'Why the case can close', version, ...extra });

  it('family_refused, other and transferred answer 409 danger_cleared while the child is in immediate danger at high risk, and change nothing', async () => {
    // planningCase: the initial assessment found immediate danger; risk high.
    const kase = await steps.planningCase();
    const before = await steps.snapshot(kase.id);
    const cases: [string, object, string[]][] = [
      ['family_refused', {}, ['danger_cleared', 'risk_below_high']],
      ['other', {}, ['danger_cleared']],
      ['transferred', { receivingCommuneCode: KIM_LONG }, ['danger_cleared']],
      ['unfounded', {}, ['danger_cleared']],
    ];
    for (const [reason, extra, missing] of cases) {
      const res = await requestClosure(kase.id, kase.version, reason, extra);
      expect({ reason, status: res.status, code: res.body.error?.code }).toEqual({ reason, status: 409, code: 'TRANSITION_NOT_ALLOWED' });
      expect(res.body.error.details[0]).toMatchObject({ stage: 'planning', command: 'requestClosure', missing });
      expect(res.body.error.message).toContain('no longer in immediate danger');
    }
    expect(await steps.snapshot(kase.id)).toEqual(before);
  });

  it('a child who died: the closure is possible while the danger stands', async () => {
    const kase = await steps.planningCase();
    const requested = await requestClosure(kase.id, kase.version, 'child_died');
    expect(requested.status).toBe(200);
    const approved = await steps.post(`/${kase.id}/closure/approve`, supervisor, { version: requested.body.version });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ stage: 'closed', closure: { reason: 'child_died' } });
  });

  it('family_refused closes after a later assessment without danger and with risk below high', async () => {
    const kase = await steps.planningCase();
    const stillHigh = await steps.assess(kase.id, kase.version, 'needs', { immediateDanger: false, riskLevel: 'high' });
    const refused = await requestClosure(kase.id, stillHigh.body.version, 'family_refused');
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0].missing).toEqual(['risk_below_high']);

    const safer = await steps.assess(kase.id, stillHigh.body.version, 'needs', { riskLevel: 'medium' });
    const requested = await requestClosure(kase.id, safer.body.version, 'family_refused');
    expect(requested.status).toBe(200);
    const approved = await steps.post(`/${kase.id}/closure/approve`, otherSupervisor, { version: requested.body.version });
    expect(approved.body).toMatchObject({ stage: 'closed', closure: { reason: 'family_refused' } });
  });

  it('transferred needs a known receiving commune, and only transferred takes one', async () => {
    const kase = await steps.assessmentCase();
    const before = await steps.snapshot(kase.id);
    const invalid: [object, number, string][] = [
      [{ reason: 'transferred' }, 400, 'VALIDATION_FAILED'],
      [{ reason: 'transferred', receivingCommuneCode: 'Kim Long' }, 400, 'VALIDATION_FAILED'],
      [{ reason: 'other', receivingCommuneCode: KIM_LONG }, 400, 'VALIDATION_FAILED'],
      [{ reason: 'transferred', receivingCommuneCode: '99999' }, 400, 'UNKNOWN_PLACE'],
    ];
    for (const [body, status, code] of invalid) {
      const res = await steps.post(`/${kase.id}/closure`, caseworker, { note: 'Moved away', version: kase.version, ...body });
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status, code });
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('receivingCommuneCode');
    }
    expect(await steps.snapshot(kase.id)).toEqual(before);

    const requested = await requestClosure(kase.id, kase.version, 'transferred', { receivingCommuneCode: KIM_LONG });
    expect(requested.status).toBe(200);
    expect(await steps.snapshot(kase.id)).toMatchObject({ closure_request_reason: 'transferred', closure_receiving_commune_code: KIM_LONG });
    const approved = await steps.post(`/${kase.id}/closure/approve`, supervisor, { version: requested.body.version });
    expect(approved.body).toMatchObject({ stage: 'closed', closure: { reason: 'transferred' } });
    expect(await steps.snapshot(kase.id)).toMatchObject({ closure_reason: 'transferred', closure_receiving_commune_code: KIM_LONG });
  });
});
