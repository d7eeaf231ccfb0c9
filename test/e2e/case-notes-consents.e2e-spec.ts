import { randomUUID } from 'node:crypto';
import { ConsentService } from '@haven/cases';
import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { openCase, toPlanning } from '../support/cases';
import { KIM_LONG, signedIn, SignedIn } from '../support/factories';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE).toISOString();

interface TimelineEvent {
  type: string;
  actorId: string;
  payload: Record<string, unknown>;
}

describe('notes and consents', () => {
  let api: TestApi;
  let supervisor: SignedIn;
  let caseworker: SignedIn;
  let kase: { id: string; version: number };

  const timeline = async (caseId: string) => (await api.http.get(`/api/v1/cases/${caseId}/timeline`).set(supervisor.auth).expect(200)).body as TimelineEvent[];
  const caseVersion = async (caseId: string) =>
    ((await api.db.query(`SELECT version FROM "case" WHERE id = $1`, [caseId])) as { version: number }[])[0].version;
  const accessLog = async (caseId: string) =>
    (
      (await api.http.get(`/api/v1/cases/${caseId}/access-log`).set(supervisor.auth).expect(200)).body as { action: string; what: string; actorId: string }[]
    ).map((e) => `${e.action}:${e.what}`);

  beforeAll(async () => {
    api = await startApi();
    supervisor = await signedIn(api, Role.Supervisor);
    caseworker = await signedIn(api, Role.Caseworker);
    kase = await toPlanning(api, supervisor.auth, { id: caseworker.user.id, auth: caseworker.auth });
  });
  afterAll(() => api.close());

  describe('notes (POST/GET /cases/:id/notes)', () => {
    const note = (overrides: Record<string, unknown> = {}) => ({
      kind: 'visit',
      visibility: 'internal',
      body: 'Home visit: the child was at home with the grandmother.\nNo injuries seen.',
      occurredAt: ago(60),
      ...overrides,
    });

    it('stores internal and shared notes without changing the case version, and keeps the body out of the timeline', async () => {
      const before = await caseVersion(kase.id);
      const internal = await api.http.post(`/api/v1/cases/${kase.id}/notes`).set(caseworker.auth).send(note()).expect(201);
      expect(internal.body).toEqual({
        id: expect.any(String),
        caseId: kase.id,
        kind: 'visit',
        visibility: 'internal',
        body: note().body,
        occurredAt: expect.any(String),
        author: { id: caseworker.user.id, fullName: caseworker.user.fullName },
        createdAt: expect.any(String),
      });
      const shared = await api.http
        .post(`/api/v1/cases/${kase.id}/notes`)
        .set(supervisor.auth)
        .send(note({ kind: 'meeting', visibility: 'shared', body: 'Inter-agency meeting with the school', version: before }))
        .expect(201);
      expect(shared.body).toEqual(
        expect.objectContaining({ visibility: 'shared', kind: 'meeting', author: expect.objectContaining({ id: supervisor.user.id }) }),
      );
      expect(await caseVersion(kase.id)).toBe(before);

      const [row] = await api.db.query(`SELECT visibility, body FROM case_note WHERE id = $1`, [internal.body.id]);
      expect(row).toEqual({ visibility: 'internal', body: note().body });

      const events = (await timeline(kase.id)).filter((e) => e.type === 'note.added');
      expect(events.map((e) => [e.actorId, e.payload])).toEqual([
        [caseworker.user.id, { noteId: internal.body.id, kind: 'visit', visibility: 'internal' }],
        [supervisor.user.id, { noteId: shared.body.id, kind: 'meeting', visibility: 'shared' }],
      ]);
      const all = JSON.stringify(await timeline(kase.id));
      expect(all).not.toContain('grandmother');
      expect(all).not.toContain('Inter-agency');
      expect(await accessLog(kase.id)).toEqual(expect.arrayContaining(['write:note']));
    });

    it('lists newest first, paginated, filtered by visibility; the read is logged', async () => {
      const fresh = await toPlanning(api, supervisor.auth, { id: caseworker.user.id, auth: caseworker.auth });
      for (const [minutes, visibility] of [
        [300, 'internal'],
        [10, 'shared'],
        [100, 'internal'],
      ] as const) {
        await api.http
          .post(`/api/v1/cases/${fresh.id}/notes`)
          .set(caseworker.auth)
          .send(note({ occurredAt: ago(minutes), visibility, body: `note ${minutes}` }))
          .expect(201);
      }
      const page1 = await api.http.get(`/api/v1/cases/${fresh.id}/notes?pageSize=2`).set(caseworker.auth).expect(200);
      expect(page1.body).toEqual(expect.objectContaining({ total: 3, page: 1, pageSize: 2 }));
      expect(page1.body.items.map((n: { body: string }) => n.body)).toEqual(['note 10', 'note 100']);
      const page2 = await api.http.get(`/api/v1/cases/${fresh.id}/notes?pageSize=2&page=2`).set(supervisor.auth).expect(200);
      expect(page2.body.items.map((n: { body: string }) => n.body)).toEqual(['note 300']);
      const shared = await api.http.get(`/api/v1/cases/${fresh.id}/notes?visibility=shared`).set(caseworker.auth).expect(200);
      expect(shared.body).toEqual(expect.objectContaining({ total: 1, items: [expect.objectContaining({ body: 'note 10' })] }));
      await api.http.get(`/api/v1/cases/${fresh.id}/notes?pageSize=101`).set(caseworker.auth).expect(400);
      await api.http.get(`/api/v1/cases/${fresh.id}/notes?visibility=public`).set(caseworker.auth).expect(400);
      expect(await accessLog(fresh.id)).toEqual(expect.arrayContaining(['read:notes']));
    });

    it('bad input answers 400 listing the fields; a stale optional version 409; nothing is stored', async () => {
      const before = await api.db.query(`SELECT count(*)::int AS n FROM case_note WHERE case_id = $1`, [kase.id]);
      const cases: [Record<string, unknown>, string[]][] = [
        [note({ kind: 'letter', visibility: 'public' }), ['kind', 'visibility']],
        [note({ body: '' }), ['body']],
        [note({ body: 'x'.repeat(10_001) }), ['body']],
        [note({ body: 'bad\u0000byte' }), ['body']],
        [note({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }), ['occurredAt']],
        [note({ occurredAt: 'yesterday' }), ['occurredAt']],
        [note({ secret: true }), ['secret']],
        [note({ version: 0 }), ['version']],
      ];
      for (const [body, fields] of cases) {
        const res = await api.http.post(`/api/v1/cases/${kase.id}/notes`).set(caseworker.auth).send(body);
        expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(fields));
      }
      const stale = await api.http
        .post(`/api/v1/cases/${kase.id}/notes`)
        .set(caseworker.auth)
        .send(note({ version: kase.version - 1 }))
        .expect(409);
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      expect(await api.db.query(`SELECT count(*)::int AS n FROM case_note WHERE case_id = $1`, [kase.id])).toEqual(before);
    });

    it('roles and scope: intake officers and managers 403, other caseworkers and communes 404', async () => {
      const intake = await signedIn(api, Role.IntakeOfficer);
      const manager = await signedIn(api, Role.Manager);
      const stranger = await signedIn(api, Role.Caseworker);
      const elsewhere = await signedIn(api, Role.Supervisor, { communeCodes: [KIM_LONG] });
      await api.http.post(`/api/v1/cases/${kase.id}/notes`).set(intake.auth).send(note()).expect(403);
      await api.http.get(`/api/v1/cases/${kase.id}/notes`).set(manager.auth).expect(403);
      for (const who of [stranger, elsewhere]) {
        const res = await api.http.post(`/api/v1/cases/${kase.id}/notes`).set(who.auth).send(note());
        expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
        await api.http.get(`/api/v1/cases/${kase.id}/notes`).set(who.auth).expect(404);
      }
      await api.http.get(`/api/v1/cases/${randomUUID()}/notes`).set(supervisor.auth).expect(404);
    });

    it('a caseworker in scope who is not the worker of record may not add notes (403)', async () => {
      // Opened (and so in scope) by one caseworker, owned by nobody else: the opener is the worker of record.
      const opener = await signedIn(api, Role.Caseworker);
      const other = await openCase(api, opener.auth);
      await api.http.post(`/api/v1/cases/${other.id}/notes`).set(opener.auth).send(note()).expect(201);
      // Assigned to another caseworker, the opener still sees the case but no longer works it.
      const assigned = await api.http
        .post(`/api/v1/cases/${other.id}/assignment`)
        .set(supervisor.auth)
        .send({ assigneeId: caseworker.user.id, version: other.version });
      expect(assigned.status).toBe(200);
      const res = await api.http.post(`/api/v1/cases/${other.id}/notes`).set(opener.auth).send(note()).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    });
  });

  describe('consents (POST/GET /cases/:id/consents, withdraw)', () => {
    it('records and withdraws consents; the timeline keeps ids and scopes only; the case shows those in force', async () => {
      const fresh = await toPlanning(api, supervisor.auth, { id: caseworker.user.id, auth: caseworker.auth });
      const before = await caseVersion(fresh.id);
      const guardian = await api.http
        .post(`/api/v1/cases/${fresh.id}/consents`)
        .set(caseworker.auth)
        .send({ giver: 'guardian', giverName: 'Trần Thị Mai', scopes: ['services', 'sharing'], givenAt: ago(30) })
        .expect(201);
      expect(guardian.body).toEqual({
        id: expect.any(String),
        caseId: fresh.id,
        giver: 'guardian',
        giverName: 'Trần Thị Mai',
        scopes: ['services', 'sharing'],
        givenAt: expect.any(String),
        active: true,
        withdrawnAt: null,
        recordedBy: { id: caseworker.user.id, fullName: caseworker.user.fullName },
        withdrawnBy: null,
        createdAt: expect.any(String),
      });
      const child = await api.http
        .post(`/api/v1/cases/${fresh.id}/consents`)
        .set(caseworker.auth)
        .send({ giver: 'child', scopes: ['sharing'], givenAt: ago(20) })
        .expect(201);
      expect(child.body).toEqual(expect.objectContaining({ giver: 'child', giverName: null, active: true }));

      const consents = api.app.get(ConsentService);
      // The child (born 2016) is over 7: sharing needs the guardian's and the child's own consent.
      expect(await consents.consentStatus(fresh.id, 'sharing')).toEqual({ guardian: true, child: true, childConsentNeeded: true, granted: true });
      expect(await consents.hasActiveConsent(fresh.id, 'services')).toBe(false);

      const detail = await api.http.get(`/api/v1/cases/${fresh.id}`).set(caseworker.auth).expect(200);
      expect(detail.body.consentScopes).toEqual(['services', 'sharing']);

      const withdrawn = await api.http.post(`/api/v1/cases/${fresh.id}/consents/${guardian.body.id}/withdraw`).set(caseworker.auth).send({}).expect(200);
      expect(withdrawn.body).toEqual(
        expect.objectContaining({ active: false, withdrawnAt: expect.any(String), withdrawnBy: expect.objectContaining({ id: caseworker.user.id }) }),
      );
      expect(await consents.hasActiveConsent(fresh.id, 'sharing')).toBe(false);
      const again = await api.http.post(`/api/v1/cases/${fresh.id}/consents/${guardian.body.id}/withdraw`).set(caseworker.auth).send({}).expect(409);
      expect(again.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
      expect(await caseVersion(fresh.id)).toBe(before);

      const list = await api.http.get(`/api/v1/cases/${fresh.id}/consents`).set(supervisor.auth).expect(200);
      expect(list.body).toEqual(expect.objectContaining({ total: 2, page: 1, pageSize: 20 }));
      expect(list.body.items.map((c: { giver: string; active: boolean }) => [c.giver, c.active])).toEqual([
        ['child', true],
        ['guardian', false],
      ]);
      const manager = await signedIn(api, Role.Manager);
      await api.http.get(`/api/v1/cases/${fresh.id}/consents`).set(manager.auth).expect(200);

      const events = (await timeline(fresh.id)).filter((e) => e.type.startsWith('consent.'));
      expect(events.map((e) => [e.type, e.actorId, e.payload])).toEqual([
        ['consent.recorded', caseworker.user.id, { consentId: guardian.body.id, scopes: ['services', 'sharing'] }],
        ['consent.recorded', caseworker.user.id, { consentId: child.body.id, scopes: ['sharing'] }],
        ['consent.withdrawn', caseworker.user.id, { consentId: guardian.body.id, scopes: ['services', 'sharing'] }],
      ]);
      expect(JSON.stringify(await timeline(fresh.id))).not.toContain('Mai');
      expect(await accessLog(fresh.id)).toEqual(expect.arrayContaining(['write:consent', 'write:consent-withdrawal', 'read:consents']));
    });

    it('a young child’s consent is not needed: the guardian’s suffices under age 7', async () => {
      const young = await toPlanning(
        api,
        supervisor.auth,
        { id: caseworker.user.id, auth: caseworker.auth },
        { child: { fullName: 'Lê Thị Hoa', sex: 'female', dateOfBirth: `${new Date().getFullYear() - 4}-01-15`, communeCode: '19753' } },
      );
      await api.http
        .post(`/api/v1/cases/${young.id}/consents`)
        .set(caseworker.auth)
        .send({ giver: 'guardian', scopes: ['sharing'], givenAt: ago(5) })
        .expect(201);
      expect(await api.app.get(ConsentService).consentStatus(young.id, 'sharing')).toEqual({
        guardian: true,
        child: false,
        childConsentNeeded: false,
        granted: true,
      });
    });

    it('bad input answers 400; only the assignee records (403); unknown consents 404', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [{ giver: 'neighbour', scopes: ['services'], givenAt: ago(1) }, ['giver']],
        [{ giver: 'guardian', scopes: [], givenAt: ago(1) }, ['scopes']],
        [{ giver: 'guardian', scopes: ['services', 'services'], givenAt: ago(1) }, ['scopes']],
        [{ giver: 'guardian', scopes: ['marketing'], givenAt: ago(1) }, ['scopes']],
        [{ giver: 'guardian', scopes: ['services'], givenAt: new Date(Date.now() + 86_400_000).toISOString() }, ['givenAt']],
        [{ giver: 'guardian', giverName: 'x'.repeat(201), scopes: ['services'], givenAt: ago(1) }, ['giverName']],
        [{ giver: 'guardian', scopes: ['services'] }, ['givenAt']],
        [{ giver: 'guardian', scopes: ['services'], givenAt: ago(1), signature: 'x' }, ['signature']],
      ];
      for (const [body, fields] of cases) {
        const res = await api.http.post(`/api/v1/cases/${kase.id}/consents`).set(caseworker.auth).send(body);
        expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(fields));
      }
      const good = { giver: 'guardian', scopes: ['services'], givenAt: ago(60) };
      await api.http.post(`/api/v1/cases/${kase.id}/consents`).set(supervisor.auth).send(good).expect(403);
      const stranger = await signedIn(api, Role.Caseworker);
      await api.http.post(`/api/v1/cases/${kase.id}/consents`).set(stranger.auth).send(good).expect(404);
      await api.http.post(`/api/v1/cases/${kase.id}/consents/${randomUUID()}/withdraw`).set(caseworker.auth).send({}).expect(404);
      await api.http.post(`/api/v1/cases/${kase.id}/consents/nope/withdraw`).set(caseworker.auth).send({}).expect(400);

      const recorded = await api.http.post(`/api/v1/cases/${kase.id}/consents`).set(caseworker.auth).send(good).expect(201);
      const early = await api.http
        .post(`/api/v1/cases/${kase.id}/consents/${recorded.body.id}/withdraw`)
        .set(caseworker.auth)
        .send({ withdrawnAt: ago(120) })
        .expect(400);
      expect(early.body.error.details).toEqual([{ field: 'withdrawnAt', message: 'withdrawnAt must not be before givenAt' }]);
      // A consent of another case is not found through this one.
      const other = await toPlanning(api, supervisor.auth, { id: caseworker.user.id, auth: caseworker.auth });
      await api.http.post(`/api/v1/cases/${other.id}/consents/${recorded.body.id}/withdraw`).set(caseworker.auth).send({}).expect(404);
    });
  });

  it('a closed case takes no new notes or consents (409), but a consent can still be withdrawn', async () => {
    const fresh = await toPlanning(api, supervisor.auth, { id: caseworker.user.id, auth: caseworker.auth });
    const consent = await api.http
      .post(`/api/v1/cases/${fresh.id}/consents`)
      .set(caseworker.auth)
      .send({ giver: 'guardian', scopes: ['services'], givenAt: ago(30) })
      .expect(201);
    const requested = await api.http
      .post(`/api/v1/cases/${fresh.id}/closure`)
      .set(caseworker.auth)
      .send({ reason: 'unfounded', note: 'Nothing found on verification', version: fresh.version })
      .expect(200);
    const closed = await api.http.post(`/api/v1/cases/${fresh.id}/closure/approve`).set(supervisor.auth).send({ version: requested.body.version }).expect(200);
    expect(closed.body.stage).toBe('closed');

    const noteRes = await api.http
      .post(`/api/v1/cases/${fresh.id}/notes`)
      .set(caseworker.auth)
      .send({ kind: 'call', visibility: 'internal', body: 'Called the family', occurredAt: ago(1) })
      .expect(409);
    expect(noteRes.body.error).toEqual(
      expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED', details: [expect.objectContaining({ stage: 'closed', missing: ['open_case'] })] }),
    );
    await api.http
      .post(`/api/v1/cases/${fresh.id}/consents`)
      .set(caseworker.auth)
      .send({ giver: 'child', scopes: ['services'], givenAt: ago(1) })
      .expect(409);
    const withdrawn = await api.http.post(`/api/v1/cases/${fresh.id}/consents/${consent.body.id}/withdraw`).set(caseworker.auth).send({}).expect(200);
    expect(withdrawn.body.active).toBe(false);
  });

  it('the OpenAPI document describes notes and consents with response DTOs', async () => {
    const doc = (await api.http.get('/docs-json').expect(200)).body;
    expect(doc.paths['/api/v1/cases/{id}/notes'].post.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/NoteDto');
    expect(doc.paths['/api/v1/cases/{id}/notes'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/NotePageDto');
    expect(doc.paths['/api/v1/cases/{id}/consents'].post.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/ConsentDto');
    expect(doc.paths['/api/v1/cases/{id}/consents/{consentId}/withdraw'].post).toBeDefined();
    expect(doc.components.schemas.AddNoteDto.required).not.toContain('version');
  });
});
