import { randomUUID } from 'node:crypto';
import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { intakeBody, openCase } from '../support/cases';
import { HUE, KIM_LONG, login, newUser, PHU_XUAN, signedIn, SignedIn } from '../support/factories';

describe('intake (POST /cases)', () => {
  let api: TestApi;
  let supervisor: SignedIn;
  let intake: SignedIn;
  let caseworkerId: string;

  beforeAll(async () => {
    api = await startApi();
    supervisor = await signedIn(api, Role.Supervisor);
    intake = await signedIn(api, Role.IntakeOfficer);
    caseworkerId = (await newUser(api, Role.Caseworker)).id;
  });
  afterAll(() => api.close());

  it('records the report, the new child and a numbered case in stage intake', async () => {
    const res = await api.http
      .post('/api/v1/cases')
      .set(intake.auth)
      .send(intakeBody({ reporter: { relationship: 'neighbour', name: 'Trần Thị Bình', phone: '0901234567', identityConsent: true } }))
      .expect(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        caseNumber: expect.stringMatching(new RegExp(`^${HUE}-\\d{4}-\\d{6}$`)),
        stage: 'intake',
        version: 1,
        communeCode: PHU_XUAN,
        concernTypes: ['neglect'],
        assignee: null,
        reporter: { relationship: 'neighbour', name: 'Trần Thị Bình', phone: '0901234567', identityConsent: true },
        child: expect.objectContaining({ fullName: 'Nguyễn Văn An', sex: 'male', dateOfBirth: '2016-05-04' }),
      }),
    );
    const [row] = await api.db.query(`SELECT count(*)::int AS n FROM child WHERE id = $1`, [res.body.child.id]);
    expect(row.n).toBe(1);
  });

  it('does not keep the reporter’s identity without their consent', async () => {
    const res = await api.http
      .post('/api/v1/cases')
      .set(intake.auth)
      .send(intakeBody({ reporter: { relationship: 'teacher', name: 'Lê Văn Cường', phone: '0907654321', identityConsent: false } }))
      .expect(201);
    expect(res.body.reporter).toEqual({ relationship: 'teacher', identityConsent: false });
    const [row] = await api.db.query(`SELECT reporter FROM "case" WHERE id = $1`, [res.body.id]);
    expect(JSON.stringify(row.reporter)).not.toContain('Cường');
    expect(JSON.stringify(row.reporter)).not.toContain('0907654321');
  });

  it('assigned at intake, the case starts in assessment with its assignee', async () => {
    const res = await openCase(api, supervisor.auth, { assigneeId: caseworkerId });
    expect(res.stage).toBe('assessment');
    expect((res as unknown as { assignee: { id: string } }).assignee.id).toBe(caseworkerId);
  });

  it('reuses a registered child given by id, and 404s a child outside the caller’s scope', async () => {
    const first = await openCase(api, supervisor.auth);
    const second = await openCase(api, supervisor.auth, { child: { id: first.child.id } });
    expect(second.child.id).toBe(first.child.id);
    const elsewhere = await signedIn(api, Role.Supervisor, { communeCodes: [KIM_LONG] });
    const res = await api.http
      .post('/api/v1/cases')
      .set(elsewhere.auth)
      .send(intakeBody({ child: { id: first.child.id } }))
      .expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses a commune outside the caller’s jurisdiction and an ineligible assignee', async () => {
    const other = await api.http
      .post('/api/v1/cases')
      .set(supervisor.auth)
      .send(intakeBody({ child: { fullName: 'Lê Thị Hồng', sex: 'female', dateOfBirth: '2015-01-01', communeCode: KIM_LONG } }))
      .expect(403);
    expect(other.body.error.details[0].field).toBe('child.communeCode');
    const kimLongWorker = await newUser(api, Role.Caseworker, { communeCodes: [KIM_LONG] });
    const res = await api.http
      .post('/api/v1/cases')
      .set(supervisor.auth)
      .send(intakeBody({ assigneeId: kimLongWorker.id }))
      .expect(400);
    expect(res.body.error.details[0].field).toBe('assigneeId');
  });

  it('answers bad input with 400 listing the fields and writes nothing', async () => {
    const [before] = await api.db.query(`SELECT (SELECT count(*) FROM "case")::int AS cases, (SELECT count(*) FROM child)::int AS children`);
    const bad = await api.http
      .post('/api/v1/cases')
      .set(supervisor.auth)
      .send({
        ...intakeBody(),
        channel: 'pigeon',
        receivedAt: 'yesterday',
        incident: { concernTypes: ['bad_luck'], communeCode: '1', description: '', immediateDanger: 'yes' },
        extra: 1,
      })
      .expect(400);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'channel',
        'receivedAt',
        'incident.concernTypes',
        'incident.communeCode',
        'incident.description',
        'incident.immediateDanger',
        'extra',
      ]),
    );
    const badChild = await api.http
      .post('/api/v1/cases')
      .set(supervisor.auth)
      .send(intakeBody({ child: { fullName: '', sex: 'x', communeCode: PHU_XUAN } }))
      .expect(400);
    expect(badChild.body.error.details.every((d: { field: string }) => d.field.startsWith('child.'))).toBe(true);
    const unknownPlace = await api.http
      .post('/api/v1/cases')
      .set(supervisor.auth)
      .send(intakeBody({ incident: { concernTypes: ['neglect'], communeCode: '99999', description: 'x', immediateDanger: false } }))
      .expect(400);
    expect(unknownPlace.body.error.details[0].field).toBe('incident.communeCode');
    const [after] = await api.db.query(`SELECT (SELECT count(*) FROM "case")::int AS cases, (SELECT count(*) FROM child)::int AS children`);
    expect(after).toEqual(before);
  });

  it('honours Idempotency-Key: the same key and body return the first case, even in parallel', async () => {
    const key = randomUUID();
    const body = intakeBody();
    const results = await Promise.all([1, 2, 3].map(() => api.http.post('/api/v1/cases').set(intake.auth).set('Idempotency-Key', key).send(body)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    const [row] = await api.db.query(`SELECT count(*)::int AS n FROM "case" WHERE id = $1`, [results[0].body.id]);
    expect(row.n).toBe(1);
    const other = await api.http
      .post('/api/v1/cases')
      .set(intake.auth)
      .set('Idempotency-Key', key)
      .send(intakeBody({ channel: 'phone' }))
      .expect(409);
    expect(other.body.error.code).toBe('CONFLICT');
    await api.http.post('/api/v1/cases').set(intake.auth).set('Idempotency-Key', 'bad key!').send(body).expect(400);
  });

  it('gives 50 parallel intakes in one province 50 distinct, gap-free case numbers', async () => {
    const before: { n: number }[] = await api.db.query(`SELECT coalesce(max(last_value), 0)::int AS n FROM case_number_counter WHERE province_code = $1`, [
      HUE,
    ]);
    const results = await Promise.all(Array.from({ length: 50 }, () => api.http.post('/api/v1/cases').set(supervisor.auth).send(intakeBody())));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const sequences = results.map((r) => Number(r.body.caseNumber.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(50);
    expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => before[0].n + 1 + i));
    // The number is given last in the transaction: the stored case and its case.opened event carry the one answered.
    const stored: { id: string; case_number: string; event_number: string }[] = await api.db.query(
      `SELECT c.id, c.case_number, e.payload->>'caseNumber' AS event_number FROM "case" c JOIN case_event e ON e.case_id = c.id AND e.type = 'case.opened'
        WHERE c.id = ANY($1::uuid[])`,
      [results.map((r) => r.body.id)],
    );
    expect(stored).toHaveLength(50);
    for (const row of stored) {
      const answered = results.find((r) => r.body.id === row.id)!.body.caseNumber;
      expect([row.case_number, row.event_number]).toEqual([answered, answered]);
    }
  });
});

describe('case scope', () => {
  let api: TestApi;
  let phuXuanCase: { id: string };
  let kimLongCase: { id: string };
  const users: Record<string, SignedIn> = {};

  beforeAll(async () => {
    api = await startApi();
    users.supervisor = await signedIn(api, Role.Supervisor);
    users.kimLongSupervisor = await signedIn(api, Role.Supervisor, { communeCodes: [KIM_LONG] });
    const worker = await newUser(api, Role.Caseworker);
    users.caseworker = await signedIn(api, Role.Caseworker);
    users.assigned = await login(api, worker.username);
    users.manager = await signedIn(api, Role.Manager);
    users.otherManager = await signedIn(api, Role.Manager, { provinceCode: '01' });
    users.intake = await signedIn(api, Role.IntakeOfficer);
    users.admin = await signedIn(api, Role.Admin);
    phuXuanCase = await openCase(api, users.supervisor.auth, { assigneeId: worker.id });
    kimLongCase = await openCase(api, users.kimLongSupervisor.auth, {
      child: { fullName: 'Phan Văn Dũng', sex: 'male', dateOfBirth: '2012-02-02', communeCode: KIM_LONG },
      incident: { concernTypes: ['physical_violence'], communeCode: KIM_LONG, description: 'x', immediateDanger: true },
    });
  });
  afterAll(() => api.close());

  const visible = async (who: string): Promise<string[]> => {
    const res = await api.http.get('/api/v1/cases?pageSize=100').set(users[who].auth);
    if (res.status !== 200) return [`status ${res.status}`];
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items.map((c: { id: string }) => c.id);
  };

  it('supervisors see their communes, managers their province, caseworkers their own cases', async () => {
    expect(await visible('supervisor')).toEqual([phuXuanCase.id]);
    expect(await visible('kimLongSupervisor')).toEqual([kimLongCase.id]);
    expect((await visible('manager')).sort()).toEqual([phuXuanCase.id, kimLongCase.id].sort());
    expect(await visible('otherManager')).toEqual([]);
    expect(await visible('assigned')).toEqual([phuXuanCase.id]);
    expect(await visible('caseworker')).toEqual([]);
    expect(await visible('intake')).toEqual([]);
  });

  it('out of scope reads and writes answer 404, and an admin cannot read case contents', async () => {
    for (const who of ['kimLongSupervisor', 'otherManager', 'caseworker', 'intake']) {
      await api.http.get(`/api/v1/cases/${phuXuanCase.id}`).set(users[who].auth).expect(404);
      await api.http.get(`/api/v1/cases/${phuXuanCase.id}/timeline`).set(users[who].auth).expect(404);
    }
    await api.http
      .post(`/api/v1/cases/${phuXuanCase.id}/assignment`)
      .set(users.kimLongSupervisor.auth)
      .send({ assigneeId: randomUUID(), version: 1 })
      .expect(404);
    await api.http.get(`/api/v1/cases/${phuXuanCase.id}`).set(users.admin.auth).expect(403);
    await api.http.get('/api/v1/cases').set(users.admin.auth).expect(403);
    await api.http.get(`/api/v1/cases/${randomUUID()}`).set(users.manager.auth).expect(404);
  });

  it('an intake officer sees the cases they created until they are assigned', async () => {
    const own = await openCase(api, users.intake.auth);
    expect(await visible('intake')).toEqual([own.id]);
    const worker = await newUser(api, Role.Caseworker);
    await api.http.post(`/api/v1/cases/${own.id}/assignment`).set(users.intake.auth).send({ assigneeId: worker.id, version: 1 }).expect(200);
    expect(await visible('intake')).toEqual([]);
    await api.http.get(`/api/v1/cases/${own.id}`).set(users.intake.auth).expect(404);
  });

  it('filters and sorts lists, with correct totals', async () => {
    const res = await api.http.get('/api/v1/cases?concernType=physical_violence&sort=-openedAt').set(users.manager.auth).expect(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([kimLongCase.id]);
    const byName = await api.http
      .get(`/api/v1/cases?q=${encodeURIComponent('phan van dung')}`)
      .set(users.manager.auth)
      .expect(200);
    expect(byName.body.items.map((c: { id: string }) => c.id)).toEqual([kimLongCase.id]);
    const byStage = await api.http.get('/api/v1/cases?stage=assessment').set(users.manager.auth).expect(200);
    expect(byStage.body.items.every((c: { stage: string }) => c.stage === 'assessment')).toBe(true);
    await api.http.get('/api/v1/cases?sort=name').set(users.manager.auth).expect(400);
    await api.http.get('/api/v1/cases?overdue=maybe').set(users.manager.auth).expect(400);
  });

  it('logs reads and writes of a case, readable by supervisors and managers only', async () => {
    await api.http.get(`/api/v1/cases/${phuXuanCase.id}`).set(users.assigned.auth).expect(200);
    const log = await api.http.get(`/api/v1/cases/${phuXuanCase.id}/access-log`).set(users.supervisor.auth).expect(200);
    expect(log.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorId: users.supervisor.user.id, action: 'write', what: 'intake' }),
        expect.objectContaining({ actorId: users.assigned.user.id, action: 'read', what: 'case' }),
      ]),
    );
    await api.http.get(`/api/v1/cases/${phuXuanCase.id}/access-log`).set(users.assigned.auth).expect(403);
  });
});
