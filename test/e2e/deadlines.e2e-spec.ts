import { DeadlineRulesService, DeadlinesService } from '@haven/deadlines';
import { Role } from '@haven/domain';
import { startApi, testQueuePrefix, TestApi } from '../support/app';
import { openCase, OpenedCase, recordAssessment } from '../support/cases';
import { caseSteps } from '../support/case-steps';
import { noticeCounts, secondsPolicy, setPolicy, sleep, waitFor } from '../support/deadlines';
import { HUE, KIM_LONG, PHU_XUAN, signedIn, SignedIn } from '../support/factories';
import { newOrganisation, partnerOf, recordSharingConsent, referralBody } from '../support/referrals';
import { startWorker, TestWorker } from '../support/worker';

const BASE = '/api/v1';
/** Initial assessment due 8 s after receipt: reminder at 4 s, escalation 1 at 8 s, escalation 2 at 12 s. */
const POLICY = { duration: 8, reminder: 4, grace: 4 };

describe('deadlines: reminders and escalations through BullMQ (policy in seconds)', () => {
  let api: TestApi;
  let worker: TestWorker;
  let admin: SignedIn;
  let caseworker: SignedIn;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let farSupervisor: SignedIn;
  let manager: SignedIn;
  let otherManager: SignedIn;

  const deadlineOf = async (caseId: string, kind: string): Promise<{ id: string; due_at: Date }> =>
    (await api.db.query(`SELECT id, due_at FROM deadline WHERE case_id = $1 AND kind = $2`, [caseId, kind]))[0];
  const timelineOf = async (caseId: string) =>
    (await api.http.get(`${BASE}/cases/${caseId}/timeline`).set(supervisor.auth).expect(200)).body as {
      type: string;
      actorId: string | null;
      payload: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    const env = { QUEUE_PREFIX: testQueuePrefix() };
    api = await startApi(env);
    worker = await startWorker(env, { databaseUrl: api.databaseUrl });
    [admin, caseworker, supervisor, otherSupervisor, farSupervisor, manager, otherManager] = await Promise.all([
      signedIn(api, Role.Admin),
      signedIn(api, Role.Caseworker),
      signedIn(api, Role.Supervisor),
      signedIn(api, Role.Supervisor),
      signedIn(api, Role.Supervisor, { communeCodes: [KIM_LONG] }),
      signedIn(api, Role.Manager),
      signedIn(api, Role.Manager),
    ]);
    // A manager of another province must never hear of Huế's cases.
    await signedIn(api, Role.Manager, { provinceCode: '01' });
    await setPolicy(api, admin.auth, secondsPolicy(POLICY));
  }, 60_000);
  afterAll(async () => {
    await worker?.app.close();
    await api?.close();
  });

  it('reminds the assignee, escalates to the commune’s supervisors, then to the province’s managers: each exactly once, each on the timeline', async () => {
    const kase: OpenedCase = await openCase(api, supervisor.auth, { assigneeId: caseworker.user.id, receivedAt: new Date().toISOString() });
    const deadline = await deadlineOf(kase.id, 'initial_assessment');
    expect(deadline).toBeDefined();

    const escalated = () => noticeCounts(api.db, `dedupe_key = $1`, [`${deadline.id}:escalation:2`]);
    await waitFor('escalation 2', async () => (await escalated()).length === 2, 25_000);
    // Past the last step: nothing more may come (a late duplicate would show here).
    await sleep(1_500);

    const counts = await noticeCounts(api.db, `case_id = $1 AND dedupe_key LIKE $2`, [kase.id, `${deadline.id}:%`]);
    const expected = [
      ...[supervisor, otherSupervisor].map((p) => ({ step: 'escalation:1', recipient_id: p.user.id })),
      ...[manager, otherManager].map((p) => ({ step: 'escalation:2', recipient_id: p.user.id })),
      { step: 'reminder:0', recipient_id: caseworker.user.id },
    ];
    const key = (r: { step: string; recipient_id: string }) => `${r.step} ${r.recipient_id}`;
    expect(counts.map(key).sort()).toEqual(expected.map(key).sort());
    expect(counts.every((c) => c.n === 1 && c.deadline_id === deadline.id)).toBe(true);
    expect(counts.some((c) => c.recipient_id === farSupervisor.user.id)).toBe(false);

    // The inbox says it too, with the case number and no child's name.
    const inbox = (await api.http.get(`${BASE}/me/notifications`).set(caseworker.auth).expect(200)).body;
    const reminder = inbox.items.find((n: { data: Record<string, unknown> }) => n.data.deadlineId === deadline.id);
    expect(reminder).toMatchObject({ kind: 'deadline.reminder', caseId: kase.id, caseNumber: kase.caseNumber });
    expect(JSON.stringify(reminder)).not.toContain('Nguyễn');

    const events = (await timelineOf(kase.id)).filter((e) => e.type.startsWith('deadline.'));
    expect(events.map((e) => [e.type, e.payload.step, e.payload.level, e.actorId])).toEqual([
      ['deadline.reminder', 'reminder:0', 0, null],
      ['deadline.escalated', 'escalation:1', 1, null],
      ['deadline.escalated', 'escalation:2', 2, null],
    ]);
    expect(events[0].payload).toEqual({
      deadlineId: deadline.id,
      kind: 'initial_assessment',
      step: 'reminder:0',
      level: 0,
      dueAt: deadline.due_at.toISOString(),
    });

    const [row] = await api.db.query(`SELECT status, escalation_level, next_step, next_step_at FROM deadline WHERE id = $1`, [deadline.id]);
    expect(row).toEqual({ status: 'open', escalation_level: 2, next_step: null, next_step_at: null });
  }, 45_000);

  it('meeting the deadline (the initial assessment) cancels what would have followed', async () => {
    const kase = await openCase(api, supervisor.auth, { assigneeId: caseworker.user.id, receivedAt: new Date().toISOString() });
    const deadline = await deadlineOf(kase.id, 'initial_assessment');
    // The reminder comes; then the caseworker does the work before the due time.
    await waitFor('the reminder', async () => (await noticeCounts(api.db, `dedupe_key = $1`, [`${deadline.id}:reminder:0`])).length === 1, 15_000);
    const detail = (await api.http.get(`${BASE}/cases/${kase.id}`).set(supervisor.auth).expect(200)).body;
    await recordAssessment(api, caseworker.auth, kase.id, detail.version, 'initial');
    const [met] = await api.db.query(`SELECT status, met_at IS NOT NULL AS met, next_step FROM deadline WHERE id = $1`, [deadline.id]);
    expect(met).toEqual({ status: 'met', met: true, next_step: null });

    // Past where escalation 2 would have been: only the reminder was ever sent.
    await sleep(Math.max(0, deadline.due_at.getTime() + POLICY.grace * 1000 + 2_000 - Date.now()));
    const counts = await noticeCounts(api.db, `dedupe_key LIKE $1`, [`${deadline.id}:%`]);
    expect(counts).toEqual([{ deadline_id: deadline.id, step: 'reminder:0', recipient_id: caseworker.user.id, n: 1 }]);
    const events = (await timelineOf(kase.id)).filter((e) => e.type.startsWith('deadline.'));
    expect(events.map((e) => e.payload.step)).toEqual(['reminder:0']);
  }, 45_000);

  it('a referral owes an answer: the partner is reminded; answering meets it, withdrawing cancels it', async () => {
    const org = await newOrganisation(api, admin.auth);
    const [partner, colleague] = [await partnerOf(api, org.id), await partnerOf(api, org.id)];
    const kase = await openCase(api, supervisor.auth, { assigneeId: caseworker.user.id });
    await recordSharingConsent(api, caseworker.auth, kase.id);
    const refer = async (organisationId: string, urgency: string) =>
      (await api.http.post(`${BASE}/cases/${kase.id}/referrals`).set(caseworker.auth).send(referralBody(organisationId, { urgency })).expect(201)).body;
    const deadlineOfReferral = async (referralId: string) =>
      (await api.db.query(`SELECT id, kind, variant, status, owner_id, due_at FROM deadline WHERE referral_id = $1`, [referralId]))[0];

    // An emergency referral: 8 s here (4 hours by default); nobody in person owes it, the partner organisation does.
    const urgent = await refer(org.id, 'emergency');
    const owed = await deadlineOfReferral(urgent.id);
    expect(owed).toMatchObject({ kind: 'referral_response', variant: 'emergency', status: 'open', owner_id: null });
    await waitFor('the partner’s reminder', async () => (await noticeCounts(api.db, `dedupe_key = $1`, [`${owed.id}:reminder:0`])).length === 2, 15_000);
    const reminded = await noticeCounts(api.db, `dedupe_key = $1`, [`${owed.id}:reminder:0`]);
    expect(reminded.map((c) => c.recipient_id).sort()).toEqual([partner.user.id, colleague.user.id].sort());
    await api.http.post(`${BASE}/referrals/${urgent.id}/accept`).set(partner.auth).send({ version: urgent.version }).expect(200);
    expect(await deadlineOfReferral(urgent.id)).toMatchObject({ status: 'met' });

    // A normal referral, withdrawn before any answer: its deadline is cancelled.
    const normal = await refer((await newOrganisation(api, admin.auth)).id, 'normal');
    expect(await deadlineOfReferral(normal.id)).toMatchObject({ variant: 'standard', status: 'open' });
    await api.http.post(`${BASE}/referrals/${normal.id}/cancel`).set(caseworker.auth).send({ reason: 'Family moved', version: normal.version }).expect(200);
    expect(await deadlineOfReferral(normal.id)).toMatchObject({ status: 'cancelled' });

    await sleep(Math.max(0, owed.due_at.getTime() + POLICY.grace * 1000 + 1_500 - Date.now()));
    expect((await noticeCounts(api.db, `dedupe_key LIKE $1`, [`${owed.id}:%`])).map((c) => c.step)).toEqual(['reminder:0', 'reminder:0']);
  }, 45_000);

  it('case commands open, meet, move and cancel deadlines in their transaction, and keep next_due_at', async () => {
    const other = await signedIn(api, Role.Caseworker);
    const steps = caseSteps(api, { supervisor, caseworker });
    const rows = async (caseId: string) =>
      (await api.db.query(`SELECT kind, status, owner_id, variant, due_at, opened_at FROM deadline WHERE case_id = $1 ORDER BY opened_at, kind`, [caseId])) as {
        kind: string;
        status: string;
        owner_id: string | null;
        variant: string;
        due_at: Date;
        opened_at: Date;
      }[];
    const open = async (caseId: string) => (await rows(caseId)).filter((r) => r.status === 'open');

    // Intervention: initial assessment met, plan submitted (met) and approved (met); a review and the plan's action open.
    const kase = await steps.interventionCase();
    const byKind = Object.fromEntries((await rows(kase.id)).map((r) => [r.kind, r.status]));
    expect(byKind).toMatchObject({ initial_assessment: 'met', plan_submission: 'met', plan_approval: 'met', review: 'open', plan_action: 'open' });
    const review = (await open(kase.id)).find((r) => r.kind === 'review')!;
    // The fixture's assessments say high risk: 30 days from the approval.
    expect(review.variant).toBe('high_risk');

    // A risk level that changes while the review is open recomputes it from the same approval: 90 days at low risk.
    const rules = await api.app.get(DeadlineRulesService).load(HUE);
    const recomputed = await api.db.transaction((m) =>
      api.app
        .get(DeadlinesService)
        .apply(
          m,
          { id: kase.id, provinceCode: HUE, communeCode: PHU_XUAN },
          { open: [], meet: [], cancel: [], recompute: [{ kind: 'review', riskLevel: 'low' }] },
          { ...rules, now: new Date() },
        ),
    );
    const moved = (await open(kase.id)).find((r) => r.kind === 'review')!;
    expect(moved).toMatchObject({ variant: 'standard', opened_at: review.opened_at });
    expect(moved.due_at.getTime()).toBeGreaterThan(review.due_at.getTime());
    expect(recomputed.scheduled).toEqual([expect.objectContaining({ step: 'reminder:0', dueAtMs: moved.due_at.getTime() })]);

    // A review assessment meets the review and opens the next one, counted from it.
    const detail = (await api.http.get(`${BASE}/cases/${kase.id}`).set(supervisor.auth).expect(200)).body;
    const reviewed = await steps.assess(kase.id, detail.version, 'review', { stillAtRisk: false, riskLevel: 'low' });
    expect(reviewed.status).toBe(201);
    const next = (await open(kase.id)).find((r) => r.kind === 'review')!;
    expect(next.variant).toBe('standard');
    expect(next.opened_at.getTime()).toBeGreaterThan(review.opened_at.getTime());
    expect((await rows(kase.id)).filter((r) => r.kind === 'review').map((r) => r.status)).toEqual(['met', 'open']);

    // Reassigning moves what the caseworker owed to the new assignee.
    const assigned = await api.http
      .post(`${BASE}/cases/${kase.id}/assignment`)
      .set(supervisor.auth)
      .send({ assigneeId: other.user.id, version: reviewed.body.version })
      .expect(200);
    expect((await open(kase.id)).map((r) => r.owner_id)).toEqual((await open(kase.id)).map(() => other.user.id));
    const [{ next_due_at }] = await api.db.query(`SELECT next_due_at FROM "case" WHERE id = $1`, [kase.id]);
    expect(next_due_at).toEqual(new Date(Math.min(...(await open(kase.id)).map((r) => r.due_at.getTime()))));

    // Closing the case cancels everything still open.
    const requested = await api.http
      .post(`${BASE}/cases/${kase.id}/closure`)
      .set(other.auth)
      .send({ reason: 'resolved', note: 'Safe and stable', version: assigned.body.version })
      .expect(200);
    await api.http.post(`${BASE}/cases/${kase.id}/closure/approve`).set(supervisor.auth).send({ version: requested.body.version }).expect(200);
    expect(await open(kase.id)).toEqual([]);
    expect((await api.db.query(`SELECT next_due_at FROM "case" WHERE id = $1`, [kase.id]))[0].next_due_at).toBeNull();
  }, 45_000);

  describe('visibility', () => {
    let kase: OpenedCase;

    beforeAll(async () => {
      kase = await openCase(api, supervisor.auth, {
        assigneeId: caseworker.user.id,
        receivedAt: new Date(Date.now() - 3600_000).toISOString(),
        incident: { concernTypes: ['neglect'], communeCode: '19753', description: 'x', immediateDanger: true },
      });
    });

    it('POST /cases and GET /cases/:id answer the open deadlines and the earliest due time', async () => {
      const detail = (await api.http.get(`${BASE}/cases/${kase.id}`).set(caseworker.auth).expect(200)).body;
      expect(detail.openDeadlines.map((d: { kind: string }) => d.kind).sort()).toEqual(['emergency_measures', 'initial_assessment', 'plan_submission']);
      expect(detail.openDeadlines[0]).toMatchObject({ status: 'open', overdue: true, owner: { id: caseworker.user.id }, caseNumber: kase.caseNumber });
      expect(detail.nextDueAt).toBe(detail.openDeadlines[0].dueAt);
      expect((kase as unknown as { openDeadlines: unknown[] }).openDeadlines).toHaveLength(3);
    });

    it('GET /cases/:id/deadlines: staff in scope; others 404', async () => {
      const res = await api.http.get(`${BASE}/cases/${kase.id}/deadlines`).set(supervisor.auth).expect(200);
      expect(res.body).toHaveLength(3);
      expect(res.body[0]).toEqual(
        expect.objectContaining({ caseId: kase.id, status: 'open', variant: 'standard', escalationLevel: expect.any(Number), dueAt: expect.any(String) }),
      );
      await api.http.get(`${BASE}/cases/${kase.id}/deadlines`).set(farSupervisor.auth).expect(404);
      await api.http.get(`${BASE}/cases/${kase.id}/deadlines`).set(admin.auth).expect(403);
    });

    it('GET /deadlines: a supervisor’s communes, a manager’s province; overdue first, filters', async () => {
      const mine = (await api.http.get(`${BASE}/deadlines?pageSize=100`).set(supervisor.auth).expect(200)).body;
      expect(mine.total).toBeGreaterThanOrEqual(3);
      const overdueFlags = mine.items.map((d: { overdue: boolean }) => d.overdue);
      expect(overdueFlags).toEqual([...overdueFlags].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
      expect((await api.http.get(`${BASE}/deadlines`).set(farSupervisor.auth).expect(200)).body.total).toBe(0);
      const managerView = (await api.http.get(`${BASE}/deadlines?kind=emergency_measures&overdue=true`).set(manager.auth).expect(200)).body;
      expect(managerView.items.map((d: { caseId: string }) => d.caseId)).toContain(kase.id);
      expect(managerView.items.every((d: { kind: string; overdue: boolean }) => d.kind === 'emergency_measures' && d.overdue)).toBe(true);
      const byOwner = (await api.http.get(`${BASE}/deadlines?assigneeId=${caseworker.user.id}&communeCode=19753`).set(manager.auth).expect(200)).body;
      expect(byOwner.items.every((d: { owner: { id: string } | null }) => d.owner?.id === caseworker.user.id)).toBe(true);
      await api.http.get(`${BASE}/deadlines`).set(caseworker.auth).expect(403);
      const bad = await api.http.get(`${BASE}/deadlines?kind=nap&overdue=maybe`).set(manager.auth).expect(400);
      expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['kind', 'overdue']);
    });
  });
});
