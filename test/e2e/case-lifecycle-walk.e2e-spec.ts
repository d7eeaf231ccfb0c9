import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { FINDINGS, newReport } from '../support/case-steps';
import { intakeBody } from '../support/cases';
import { login, newUser, signedIn, SignedIn } from '../support/factories';

interface Event {
  type: string;
  actorId: string | null;
  payload: Record<string, unknown>;
}

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/**
 * The acceptance walk of issue 3: one case through every stage over HTTP, each
 * step by the person the process gives it to, and the timeline checked for
 * every event with the right actor.
 */
describe('one case through its whole life', () => {
  let api: TestApi;
  let intake: SignedIn;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let caseworker: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    api = await startApi();
    intake = await signedIn(api, Role.IntakeOfficer);
    supervisor = await signedIn(api, Role.Supervisor);
    otherSupervisor = await signedIn(api, Role.Supervisor);
    manager = await signedIn(api, Role.Manager);
    caseworker = await login(api, (await newUser(api, Role.Caseworker)).username);
  });
  afterAll(() => api.close());

  it('intake → assessment → planning → intervention → review → closed → reopened', async () => {
    const post = async (path: string, who: SignedIn, body: object, status = 200) => {
      const res = await api.http.post(`/api/v1/cases${path}`).set(who.auth).send(body);
      if (res.status !== status) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const plan = {
      goals: ['The child is safe at home', 'The child attends school'],
      actions: [
        { serviceType: 'psychological', description: 'Counselling sessions', startAt: inDays(1), dueAt: inDays(60), costEstimate: 2_000_000 },
        { serviceType: 'education', description: 'Re-enrolment at the ward school', dueAt: inDays(30) },
      ],
    };

    // 1 Intake by the hotline, then the first assignment to the commune caseworker.
    const opened = await post('', intake, intakeBody({ reporter: { relationship: 'neighbour', identityConsent: false } }), 201);
    expect(opened.stage).toBe('intake');
    const id: string = opened.id;
    let c = await post(`/${id}/assignment`, intake, { assigneeId: caseworker.user.id, version: opened.version });
    expect(c).toEqual(expect.objectContaining({ stage: 'assessment', assignee: expect.objectContaining({ id: caseworker.user.id }) }));

    // 2 Initial and needs assessments by the assignee move the case to planning.
    c = await post(
      `/${id}/assessments`,
      caseworker,
      { type: 'initial', riskLevel: 'high', immediateDanger: false, findings: FINDINGS, version: c.version },
      201,
    );
    expect(c.stage).toBe('assessment');
    c = await post(`/${id}/assessments`, caseworker, { type: 'needs', riskLevel: 'high', findings: FINDINGS, version: c.version }, 201);
    expect(c.stage).toBe('planning');

    // 3 A plan drafted and submitted, rejected by a supervisor, redrafted, resubmitted and approved.
    let p = await api.http
      .put(`/api/v1/cases/${id}/plan`)
      .set(caseworker.auth)
      .send({ ...plan, version: c.version })
      .expect(200);
    let version: number = p.body.caseVersion;
    p = await api.http.post(`/api/v1/cases/${id}/plan/submit`).set(caseworker.auth).send({ version }).expect(200);
    p = await api.http
      .post(`/api/v1/cases/${id}/plan/reject`)
      .set(supervisor.auth)
      .send({ comment: 'Add a cost estimate for school fees', version: p.body.caseVersion })
      .expect(200);
    expect(p.body.status).toBe('rejected');
    const revised = { ...plan, actions: [plan.actions[0], { ...plan.actions[1], costEstimate: 500_000 }] };
    p = await api.http
      .put(`/api/v1/cases/${id}/plan`)
      .set(caseworker.auth)
      .send({ ...revised, version: p.body.caseVersion })
      .expect(200);
    expect(p.body.version).toBe(2);
    p = await api.http.post(`/api/v1/cases/${id}/plan/submit`).set(caseworker.auth).send({ version: p.body.caseVersion }).expect(200);
    p = await api.http.post(`/api/v1/cases/${id}/plan/approve`).set(otherSupervisor.auth).send({ version: p.body.caseVersion }).expect(200);
    expect(p.body.status).toBe('approved');
    version = p.body.caseVersion;
    c = (await api.http.get(`/api/v1/cases/${id}`).set(caseworker.auth).expect(200)).body;
    expect(c).toEqual(expect.objectContaining({ stage: 'intervention', approvedPlanVersion: 2, version }));

    // 4 A review finds the child no longer at risk; the case can close as resolved.
    c = await post(`/${id}/assessments`, caseworker, { type: 'review', riskLevel: 'low', stillAtRisk: false, findings: FINDINGS, version: c.version }, 201);
    expect(c.stage).toBe('review');
    c = await post(`/${id}/closure`, caseworker, { reason: 'resolved', note: 'Stable for three months', version: c.version });
    // The requester cannot approve their own request; another supervisor does.
    c = await post(`/${id}/closure/approve`, supervisor, { version: c.version });
    expect(c).toEqual(
      expect.objectContaining({
        stage: 'closed',
        closedAt: expect.any(String),
        closure: expect.objectContaining({ reason: 'resolved', approvedBy: supervisor.user.id }),
      }),
    );

    // 5 Reopened by the province's manager: back to assessment.
    c = await post(`/${id}/reopen`, manager, { ...newReport(), reason: 'New report from the school', version: c.version });
    expect(c).toEqual(expect.objectContaining({ stage: 'assessment', closure: null, reopenCount: 1 }));

    // The timeline holds every step, in order, each with the person who did it.
    const timeline: Event[] = (await api.http.get(`/api/v1/cases/${id}/timeline`).set(supervisor.auth).expect(200)).body;
    const steps = timeline.map((e) => [e.type, e.actorId]);
    const expected: [string, string][] = [
      ['case.opened', intake.user.id],
      ['case.assigned', intake.user.id],
      ['case.stage_changed', intake.user.id],
      ['assessment.recorded', caseworker.user.id],
      ['assessment.recorded', caseworker.user.id],
      ['case.stage_changed', caseworker.user.id],
      ['plan.drafted', caseworker.user.id],
      ['plan.submitted', caseworker.user.id],
      ['plan.rejected', supervisor.user.id],
      ['plan.drafted', caseworker.user.id],
      ['plan.submitted', caseworker.user.id],
      ['plan.approved', otherSupervisor.user.id],
      ['case.stage_changed', otherSupervisor.user.id],
      ['assessment.recorded', caseworker.user.id],
      ['case.stage_changed', caseworker.user.id],
      ['closure.requested', caseworker.user.id],
      ['closure.approved', supervisor.user.id],
      ['case.stage_changed', supervisor.user.id],
      ['case.reopened', manager.user.id],
      ['case.stage_changed', manager.user.id],
    ];
    expect(steps).toEqual(expected);
    const stages = timeline.filter((e) => e.type === 'case.stage_changed').map((e) => `${e.payload.from}→${e.payload.to}`);
    expect(stages).toEqual(['intake→assessment', 'assessment→planning', 'planning→intervention', 'intervention→review', 'review→closed', 'closed→assessment']);
    // Free text (comments, notes, reasons) never lands in the timeline.
    const serialised = JSON.stringify(timeline);
    for (const text of ['Add a cost estimate', 'Stable for three months', 'New report from the school', 'Nguyễn Văn An', 'Left alone'])
      expect(serialised).not.toContain(text);
  });
});
