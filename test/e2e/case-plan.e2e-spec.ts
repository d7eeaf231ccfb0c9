import { randomUUID } from 'node:crypto';
import { UsersService } from '@haven/auth';
import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { recordAssessment, toPlanning } from '../support/cases';
import { HUE, KIM_LONG, login, newUser, signedIn, SignedIn } from '../support/factories';

jest.setTimeout(60_000);

type Auth = { Authorization: string };

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

interface PlanBody {
  goals: string[];
  actions: Record<string, unknown>[];
  version: number;
  [key: string]: unknown;
}

function planBody(version: number, overrides: Record<string, unknown> = {}): PlanBody {
  return {
    goals: ['The child attends school every day', 'The mother can protect the child'],
    actions: [
      { serviceType: 'psychological', description: 'Weekly counselling\nat the health station', startAt: at(1), dueAt: at(60), costEstimate: 1_500_000 },
      { serviceType: 'education', description: 'Re-enrol the child at school', dueAt: at(30) },
    ],
    version,
    ...overrides,
  };
}

describe('the plan (PUT /cases/:id/plan, submit, approve, reject)', () => {
  let api: TestApi;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let caseworker: SignedIn;
  let organisationId: string;

  const assignee = () => ({ id: caseworker.user.id, auth: caseworker.auth });
  const put = (caseId: string, auth: Auth, body: Record<string, unknown>) => api.http.put(`/api/v1/cases/${caseId}/plan`).set(auth).send(body);
  const post = (caseId: string, action: 'submit' | 'approve' | 'reject', auth: Auth, body: Record<string, unknown>) =>
    api.http.post(`/api/v1/cases/${caseId}/plan/${action}`).set(auth).send(body);
  const timeline = async (caseId: string) =>
    (await api.http.get(`/api/v1/cases/${caseId}/timeline`).set(supervisor.auth).expect(200)).body as {
      type: string;
      actorId: string;
      payload: Record<string, unknown>;
    }[];
  const versions = async (caseId: string) => (await api.http.get(`/api/v1/cases/${caseId}/plan/versions`).set(supervisor.auth).expect(200)).body;
  const caseVersion = async (caseId: string) =>
    ((await api.db.query(`SELECT version FROM "case" WHERE id = $1`, [caseId])) as { version: number }[])[0].version;

  beforeAll(async () => {
    api = await startApi();
    supervisor = await signedIn(api, Role.Supervisor);
    otherSupervisor = await signedIn(api, Role.Supervisor);
    caseworker = await signedIn(api, Role.Caseworker);
    const [org] = await api.db.query(
      `INSERT INTO organisation (name, type, service_types, province_code) VALUES ('Trung tâm trợ giúp pháp lý', 'legal_aid', '{legal_aid}', $1) RETURNING id`,
      [HUE],
    );
    organisationId = org.id;
  });
  afterAll(() => api.close());

  it('draft → submit → reject with a comment → redraft → submit → approve, keeping every version', async () => {
    const kase = await toPlanning(api, supervisor.auth, assignee());

    const drafted = await put(kase.id, caseworker.auth, planBody(kase.version, { goals: ['First goal'] })).expect(200);
    expect(drafted.body).toEqual(
      expect.objectContaining({ version: 1, status: 'draft', goals: ['First goal'], caseVersion: kase.version + 1, approvedPlanVersion: null }),
    );
    expect(drafted.body.authors).toEqual([{ id: caseworker.user.id, fullName: caseworker.user.fullName }]);

    // A draft is edited in place: same version, content replaced.
    const edited = await put(
      kase.id,
      caseworker.auth,
      planBody(drafted.body.caseVersion, { actions: [{ ...planBody(0).actions[0], organisationId, responsibleUserId: caseworker.user.id }] }),
    ).expect(200);
    expect(edited.body).toEqual(expect.objectContaining({ id: drafted.body.id, version: 1, status: 'draft', goals: planBody(0).goals }));
    expect(edited.body.actions).toEqual([
      expect.objectContaining({
        position: 1,
        serviceType: 'psychological',
        description: 'Weekly counselling\nat the health station',
        organisationId,
        responsibleUserId: caseworker.user.id,
        costEstimate: 1_500_000,
      }),
    ]);

    const submitted = await post(kase.id, 'submit', caseworker.auth, { version: edited.body.caseVersion }).expect(200);
    expect(submitted.body).toEqual(
      expect.objectContaining({ version: 1, status: 'submitted', submittedBy: expect.objectContaining({ id: caseworker.user.id }) }),
    );

    // A submitted version is frozen.
    const frozen = await put(kase.id, caseworker.auth, planBody(submitted.body.caseVersion)).expect(409);
    expect(frozen.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(frozen.body.error.details[0].missing).toEqual(['plan_decision']);

    const rejected = await post(kase.id, 'reject', supervisor.auth, { version: submitted.body.caseVersion, comment: 'Add a school action' }).expect(200);
    expect(rejected.body).toEqual(
      expect.objectContaining({
        version: 1,
        status: 'rejected',
        decisionComment: 'Add a school action',
        decidedBy: expect.objectContaining({ id: supervisor.user.id }),
      }),
    );

    // Redrafting after a rejection opens version 2; version 1 stays on file as it was decided.
    const redrafted = await put(kase.id, caseworker.auth, planBody(rejected.body.caseVersion)).expect(200);
    expect(redrafted.body).toEqual(expect.objectContaining({ version: 2, status: 'draft' }));
    expect(redrafted.body.id).not.toBe(drafted.body.id);
    expect(redrafted.body.actions).toHaveLength(2);

    const resubmitted = await post(kase.id, 'submit', caseworker.auth, { version: redrafted.body.caseVersion }).expect(200);
    const approved = await post(kase.id, 'approve', supervisor.auth, { version: resubmitted.body.caseVersion, comment: 'Good plan' }).expect(200);
    expect(approved.body).toEqual(expect.objectContaining({ version: 2, status: 'approved', approvedPlanVersion: 2, decisionComment: 'Good plan' }));

    const detail = await api.http.get(`/api/v1/cases/${kase.id}`).set(supervisor.auth).expect(200);
    expect(detail.body).toEqual(expect.objectContaining({ stage: 'intervention', approvedPlanVersion: 2, version: approved.body.caseVersion }));

    const all = await versions(kase.id);
    expect(all).toEqual(expect.objectContaining({ total: 2, page: 1, pageSize: 20 }));
    expect(all.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'approved'],
      [1, 'rejected'],
    ]);
    expect(all.items[1]).toEqual(expect.objectContaining({ decisionComment: 'Add a school action', goals: planBody(0).goals }));
    expect(all.items[1].actions).toHaveLength(1);

    const current = await api.http.get(`/api/v1/cases/${kase.id}/plan`).set(caseworker.auth).expect(200);
    expect(current.body).toEqual(expect.objectContaining({ version: 2, status: 'approved', caseVersion: approved.body.caseVersion }));

    const events = await timeline(kase.id);
    const planEvents = events.filter((e) => e.type.startsWith('plan.'));
    expect(planEvents.map((e) => [e.type, e.actorId, e.payload.planVersion])).toEqual([
      ['plan.drafted', caseworker.user.id, 1],
      ['plan.drafted', caseworker.user.id, 1],
      ['plan.submitted', caseworker.user.id, 1],
      ['plan.rejected', supervisor.user.id, 1],
      ['plan.drafted', caseworker.user.id, 2],
      ['plan.submitted', caseworker.user.id, 2],
      ['plan.approved', supervisor.user.id, 2],
    ]);
    expect(planEvents[0].payload).toEqual({ planVersion: 1, newVersion: true, planId: drafted.body.id });
    expect(planEvents[1].payload).toEqual({ planVersion: 1, newVersion: false, planId: drafted.body.id });
    expect(planEvents[6].payload).toEqual({ planVersion: 2, supersededVersion: null, planId: redrafted.body.id });
    expect(events.map((e) => [e.type, e.payload.to])).toContainEqual(['case.stage_changed', 'intervention']);
    // Decision comments stay on the plan, out of the timeline.
    expect(JSON.stringify(events)).not.toContain('school action');

    const log = await api.http.get(`/api/v1/cases/${kase.id}/access-log`).set(supervisor.auth).expect(200);
    const whats = (log.body as { action: string; what: string }[]).map((e) => `${e.action}:${e.what}`);
    expect(whats).toEqual(
      expect.arrayContaining(['write:plan', 'write:plan-submission', 'write:plan-rejection', 'write:plan-approval', 'read:plan-versions', 'read:plan']),
    );
  });

  it('an approved plan is amended only through a new version, whose approval supersedes the old one', async () => {
    const kase = await toPlanning(api, supervisor.auth, assignee());
    let v = (await put(kase.id, caseworker.auth, planBody(kase.version)).expect(200)).body.caseVersion;
    v = (await post(kase.id, 'submit', caseworker.auth, { version: v }).expect(200)).body.caseVersion;
    v = (await post(kase.id, 'approve', supervisor.auth, { version: v }).expect(200)).body.caseVersion;

    // In intervention the plan cannot be redrafted; a review finding the child still at risk reopens planning.
    const early = await put(kase.id, caseworker.auth, planBody(v)).expect(409);
    expect(early.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    v = await recordAssessment(api, caseworker.auth, kase.id, v, 'review', { stillAtRisk: true });

    const amended = await put(kase.id, caseworker.auth, planBody(v, { goals: ['A safer home'] })).expect(200);
    expect(amended.body).toEqual(expect.objectContaining({ version: 2, status: 'draft', approvedPlanVersion: 1 }));
    let all = await versions(kase.id);
    expect(all.items.map((p: { status: string }) => p.status)).toEqual(['draft', 'approved']);

    v = (await post(kase.id, 'submit', caseworker.auth, { version: amended.body.caseVersion }).expect(200)).body.caseVersion;
    const approved = await post(kase.id, 'approve', otherSupervisor.auth, { version: v }).expect(200);
    expect(approved.body).toEqual(expect.objectContaining({ version: 2, status: 'approved', approvedPlanVersion: 2 }));

    all = await versions(kase.id);
    expect(all.items.map((p: { version: number; status: string }) => [p.version, p.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
    const events = await timeline(kase.id);
    expect(events.filter((e) => e.type === 'plan.approved').map((e) => e.payload.supersededVersion)).toEqual([null, 1]);
    const detail = await api.http.get(`/api/v1/cases/${kase.id}`).set(supervisor.auth).expect(200);
    expect(detail.body).toEqual(expect.objectContaining({ stage: 'intervention', approvedPlanVersion: 2 }));
  });

  it('two simultaneous approvals: exactly one 200, one 409, one plan.approved event', async () => {
    const kase = await toPlanning(api, supervisor.auth, assignee());
    let v = (await put(kase.id, caseworker.auth, planBody(kase.version)).expect(200)).body.caseVersion;
    v = (await post(kase.id, 'submit', caseworker.auth, { version: v }).expect(200)).body.caseVersion;

    const results = await Promise.all([
      post(kase.id, 'approve', supervisor.auth, { version: v }),
      post(kase.id, 'approve', otherSupervisor.auth, { version: v }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.code).toBe('VERSION_CONFLICT');

    const events = await timeline(kase.id);
    expect(events.filter((e) => e.type === 'plan.approved')).toHaveLength(1);
    const [row] = await api.db.query(`SELECT count(*)::int AS n FROM plan WHERE case_id = $1 AND status = 'approved'`, [kase.id]);
    expect(row.n).toBe(1);
    expect(await caseVersion(kase.id)).toBe(v + 1);
  });

  it('the author may not approve their own plan (409), nor may a caseworker decide at all (403)', async () => {
    const author = await signedIn(api, Role.Caseworker);
    const kase = await toPlanning(api, supervisor.auth, { id: author.user.id, auth: author.auth });
    let v = (await put(kase.id, author.auth, planBody(kase.version)).expect(200)).body.caseVersion;
    v = (await post(kase.id, 'submit', author.auth, { version: v }).expect(200)).body.caseVersion;

    const asCaseworker = await post(kase.id, 'approve', author.auth, { version: v }).expect(403);
    expect(asCaseworker.body.error.code).toBe('FORBIDDEN');

    // Promoted to supervisor of the same commune, the author still cannot decide on their plan.
    await api.app.get(UsersService).operatorUpdate(author.user.id, { role: Role.Supervisor }, { temporaryPassword: false });
    const promoted = await login(api, author.user.username);
    for (const action of ['approve', 'reject'] as const) {
      const res = await post(kase.id, action, promoted.auth, { version: v }).expect(409);
      expect(res.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
      expect(res.body.error.details[0].missing).toEqual(['approver_not_author']);
    }
    expect(await caseVersion(kase.id)).toBe(v);
    await post(kase.id, 'approve', supervisor.auth, { version: v }).expect(200);
  });

  it('only the assignee drafts and submits (403 for others), and decisions need a submitted plan (409)', async () => {
    const kase = await toPlanning(api, supervisor.auth, assignee());
    const bySupervisor = await put(kase.id, supervisor.auth, planBody(kase.version)).expect(403);
    expect(bySupervisor.body.error.code).toBe('FORBIDDEN');
    const intake = await signedIn(api, Role.IntakeOfficer);
    await put(kase.id, intake.auth, planBody(kase.version)).expect(403);

    const nothingToSubmit = await post(kase.id, 'submit', caseworker.auth, { version: kase.version }).expect(409);
    expect(nothingToSubmit.body.error.details[0].missing).toEqual(['plan_draft']);
    const v = (await put(kase.id, caseworker.auth, planBody(kase.version)).expect(200)).body.caseVersion;
    const notSubmitted = await post(kase.id, 'approve', supervisor.auth, { version: v }).expect(409);
    expect(notSubmitted.body.error.details[0].missing).toEqual(['plan_submitted']);
    await post(kase.id, 'submit', supervisor.auth, { version: v }).expect(403);
  });

  it('a stale version answers 409 VERSION_CONFLICT and changes nothing', async () => {
    const kase = await toPlanning(api, supervisor.auth, assignee());
    const v = (await put(kase.id, caseworker.auth, planBody(kase.version, { goals: ['Original'] })).expect(200)).body.caseVersion;
    const eventsBefore = (await timeline(kase.id)).length;

    const stale = await put(kase.id, caseworker.auth, planBody(kase.version, { goals: ['Overwritten'] })).expect(409);
    expect(stale.body.error).toEqual(
      expect.objectContaining({ code: 'VERSION_CONFLICT', details: [expect.objectContaining({ field: 'version', currentVersion: v })] }),
    );
    await post(kase.id, 'submit', caseworker.auth, { version: v - 1 }).expect(409);

    const current = await api.http.get(`/api/v1/cases/${kase.id}/plan`).set(caseworker.auth).expect(200);
    expect(current.body).toEqual(expect.objectContaining({ version: 1, status: 'draft', goals: ['Original'], caseVersion: v }));
    expect(await caseVersion(kase.id)).toBe(v);
    expect((await timeline(kase.id)).length).toBe(eventsBefore);
  });

  it('out of scope answers 404 for reads and writes', async () => {
    const kase = await toPlanning(api, supervisor.auth, assignee());
    await put(kase.id, caseworker.auth, planBody(kase.version)).expect(200);
    const stranger = await signedIn(api, Role.Caseworker);
    const elsewhere = await signedIn(api, Role.Supervisor, { communeCodes: [KIM_LONG] });

    for (const res of [
      await api.http.get(`/api/v1/cases/${kase.id}/plan`).set(stranger.auth),
      await api.http.get(`/api/v1/cases/${kase.id}/plan/versions`).set(elsewhere.auth),
      await put(kase.id, stranger.auth, planBody(kase.version + 1)),
      await post(kase.id, 'approve', elsewhere.auth, { version: kase.version + 1 }),
      await api.http.get(`/api/v1/cases/${randomUUID()}/plan`).set(supervisor.auth),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    const admin = await signedIn(api, Role.Admin);
    await api.http.get(`/api/v1/cases/${kase.id}/plan`).set(admin.auth).expect(403);
  });

  it('GET /plan answers 404 before any draft; the manager of the province reads it once drafted', async () => {
    const kase = await toPlanning(api, supervisor.auth, assignee());
    const none = await api.http.get(`/api/v1/cases/${kase.id}/plan`).set(caseworker.auth).expect(404);
    expect(none.body.error.code).toBe('NOT_FOUND');
    expect((await versions(kase.id)).items).toEqual([]);
    await put(kase.id, caseworker.auth, planBody(kase.version)).expect(200);
    const manager = await signedIn(api, Role.Manager);
    const read = await api.http.get(`/api/v1/cases/${kase.id}/plan`).set(manager.auth).expect(200);
    expect(read.body.actions.map((a: { position: number }) => a.position)).toEqual([1, 2]);
  });

  it('bad input answers 400 listing each field, never 500, and changes nothing', async () => {
    const kase = await toPlanning(api, supervisor.auth, assignee());
    const good = planBody(kase.version).actions as Record<string, unknown>[];
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...planBody(kase.version), owner: 'me' }, ['owner']],
      [planBody(kase.version, { actions: [{ ...good[0], bogus: 1 }] }), ['actions.0.bogus']],
      [planBody(kase.version, { actions: [good[0], { ...good[1], serviceType: 'magic' }] }), ['actions.1.serviceType']],
      [planBody(kase.version, { actions: [{ ...good[0], startAt: at(10), dueAt: at(5) }] }), ['actions.0.dueAt']],
      [
        planBody(kase.version, {
          actions: [
            { ...good[0], costEstimate: -1 },
            { ...good[1], costEstimate: 1.5 },
          ],
        }),
        ['actions.0.costEstimate', 'actions.1.costEstimate'],
      ],
      [planBody(kase.version, { actions: [{ ...good[0], organisationId: 'not-a-uuid', dueAt: 'tomorrow' }] }), ['actions.0.organisationId', 'actions.0.dueAt']],
      [planBody(kase.version, { goals: [] }), ['goals']],
      [planBody(kase.version, { goals: ['ok', 'x'.repeat(1001), 7] }), ['goals']],
      [planBody(kase.version, { goals: Array.from({ length: 21 }, (_, i) => `goal ${i}`) }), ['goals']],
      [planBody(kase.version, { actions: [] }), ['actions']],
      [planBody(kase.version, { actions: Array.from({ length: 51 }, () => good[1]) }), ['actions']],
      [planBody(kase.version, { actions: [{ ...good[0], description: 'x'.repeat(2001) }] }), ['actions.0.description']],
      [planBody(kase.version, { actions: 'none' }), ['actions']],
      [{ goals: ['g'], actions: good }, ['version']],
    ];
    for (const [body, fields] of cases) {
      const res = await put(kase.id, caseworker.auth, body);
      expect({ status: res.status, body: res.body.error?.code }).toEqual({ status: 400, body: 'VALIDATION_FAILED' });
      const reported = (res.body.error.details as { field: string }[]).map((d) => d.field);
      expect(reported).toEqual(expect.arrayContaining(fields));
    }

    // References are checked against the database: unknown organisation, user of another province.
    const [{ code: otherProvince }] = await api.db.query(`SELECT code FROM province WHERE code <> $1 ORDER BY code LIMIT 1`, [HUE]);
    const outsider = await newUser(api, Role.Manager, { provinceCode: otherProvince });
    const refs = await put(
      kase.id,
      caseworker.auth,
      planBody(kase.version, {
        actions: [
          { ...good[0], organisationId: randomUUID() },
          { ...good[1], responsibleUserId: outsider.id },
          { ...good[1], organisationId, responsibleUserId: caseworker.user.id },
        ],
      }),
    ).expect(400);
    expect(refs.body.error.details).toEqual([
      { field: 'actions.0.organisationId', message: 'must be an active organisation' },
      { field: 'actions.1.responsibleUserId', message: 'must be an active user of the case’s province' },
    ]);

    await api.http.put(`/api/v1/cases/not-a-uuid/plan`).set(caseworker.auth).send(planBody(kase.version)).expect(400);
    await api.http.post(`/api/v1/cases/${kase.id}/plan/reject`).set(supervisor.auth).send({ version: kase.version, comment: '' }).expect(400);

    expect(await caseVersion(kase.id)).toBe(kase.version);
    const [row] = await api.db.query(`SELECT count(*)::int AS n FROM plan WHERE case_id = $1`, [kase.id]);
    expect(row.n).toBe(0);
  });

  it('the OpenAPI document describes the plan routes with response DTOs', async () => {
    const doc = (await api.http.get('/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/cases/{id}/plan',
        '/api/v1/cases/{id}/plan/submit',
        '/api/v1/cases/{id}/plan/approve',
        '/api/v1/cases/{id}/plan/reject',
        '/api/v1/cases/{id}/plan/versions',
      ]),
    );
    expect(doc.paths['/api/v1/cases/{id}/plan'].put.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/PlanResponseDto');
    expect(doc.components.schemas.PlanActionInputDto.required).toEqual(expect.arrayContaining(['serviceType', 'description', 'dueAt']));
  });
});
