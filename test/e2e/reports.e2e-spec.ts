import { Role } from '@haven/domain';
import { DeadlineRollupService } from '@haven/reports';
import { startApi, TestApi } from '../support/app';
import { newReport } from '../support/case-steps';
import { openCase } from '../support/cases';
import { KIM_LONG, PHU_XUAN, signedIn } from '../support/factories';
import { partnerOf } from '../support/referrals';
import { ReportWorld, seedReportWorld } from '../support/report-seed';

const HALF = 'from=2026-01-01&to=2026-06-30';
const H = 3600;

describe('Reports (issue 6) on a hand-built seed with known answers', () => {
  let api: TestApi;
  let w: ReportWorld;

  beforeAll(async () => {
    api = await startApi();
    w = await seedReportWorld(api);
  });
  afterAll(() => api.close());

  const get = (path: string, who: { auth: { Authorization: string } }) => api.http.get(`/api/v1/reports/${path}`).set(who.auth);

  describe('caseload', () => {
    it('groups a province’s open cases by commune, with overdue counts', async () => {
      const res = await get('caseload?groupBy=commune', w.manager).expect(200);
      expect(res.body.groups).toEqual([
        { communeCode: PHU_XUAN, communeName: expect.any(String), open: 3, overdue: 1 },
        { communeCode: KIM_LONG, communeName: expect.any(String), open: 1, overdue: 1 },
      ]);
      expect(res.body.total).toEqual({ open: 4, overdue: 2 });
    });

    it('combines groups: assignee and stage', async () => {
      const res = await get('caseload?groupBy=assignee,stage', w.manager).expect(200);
      const rows = res.body.groups.map((g: Record<string, unknown>) => [g.assigneeId, g.stage, g.open, g.overdue]);
      expect(rows).toHaveLength(4);
      expect(rows).toEqual(
        expect.arrayContaining([
          [null, 'intake', 1, 1],
          [w.caseworkerA1.id, 'assessment', 1, 0],
          [w.caseworkerA1.id, 'intervention', 1, 1],
          [w.caseworkerA2.id, 'planning', 1, 0],
        ]),
      );
    });

    it('groups by risk level (null: not assessed) and filters like the lists', async () => {
      const res = await get('caseload?groupBy=riskLevel', w.manager).expect(200);
      expect(res.body.groups).toEqual(
        [
          { riskLevel: 'high', open: 1, overdue: 1 },
          { riskLevel: 'medium', open: 1, overdue: 0 },
          { riskLevel: null, open: 2, overdue: 1 },
        ].sort((a, b) => String(a.riskLevel ?? '').localeCompare(String(b.riskLevel ?? ''))),
      );
      const neglect = await get('caseload?concernType=neglect', w.manager).expect(200);
      expect(neglect.body.total).toEqual({ open: 2, overdue: 1 });
    });

    it('compares each caseworker with the commune’s average, counting caseworkers without cases', async () => {
      const res = await get('caseload', w.manager).expect(200);
      const load = Object.fromEntries(res.body.caseworkers.map((c: Record<string, unknown>) => [c.assigneeId, c]));
      expect(load[w.caseworkerA1.id]).toMatchObject({ communeCode: PHU_XUAN, open: 2, overdue: 1, communeAverage: 1.5, ratioToAverage: 1.33 });
      expect(load[w.caseworkerA2.id]).toMatchObject({ communeCode: PHU_XUAN, open: 1, overdue: 0, communeAverage: 1.5, ratioToAverage: 0.67 });
      expect(load[w.caseworkerB.id]).toMatchObject({ communeCode: KIM_LONG, open: 0, overdue: 0, communeAverage: 0, ratioToAverage: null });
    });

    it('a supervisor counts their communes only', async () => {
      const a = await get('caseload?groupBy=commune', w.supervisorA).expect(200);
      expect(a.body.groups).toEqual([{ communeCode: PHU_XUAN, communeName: expect.any(String), open: 3, overdue: 1 }]);
      expect(a.body.caseworkers.map((c: { communeCode: string }) => c.communeCode)).toEqual([PHU_XUAN, PHU_XUAN]);
      const b = await get('caseload?groupBy=commune', w.supervisorB).expect(200);
      expect(b.body.groups).toEqual([{ communeCode: KIM_LONG, communeName: expect.any(String), open: 1, overdue: 1 }]);
      // Asking for another commune narrows to nothing rather than widening the scope.
      const other = await get(`caseload?communeCode=${KIM_LONG}`, w.supervisorA).expect(200);
      expect(other.body.total).toEqual({ open: 0, overdue: 0 });
      expect(other.body.caseworkers).toEqual([]);
    });

    it('another province’s manager sees nothing of it', async () => {
      const res = await get('caseload?groupBy=commune', w.otherManager).expect(200);
      expect(res.body.groups).toEqual([]);
      expect(res.body.caseworkers).toEqual([]);
    });
  });

  describe('response times', () => {
    it('gives p50 / p90, on-time share and open overdue per deadline kind', async () => {
      const res = await get(`response-times?${HALF}`, w.manager).expect(200);
      expect(res.body.from).toBe('2025-12-31T17:00:00.000Z');
      expect(res.body.to).toBe('2026-06-30T17:00:00.000Z');
      const byKind = Object.fromEntries(res.body.rows.map((r: { kind: string }) => [r.kind, r]));
      expect(Object.keys(byKind).sort()).toEqual(['initial_assessment', 'plan_submission', 'referral_response']);
      // Durations 2 h, 4 h, 6 h and 24 h (late), each the lower bound of its bucket: the median is not interpolated.
      expect(byKind.initial_assessment).toEqual({
        kind: 'initial_assessment',
        total: 4,
        met: 4,
        metOnTime: 3,
        metLate: 1,
        openOverdue: 0,
        openNotDue: 0,
        cancelled: 0,
        onTimeRate: 0.75,
        p50Seconds: 4 * H,
        p90Seconds: 24 * H,
      });
      // 10 days 1 hour falls in the bucket starting at 10 days.
      expect(byKind.plan_submission).toMatchObject({ total: 1, met: 1, metOnTime: 0, metLate: 1, onTimeRate: 0, p50Seconds: 240 * H, p90Seconds: 240 * H });
      // The referral never answered is open and overdue; the withdrawn one is left out of the rate.
      expect(byKind.referral_response).toMatchObject({ total: 2, met: 0, openOverdue: 1, cancelled: 1, onTimeRate: 0, p50Seconds: null, p90Seconds: null });
    });

    it('groups by commune and month', async () => {
      const res = await get(`response-times?${HALF}&groupBy=commune,month&kind=initial_assessment`, w.manager).expect(200);
      expect(res.body.rows.map((r: Record<string, unknown>) => [r.communeCode, r.month, r.total, r.metOnTime, r.p50Seconds])).toEqual([
        [PHU_XUAN, '2026-01', 1, 1, 2 * H],
        [PHU_XUAN, '2026-02', 1, 1, 6 * H],
        [PHU_XUAN, '2026-03', 1, 0, 24 * H],
        [KIM_LONG, '2026-03', 1, 1, 4 * H],
      ]);
    });

    it('a supervisor’s numbers come from their communes only', async () => {
      const res = await get(`response-times?${HALF}`, w.supervisorA).expect(200);
      const byKind = Object.fromEntries(res.body.rows.map((r: { kind: string }) => [r.kind, r]));
      expect(byKind.initial_assessment).toMatchObject({ total: 3, met: 3, metOnTime: 2, p50Seconds: 6 * H, p90Seconds: 24 * H });
      expect(byKind.referral_response).toMatchObject({ total: 1, openOverdue: 1, cancelled: 0 });
      const b = await get(`response-times?${HALF}`, w.supervisorB).expect(200);
      expect(b.body.rows.map((r: { kind: string; total: number }) => [r.kind, r.total])).toEqual([
        ['initial_assessment', 1],
        ['referral_response', 1],
      ]);
    });

    it('the period bounds by when deadlines started counting', async () => {
      const july = await get('response-times?from=2026-07-01&to=2026-07-31', w.manager).expect(200);
      expect(july.body.rows).toEqual([expect.objectContaining({ kind: 'initial_assessment', total: 1, openOverdue: 1, met: 0 })]);
    });
  });

  describe('statistics', () => {
    it('counts cases and distinct children by every breakdown', async () => {
      const res = await get(`statistics?${HALF}`, w.manager).expect(200);
      expect(res.body.totals).toEqual({ newCases: 4, newChildren: 3, reopened: 1, closed: 3, openDuring: 5, openAtEnd: 3 });
      const b = res.body.breakdowns;
      const rows = (dim: string) => Object.fromEntries(b[dim].map((r: { value: string; cases: number; children: number }) => [r.value, [r.cases, r.children]]));
      // The case with two concern types counts under each; the child with two cases once in children.
      expect(rows('concernType')).toEqual({ physical_violence: [1, 1], neglect: [2, 1], sexual_abuse: [1, 1], labour_exploitation: [1, 1] });
      expect(rows('sex')).toEqual({ female: [3, 2], male: [1, 1] });
      expect(b.ageGroup.map((r: { value: string }) => r.value)).toEqual(['0-5', '11-15', '16-17'].sort((x, y) => parseInt(x) - parseInt(y)));
      expect(rows('ageGroup')).toEqual({ '0-5': [2, 1], '11-15': [1, 1], '16-17': [1, 1] });
      expect(rows('commune')).toEqual({ [PHU_XUAN]: [3, 2], [KIM_LONG]: [1, 1] });
      expect(b.commune.every((r: { label: string }) => r.label.length > 0)).toBe(true);
      expect(rows('month')).toEqual({ '2026-01': [1, 1], '2026-02': [1, 1], '2026-03': [2, 2] });
      expect(rows('specialCircumstance')).toEqual({ b: [2, 1], none: [1, 1], d: [1, 1], i: [1, 1] });
      expect(res.body.closureReasons).toEqual([
        { reason: 'resolved', cases: 1 },
        { reason: 'transferred', cases: 1 },
        { reason: 'unfounded', cases: 1 },
      ]);
    });

    it('answers only the breakdowns asked for, and narrows to a commune', async () => {
      const res = await get(`statistics?${HALF}&by=sex&communeCode=${KIM_LONG}`, w.manager).expect(200);
      expect(Object.keys(res.body.breakdowns)).toEqual(['sex']);
      expect(res.body.breakdowns.sex).toEqual([{ value: 'female', cases: 1, children: 1 }]);
      expect(res.body.totals).toEqual({ newCases: 1, newChildren: 1, reopened: 0, closed: 1, openDuring: 1, openAtEnd: 0 });
    });

    it('is for managers; another province’s manager counts nothing here', async () => {
      await get(`statistics?${HALF}`, w.supervisorA).expect(403);
      const other = await get(`statistics?${HALF}`, w.otherManager).expect(200);
      expect(other.body.totals).toEqual({ newCases: 0, newChildren: 0, reopened: 0, closed: 0, openDuring: 0, openAtEnd: 0 });
      expect(other.body.closureReasons).toEqual([]);
    });
  });

  describe('every report agrees with a direct count over the same seed', () => {
    it('caseload, response times and statistics', async () => {
      const one = async (sql: string, params: unknown[] = []) => Number((await api.db.query(sql, params))[0].n);
      const caseload = await get('caseload', w.manager).expect(200);
      expect(caseload.body.total.open).toBe(await one(`SELECT count(*) AS n FROM "case" WHERE province_code = '46' AND stage <> 'closed'`));
      expect(caseload.body.total.overdue).toBe(
        await one(
          `SELECT count(DISTINCT c.id) AS n FROM "case" c JOIN deadline d ON d.case_id = c.id AND d.status = 'open' AND d.due_at < now() WHERE c.stage <> 'closed'`,
        ),
      );
      const stats = await get(`statistics?${HALF}`, w.manager).expect(200);
      const period = ['2025-12-31T17:00:00Z', '2026-06-30T17:00:00Z'];
      expect(stats.body.totals.newCases).toBe(await one(`SELECT count(*) AS n FROM "case" WHERE received_at >= $1 AND received_at < $2`, period));
      expect(stats.body.totals.newChildren).toBe(
        await one(`SELECT count(DISTINCT child_id) AS n FROM "case" WHERE received_at >= $1 AND received_at < $2`, period),
      );
      // Closures and reopenings straight from the timeline, not from case_episode.
      expect(stats.body.totals.closed).toBe(
        await one(
          `SELECT count(*) AS n FROM case_event WHERE type = 'closure.approved' AND (payload->>'closedAt')::timestamptz >= $1 AND (payload->>'closedAt')::timestamptz < $2`,
          period,
        ),
      );
      expect(stats.body.totals.reopened).toBe(await one(`SELECT count(*) AS n FROM case_event WHERE type = 'case.reopened' AND at >= $1 AND at < $2`, period));
      const times = await get(`response-times?${HALF}`, w.manager).expect(200);
      const total = times.body.rows.reduce((n: number, r: { total: number }) => n + r.total, 0);
      expect(total).toBe(await one(`SELECT count(*) AS n FROM deadline WHERE counted_from >= $1 AND counted_from < $2`, period));
    });
  });

  describe('the commands record what the reports count', () => {
    it('intake counts deadlines from the receipt; closing and reopening over HTTP keep the case’s episodes', async () => {
      const supervisor = await signedIn(api, Role.Supervisor, { communeCodes: [PHU_XUAN] });
      const receivedAt = new Date(Date.now() - 3 * 3600_000);
      receivedAt.setMilliseconds(0);
      const kase = await openCase(api, supervisor.auth, { receivedAt: receivedAt.toISOString() });
      const [initial] = await api.db.query(`SELECT counted_from, opened_at FROM deadline WHERE case_id = $1 AND kind = 'initial_assessment'`, [kase.id]);
      expect(new Date(initial.counted_from).toISOString()).toBe(receivedAt.toISOString());
      expect(new Date(initial.opened_at).getTime()).toBeGreaterThan(receivedAt.getTime());

      // Closed (requested by the assignee, approved by a supervisor) and reopened by a manager, over HTTP.
      const caseworker = await signedIn(api, Role.Caseworker, { communeCodes: [PHU_XUAN] });
      const assigned = await api.http
        .post(`/api/v1/cases/${kase.id}/assignment`)
        .set(supervisor.auth)
        .send({ assigneeId: caseworker.user.id, version: kase.version });
      expect(assigned.status).toBe(200);
      const requested = await api.http
        .post(`/api/v1/cases/${kase.id}/closure`)
        .set(caseworker.auth)
        .send({ reason: 'duplicate', note: 'Reported twice', version: assigned.body.version });
      expect(requested.status).toBe(200);
      const approved = await api.http.post(`/api/v1/cases/${kase.id}/closure/approve`).set(supervisor.auth).send({ version: requested.body.version });
      expect(approved.status).toBe(200);
      const reopened = await api.http
        .post(`/api/v1/cases/${kase.id}/reopen`)
        .set(w.manager.auth)
        .send({ ...newReport(), reason: 'Not a duplicate after all', version: approved.body.version });
      expect(reopened.status).toBe(200);

      const episodes: { seq: number; opened_at: Date; closed_at: Date | null; closure_reason: string | null }[] = await api.db.query(
        `SELECT seq, opened_at, closed_at, closure_reason FROM case_episode WHERE case_id = $1 ORDER BY seq`,
        [kase.id],
      );
      expect(episodes.map((e) => [e.seq, e.closure_reason, e.closed_at === null])).toEqual([
        [1, 'duplicate', false],
        [2, null, true],
      ]);
      expect(new Date(episodes[0].opened_at).toISOString()).toBe(receivedAt.toISOString());
      expect(new Date(episodes[1].opened_at).getTime()).toBeGreaterThanOrEqual(new Date(episodes[0].closed_at as Date).getTime());
    });
  });
});

describe('Reports refuse bad input and the wrong callers', () => {
  let api: TestApi;
  let manager: { auth: { Authorization: string } };

  beforeAll(async () => {
    api = await startApi();
    manager = await signedIn(api, Role.Manager);
  });
  afterAll(() => api.close());

  it.each([
    ['caseload?groupBy=commune,colour', 'groupBy'],
    ['caseload?stage=closed', 'stage'],
    ['caseload?assigneeId=42', 'assigneeId'],
    ['response-times?groupBy=week', 'groupBy'],
    ['response-times?from=2026-02-30', 'from'],
    ['response-times?from=2026-01-01T08:00:00', 'from'],
    ['response-times?from=2026-03-01&to=2026-02-01', 'from'],
    ['statistics?from=2000-01-01&to=2026-01-01', 'to'],
    ['statistics?by=religion', 'by'],
    ['statistics?childName=x', 'childName'],
  ])('%s answers 400 naming %s', async (path, field) => {
    const res = await api.http.get(`/api/v1/reports/${path}`).set(manager.auth).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('caseworkers may not read reports (403); partners do not see the routes (404)', async () => {
    const caseworker = await signedIn(api, Role.Caseworker);
    await api.http.get('/api/v1/reports/caseload').set(caseworker.auth).expect(403);
    const [org] = await api.db.query(
      `INSERT INTO organisation (name, type, service_types, province_code) VALUES ('Counselling', 'counselling', '{psychological}', '46') RETURNING id`,
    );
    const partner = await partnerOf(api, org.id);
    await api.http.get('/api/v1/reports/caseload').set(partner.auth).expect(404);
    await api.http.get('/api/v1/reports/statistics/export?format=csv').set(partner.auth).expect(404);
  });
});

describe('The response-time rollup (folded by the worker) changes no number', () => {
  let api: TestApi;
  let w: ReportWorld;

  beforeAll(async () => {
    api = await startApi();
    w = await seedReportWorld(api);
  });
  afterAll(() => api.close());

  const QUERIES = [
    `response-times?${HALF}`,
    `response-times?${HALF}&groupBy=commune,month`,
    'response-times?from=2026-02-10&to=2026-03-05&groupBy=month',
    'response-times?from=2026-01-15T00:00:00%2B07:00&to=2026-04-01T00:00:00%2B07:00&groupBy=commune',
  ];
  const answers = async (who = w.manager) =>
    Promise.all(QUERIES.map(async (q) => (await api.http.get(`/api/v1/reports/${q}`).set(who.auth).expect(200)).body.rows));

  it('answers the same before and after folding, for whole months and for the edges of a period', async () => {
    const before = await answers();
    const beforeSupervisor = await answers(w.supervisorA);
    const rollup = api.app.get(DeadlineRollupService);
    // Five met and one cancelled deadline are folded; open ones never are.
    expect(await rollup.foldPending(4, 10)).toEqual({ folded: 6, batches: 2 });
    expect(await rollup.foldPending(4, 10)).toEqual({ folded: 0, batches: 1 });
    const [{ n }] = await api.db.query(`SELECT sum(n)::int AS n FROM deadline_rollup`);
    expect(n).toBe(6);
    expect(await answers()).toEqual(before);
    expect(await answers(w.supervisorA)).toEqual(beforeSupervisor);
  });

  it('reads whole months from the rollup, and a folded deadline can no longer change', async () => {
    await api.app.get(DeadlineRollupService).foldPending(100, 1);
    // A row added to the rollup alone shows up: the report really reads it for whole months.
    await api.db.query(
      `INSERT INTO deadline_rollup (province_code, month, kind, commune_code, outcome, bucket, n) VALUES ('46', '2026-02-01', 'review', $1, 'met_late', 3600, 2)`,
      [PHU_XUAN],
    );
    const res = await api.http.get(`/api/v1/reports/response-times?${HALF}&kind=review`).set(w.manager.auth).expect(200);
    expect(res.body.rows).toEqual([expect.objectContaining({ kind: 'review', total: 2, met: 2, metLate: 2, p50Seconds: 3600 })]);
    await expect(
      api.db.query(`UPDATE deadline SET met_at = met_at + interval '1 day' WHERE id = (SELECT id FROM deadline WHERE rolled_up LIMIT 1)`),
    ).rejects.toThrow(/rollup/);
  });
});
