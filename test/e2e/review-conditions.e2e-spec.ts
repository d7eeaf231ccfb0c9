import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { caseSteps } from '../support/case-steps';
import { signedIn, SignedIn } from '../support/factories';

/** Issue 12, item 8: a review records the two conditions of Decree 56 art. 30(1)(b); `resolved` needs both. */
describe('review conditions (HTTP, real PostgreSQL)', () => {
  let api: TestApi;
  let supervisor: SignedIn;
  let caseworker: SignedIn;
  let steps: ReturnType<typeof caseSteps>;

  beforeAll(async () => {
    api = await startApi();
    [supervisor, caseworker] = await Promise.all([signedIn(api, Role.Supervisor), signedIn(api, Role.Caseworker)]);
    steps = caseSteps(api, { supervisor, caseworker });
  });

  afterAll(async () => {
    await api?.close();
  });

  const resolve = (caseId: string, version: number) => steps.post(`/${caseId}/closure`, caseworker, { reason: 'resolved', note: 'Safe and stable', version });

  it('no longer at risk of abuse but not stable: the review is recorded with both findings, and `resolved` answers 409', async () => {
    const kase = await steps.interventionCase();
    const review = await steps.assess(kase.id, kase.version, 'review', { riskLevel: 'low', noLongerAtRiskOfAbuse: true, stable: false });
    expect(review.status).toBe(201);
    expect(review.body).toMatchObject({ stage: 'review' });
    const refused = await resolve(kase.id, review.body.version);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0]).toMatchObject({ stage: 'review', missing: ['review_not_at_risk'] });

    const listed = await steps.get(`/${kase.id}/assessments`, caseworker);
    expect(listed.body.items[0]).toMatchObject({ type: 'review', stillAtRisk: true, noLongerAtRiskOfAbuse: true, stable: false });
    const event = (await steps.timeline(kase.id)).find((e) => e.type === 'assessment.recorded' && e.payload.assessmentType === 'review');
    expect(event?.payload).toMatchObject({ stillAtRisk: true, noLongerAtRiskOfAbuse: true, stable: false });
  });

  it('both conditions true: `resolved` closes; the earlier stillAtRisk: false is stored as both conditions', async () => {
    const kase = await steps.interventionCase();
    const review = await steps.assess(kase.id, kase.version, 'review', { riskLevel: 'low', noLongerAtRiskOfAbuse: true, stable: true });
    expect(review.status).toBe(201);
    const requested = await resolve(kase.id, review.body.version);
    expect(requested.status).toBe(200);

    const legacy = await steps.reviewCase(false);
    const listed = await steps.get(`/${legacy.id}/assessments`, caseworker);
    expect(listed.body.items[0]).toMatchObject({ type: 'review', stillAtRisk: false, noLongerAtRiskOfAbuse: true, stable: true });
  });

  it('half a finding, a contradiction, or the conditions on another assessment answer 400 naming the field', async () => {
    const kase = await steps.interventionCase();
    const before = await steps.snapshot(kase.id);
    const bodies: [object, string][] = [
      [{ type: 'review', noLongerAtRiskOfAbuse: true }, 'stable'],
      [{ type: 'review', stable: true }, 'noLongerAtRiskOfAbuse'],
      [{ type: 'review', noLongerAtRiskOfAbuse: 'yes', stable: true }, 'noLongerAtRiskOfAbuse'],
      [{ type: 'needs', noLongerAtRiskOfAbuse: true, stable: true }, 'stable'],
    ];
    for (const [extra, field] of bodies) {
      const res = await steps.assess(kase.id, kase.version, (extra as { type: string }).type, extra);
      expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const contradiction = await steps.assess(kase.id, kase.version, 'review', { noLongerAtRiskOfAbuse: true, stable: false, stillAtRisk: false });
    expect(contradiction.status).toBe(400);
    expect(contradiction.body.error.details[0]).toMatchObject({ missing: ['review_conditions'] });
    expect(await steps.snapshot(kase.id)).toEqual(before);
  });
});
