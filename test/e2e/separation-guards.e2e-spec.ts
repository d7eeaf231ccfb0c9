import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { caseSteps } from '../support/case-steps';
import { signedIn, SignedIn } from '../support/factories';

/** Issue 12, item 7: the separation's 15 calendar days, and its outcome (Decree 56 art. 32(2)–(3)). */
describe('separation term and outcome (HTTP, real PostgreSQL)', () => {
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

  it('a Mẫu 07 term from 20:00 on 1 March until the end of 16 March is accepted; a minute more is refused', async () => {
    const kase = await steps.assessmentCase();
    const body = { startAt: '2026-03-01T20:00:00+07:00', placement: 'Huế social protection centre', version: kase.version };
    const tooLong = await steps.post(`/${kase.id}/separations`, supervisor, { ...body, endAt: '2026-03-17T00:01:00+07:00' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0]).toMatchObject({ missing: ['separation_within_limit'] });
    const lawful = await steps.post(`/${kase.id}/separations`, supervisor, { ...body, endAt: '2026-03-17T00:00:00+07:00' });
    expect(lawful.status).toBe(201);
  });

  it('ending a separation records its outcome: on the separation and in the timeline; an unknown outcome answers 400', async () => {
    const kase = await steps.assessmentCase();
    const startAt = new Date(Date.now() - 3 * 3600_000).toISOString();
    const endAt = new Date(Date.now() + 5 * 24 * 3600_000).toISOString();
    const started = await steps.post(`/${kase.id}/separations`, supervisor, { startAt, endAt, placement: 'Aunt’s home', version: kase.version });
    expect(started.status).toBe(201);
    const [separation] = (await steps.get(`/${kase.id}/separations`, supervisor)).body.items;

    const unknown = await steps.post(`/${kase.id}/separations/${separation.id}/end`, supervisor, { outcome: 'ran_away', version: started.body.version });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.map((d: { field: string }) => d.field)).toContain('outcome');

    const ended = await steps.post(`/${kase.id}/separations/${separation.id}/end`, supervisor, { outcome: 'returned_home', version: started.body.version });
    expect(ended.status).toBe(200);
    const [after] = (await steps.get(`/${kase.id}/separations`, supervisor)).body.items;
    expect(after).toMatchObject({ id: separation.id, active: false, outcome: 'returned_home' });
    const event = (await steps.timeline(kase.id)).find((e) => e.type === 'separation.ended');
    expect(event?.payload).toMatchObject({ separationId: separation.id, outcome: 'returned_home' });
  });

  it('GET /codes serves the outcomes with Vietnamese labels', async () => {
    const lists = (await api.http.get('/api/v1/codes').set(caseworker.auth).expect(200)).body;
    expect(lists.separationOutcomes.map((e: { code: string }) => e.code)).toEqual(['returned_home', 'alternative_care', 'court_request', 'other']);
    expect(lists.separationOutcomes[0].vi).toContain('trở về gia đình');
  });
});
