import { Role } from '@haven/domain';
import { TxEvents } from '@haven/platform';
import { startApi, TestApi } from '../support/app';
import { openCase, OpenedCase } from '../support/cases';
import { HUE, KIM_LONG, PHU_XUAN, SignedIn, signedIn } from '../support/factories';

jest.setTimeout(60_000);

interface Notice {
  kind: string;
  caseId: string;
  title: string;
  body: string;
}

/**
 * Issue 10, item 10: a caseworker removed from a commune kept its cases (the case scope was
 * "assigned to them or created by them", whatever the commune). Now the scope follows their
 * current communes, and their open cases in the lost commune are listed for its supervisors.
 * Until UsersService emits 'user.communes_removed' itself, the test removes the commune and
 * emits the event in a transaction of its own, as the users change will.
 */
describe('a caseworker removed from a commune', () => {
  let api: TestApi;
  let supervisor: SignedIn; // PHU_XUAN
  let secondSupervisor: SignedIn; // PHU_XUAN
  let kimLongSupervisor: SignedIn;
  let worker: SignedIn; // PHU_XUAN and KIM_LONG
  let colleague: SignedIn; // PHU_XUAN
  let intake: SignedIn; // PHU_XUAN
  let phuXuanCase: OpenedCase;
  let kimLongCase: OpenedCase;
  let intakeCase: OpenedCase;

  const getCase = (who: SignedIn, id: string) => api.http.get(`/api/v1/cases/${id}`).set(who.auth);
  const removeCommune = (userId: string, communeCode: string) =>
    api.db.query(`DELETE FROM user_commune WHERE user_id = $1 AND commune_code = $2`, [userId, communeCode]);
  const emitRemoval = async (userId: string, communeCodes: string[]) => {
    const afterCommit = await api.db.transaction((m) =>
      api.app.get(TxEvents).emit(m, { type: 'user.communes_removed', userId, provinceCode: HUE, communeCodes }),
    );
    await afterCommit();
  };
  const inbox = async (who: SignedIn): Promise<Notice[]> =>
    ((await api.http.get('/api/v1/me/notifications').set(who.auth).expect(200)).body.items as Notice[]).filter((n) => n.kind === 'case.reassignment_needed');

  beforeAll(async () => {
    api = await startApi();
    [supervisor, secondSupervisor, kimLongSupervisor, worker, colleague, intake] = await Promise.all([
      signedIn(api, Role.Supervisor),
      signedIn(api, Role.Supervisor),
      signedIn(api, Role.Supervisor, { communeCodes: [KIM_LONG] }),
      signedIn(api, Role.Caseworker, { communeCodes: [PHU_XUAN, KIM_LONG] }),
      signedIn(api, Role.Caseworker),
      signedIn(api, Role.IntakeOfficer),
    ]);
    phuXuanCase = await openCase(api, supervisor.auth, { assigneeId: worker.user.id });
    kimLongCase = await openCase(api, kimLongSupervisor.auth, {
      assigneeId: worker.user.id,
      child: { fullName: 'Võ Thị Hạnh', sex: 'female', dateOfBirth: '2013-08-08', communeCode: KIM_LONG },
      incident: { concernTypes: ['neglect'], communeCode: KIM_LONG, description: 'Left alone', immediateDanger: false },
    });
    await openCase(api, supervisor.auth, { assigneeId: colleague.user.id }); // a colleague's case: never announced
    intakeCase = await openCase(api, intake.auth);
  });
  afterAll(() => api.close());

  it('loses the lost commune’s cases at once (404), keeps the others', async () => {
    await getCase(worker, phuXuanCase.id).expect(200);
    await removeCommune(worker.user.id, PHU_XUAN);
    await getCase(worker, phuXuanCase.id).expect(404);
    await getCase(worker, kimLongCase.id).expect(200);
    const list = await api.http.get('/api/v1/cases').set(worker.auth).expect(200);
    expect((list.body.items as { id: string }[]).map((c) => c.id)).toEqual([kimLongCase.id]);
    // Nor may they act on it, or read its referrals (the referral scope is the case scope).
    await api.http.get(`/api/v1/cases/${phuXuanCase.id}/referrals`).set(worker.auth).expect(404);
  });

  it('an intake officer removed from the commune loses their unassigned intake too', async () => {
    await getCase(intake, intakeCase.id).expect(200);
    await removeCommune(intake.user.id, PHU_XUAN);
    await getCase(intake, intakeCase.id).expect(404);
  });

  it('the commune’s supervisors get one notice per open case, with the case number and commune only; replaying adds nothing', async () => {
    await emitRemoval(worker.user.id, [PHU_XUAN]);
    await emitRemoval(worker.user.id, [PHU_XUAN]);
    for (const who of [supervisor, secondSupervisor]) {
      const notices = await inbox(who);
      expect(notices).toEqual([expect.objectContaining({ caseId: phuXuanCase.id, title: expect.stringContaining(phuXuanCase.caseNumber) })]);
      expect(notices[0].body).toContain(`(commune ${PHU_XUAN})`);
      expect(notices[0].body).not.toContain('Nguyễn');
    }
    // Not the other commune's supervisor, nor for the colleague's or the KIM_LONG case.
    expect(await inbox(kimLongSupervisor)).toEqual([]);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'case.reassignment_needed'`);
    expect(n).toBe(2);
  });

  it('the supervisor lists them with GET /cases?assigneeId&communeCode and reassigns them', async () => {
    const listed = await api.http.get('/api/v1/cases').query({ assigneeId: worker.user.id, communeCode: PHU_XUAN }).set(supervisor.auth).expect(200);
    expect((listed.body.items as { id: string }[]).map((c) => c.id)).toEqual([phuXuanCase.id]);
    const current = await getCase(supervisor, phuXuanCase.id).expect(200);
    await api.http
      .post(`/api/v1/cases/${phuXuanCase.id}/assignment`)
      .set(supervisor.auth)
      .send({ assigneeId: colleague.user.id, version: current.body.version })
      .expect((r) => expect([200, 201]).toContain(r.status));
    await getCase(colleague, phuXuanCase.id).expect(200);
  });

  it('a later removal from their other commune is announced to that commune’s supervisor only', async () => {
    await emitRemoval(worker.user.id, [KIM_LONG]);
    expect((await inbox(kimLongSupervisor)).map((n) => n.caseId)).toEqual([kimLongCase.id]);
    // The PHU_XUAN case was reassigned before: no new notice for it.
    expect((await inbox(supervisor)).map((n) => n.caseId)).toEqual([phuXuanCase.id]);
  });
});
