import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { openCase, OpenedCase } from '../support/cases';
import { HUE, KIM_LONG, PHU_XUAN, SignedIn, signedIn } from '../support/factories';

jest.setTimeout(60_000);

interface LogEntry {
  actorId: string;
  action: 'read' | 'write';
  about: 'case' | 'child';
  what: string;
}

/**
 * Issue 10, item 7: a child's registry record is read and changed under audit, and changed only by
 * the team of one of its cases. (On the old code nothing was logged and every commune staff member
 * of the child's commune could rewrite it: `demo-intake` changed the address of a child on another
 * caseworker's case.)
 */
describe('child records: audit and who may change them', () => {
  let api: TestApi;
  let supervisor: SignedIn; // PHU_XUAN
  let worker: SignedIn; // PHU_XUAN, assigned the case
  let otherWorker: SignedIn; // PHU_XUAN, not on the case
  let intake: SignedIn; // PHU_XUAN intake officer
  let kimLongSupervisor: SignedIn;
  let manager: SignedIn;
  let kase: OpenedCase;

  const child = (who: SignedIn) => api.http.get(`/api/v1/children/${kase.child.id}`).set(who.auth);
  const patch = (who: SignedIn, body: object) => api.http.patch(`/api/v1/children/${kase.child.id}`).set(who.auth).send(body);
  const accessLog = async (caseId: string): Promise<LogEntry[]> =>
    (await api.http.get(`/api/v1/cases/${caseId}/access-log`).set(supervisor.auth).expect(200)).body as LogEntry[];
  const childEntries = async (caseId: string, actorId: string) =>
    (await accessLog(caseId)).filter((e) => e.actorId === actorId && e.about === 'child').map((e) => `${e.action}:${e.what}`);

  beforeAll(async () => {
    api = await startApi();
    [supervisor, worker, otherWorker, intake, kimLongSupervisor, manager] = await Promise.all([
      signedIn(api, Role.Supervisor),
      signedIn(api, Role.Caseworker),
      signedIn(api, Role.Caseworker),
      signedIn(api, Role.IntakeOfficer),
      signedIn(api, Role.Supervisor, { communeCodes: [KIM_LONG] }),
      signedIn(api, Role.Manager, { provinceCode: HUE }),
    ]);
    kase = await openCase(api, supervisor.auth, {
      assigneeId: worker.user.id,
      child: { fullName: 'Trần Thị Mai', sex: 'female', dateOfBirth: '2014-03-02', communeCode: PHU_XUAN, address: 'Kiệt 7' },
    });
  });
  afterAll(() => api.close());

  it('staff who cannot open any of the child’s cases may not change it (404, nothing changes), even in its commune', async () => {
    for (const who of [intake, otherWorker, kimLongSupervisor]) {
      const res = await patch(who, { version: 1, address: 'Somewhere else' }).expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      // The error names no child.
      expect(JSON.stringify(res.body)).not.toContain('Mai');
    }
    // Reading stays as before for the commune's staff (the intake screen needs it).
    expect((await child(intake).expect(200)).body).toEqual(expect.objectContaining({ address: 'Kiệt 7', version: 1 }));
  });

  it('the case team may change it: the assigned caseworker, the commune’s supervisor, the province’s manager', async () => {
    expect((await patch(worker, { version: 1, address: 'Kiệt 8' }).expect(200)).body.version).toBe(2);
    expect((await patch(supervisor, { version: 2, address: 'Kiệt 9' }).expect(200)).body.version).toBe(3);
    expect((await patch(manager, { version: 3, ethnicity: 'Kinh' }).expect(200)).body.version).toBe(4);
  });

  it('an intake officer may change the child of their own intake while it is unassigned, not once it is assigned', async () => {
    const own = await openCase(api, intake.auth, { child: { fullName: 'Lê Văn Tùng', sex: 'male', dateOfBirth: '2012-01-09', communeCode: PHU_XUAN } });
    const path = `/api/v1/children/${own.child.id}`;
    await api.http.patch(path).set(intake.auth).send({ version: 1, address: 'Thôn 1' }).expect(200);
    await api.http
      .post(`/api/v1/cases/${own.id}/assignment`)
      .set(supervisor.auth)
      .send({ assigneeId: worker.user.id, version: own.version })
      .expect((r) => expect([200, 201]).toContain(r.status));
    await api.http.patch(path).set(intake.auth).send({ version: 2, address: 'Thôn 2' }).expect(404);
  });

  it('every read and change of the child is in the case’s access log: who, which action, about the child', async () => {
    await child(worker).expect(200);
    await patch(worker, { version: 4, address: 'Kiệt 10' }).expect(200);
    await api.http.get('/api/v1/children').query({ q: 'Trần Thị Mai' }).set(otherWorker.auth).expect(200);
    await api.http
      .get('/api/v1/children/duplicates')
      .query({ fullName: 'Trần Thị Mai', dateOfBirth: '2014-03-02', communeCode: PHU_XUAN })
      .set(intake.auth)
      .expect(200);

    expect(await childEntries(kase.id, worker.user.id)).toEqual(['write:child-update', 'read:child', 'write:child-update']);
    expect(await childEntries(kase.id, otherWorker.user.id)).toEqual(['read:child-search']);
    expect(await childEntries(kase.id, intake.user.id)).toEqual(['read:child', 'read:child-duplicates']);
    // The case's own entries stay as they were, marked as about the case.
    expect((await accessLog(kase.id)).find((e) => e.what === 'intake')).toEqual(expect.objectContaining({ about: 'case', action: 'write' }));
    // A refused change leaves no write.
    const writes = (await accessLog(kase.id)).filter((e) => e.about === 'child' && e.action === 'write').map((e) => e.actorId);
    expect(new Set(writes)).toEqual(new Set([worker.user.id, supervisor.user.id, manager.user.id]));
  });

  it('a second case of the same child shows the child’s entries too; another child’s entries show in neither', async () => {
    const second = await openCase(api, supervisor.auth, { assigneeId: worker.user.id, child: { id: kase.child.id } });
    const other = await openCase(api, supervisor.auth, { assigneeId: worker.user.id });
    await api.http.get(`/api/v1/children/${other.child.id}`).set(manager.auth).expect(200);
    const childLog = (entries: LogEntry[]) => entries.filter((e) => e.about === 'child');
    expect(childLog(await accessLog(second.id))).toEqual(childLog(await accessLog(kase.id)));
    expect(childLog(await accessLog(kase.id)).some((e) => e.actorId === manager.user.id && e.what === 'child')).toBe(false);
    expect(childLog(await accessLog(other.id))).toEqual([expect.objectContaining({ actorId: manager.user.id, action: 'read', what: 'child' })]);
  });
});
