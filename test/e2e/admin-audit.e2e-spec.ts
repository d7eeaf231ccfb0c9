import { Role } from '@haven/domain';
import { createUserFromCli, temporaryPassword, userCreateInput } from '../../apps/cli/src/commands/user-create';
import { UsageError } from '../../apps/cli/src/commands/operator-args';
import { startApi, TestApi } from '../support/app';
import { openCase } from '../support/cases';
import { HUE, KIM_LONG, login, newUser, PHU_XUAN, signedIn, SignedIn } from '../support/factories';

const HA_NOI = '01';
const STRONG = 'Vuon-cau-xanh-mua-ha-91';

interface AuditEntry {
  actorKind: string;
  actorId: string | null;
  actorUsername: string | null;
  provinceCode: string;
  targetType: string;
  targetId: string;
  targetUsername: string | null;
  action: string;
  kinds: string[];
  changes: Record<string, { from: unknown; to: unknown }>;
}

/*
 * Issue 10, items 1 and 2: an administrator manages its own province only, never changes its own
 * role or scope, and every administrative change is in an append-only audit that the province's
 * managers can read; a change that lets someone read children's cases is announced to them.
 */
describe('province-bound administration with an admin audit', () => {
  let api: TestApi;
  let admin: SignedIn;
  let manager: SignedIn;
  let otherManager: SignedIn;
  let adminHaNoi: SignedIn;
  let managerHaNoi: SignedIn;

  const audit = async (who: SignedIn, query = ''): Promise<AuditEntry[]> =>
    (await api.http.get(`/api/v1/admin-audit?pageSize=100${query}`).set(who.auth).expect(200)).body.items;
  const inbox = async (who: SignedIn): Promise<{ kind: string; title: string; body: string; link: string; caseId: string | null }[]> =>
    (await api.http.get('/api/v1/me/notifications?pageSize=100').set(who.auth).expect(200)).body.items;
  const body = (overrides: Record<string, unknown> = {}) => ({
    username: `nv-${Math.random().toString(36).slice(2, 8)}`,
    fullName: 'Trần Văn Minh',
    role: 'caseworker',
    communeCodes: [PHU_XUAN],
    password: STRONG,
    ...overrides,
  });

  beforeAll(async () => {
    api = await startApi();
    admin = await signedIn(api, Role.Admin);
    manager = await signedIn(api, Role.Manager);
    otherManager = await signedIn(api, Role.Manager);
    adminHaNoi = await signedIn(api, Role.Admin, { provinceCode: HA_NOI });
    managerHaNoi = await signedIn(api, Role.Manager, { provinceCode: HA_NOI });
  });
  afterAll(() => api.close());

  describe('item 1: an administrator acts in its own province only', () => {
    it('cannot list, read, change, reset or disable another province’s users, nor create users there', async () => {
      const hueManager = await newUser(api, Role.Manager);
      expect((await api.http.get(`/api/v1/users?provinceCode=${HUE}`).set(adminHaNoi.auth).expect(200)).body.total).toBe(0);
      const listed = (await api.http.get('/api/v1/users?pageSize=100').set(adminHaNoi.auth).expect(200)).body.items as { provinceCode: string }[];
      expect(listed.every((u) => u.provinceCode === HA_NOI)).toBe(true);
      await api.http.get(`/api/v1/users/${hueManager.id}`).set(adminHaNoi.auth).expect(404);
      for (const change of [{ password: STRONG }, { active: false }, { role: 'admin' }, { fullName: 'Đổi tên' }]) {
        await api.http.patch(`/api/v1/users/${hueManager.id}`).set(adminHaNoi.auth).send(change).expect(404);
      }
      // The takeover of the attack: the reset never happened, so the new password does not sign in and the old one still does.
      await api.http.post('/api/v1/auth/login').send({ username: hueManager.username, password: STRONG }).expect(401);
      await login(api, hueManager.username);
      const created = await api.http
        .post('/api/v1/users')
        .set(adminHaNoi.auth)
        .send(body({ provinceCode: HUE }))
        .expect(403);
      expect(created.body.error).toMatchObject({ code: 'FORBIDDEN', details: [expect.objectContaining({ field: 'provinceCode' })] });
      expect((await api.db.query(`SELECT count(*)::int AS n FROM app_user WHERE province_code = $1 AND full_name = 'Trần Văn Minh'`, [HUE]))[0].n).toBe(0);
    });

    it('creates users of its own province without naming it, and managers read them one by one', async () => {
      const created = await api.http.post('/api/v1/users').set(admin.auth).send(body()).expect(201);
      expect(created.body).toMatchObject({ provinceCode: HUE, mustChangePassword: true });
      expect((await api.http.get(`/api/v1/users/${created.body.id}`).set(manager.auth).expect(200)).body.id).toBe(created.body.id);
      await api.http.get(`/api/v1/users/${created.body.id}`).set(managerHaNoi.auth).expect(404);
    });

    it('the operator makes a province’s first administrator from the command line, with a temporary password recorded as the operator’s act', async () => {
      const username = `admin-48-${Math.random().toString(36).slice(2, 6)}`;
      const { user, password } = await createUserFromCli(api.app, [
        '--username',
        username,
        '--full-name',
        'Quản trị Đà Nẵng',
        '--role',
        'admin',
        '--province',
        '48',
      ]);
      expect(user).toMatchObject({ username, role: 'admin', provinceCode: '48', communeCodes: [], mustChangePassword: true });
      expect(password).toMatch(/^[\w-]{20,}$/);
      const first = await login(api, username, password);
      expect(first.user.mustChangePassword).toBe(true);
      const blocked = await api.http.get('/api/v1/users').set(first.auth).expect(403);
      expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const [row] = await api.db.query(`SELECT actor_kind, actor_id, action, province_code FROM admin_audit WHERE target_id = $1`, [user.id]);
      expect(row).toEqual({ actor_kind: 'operator', actor_id: null, action: 'user.created', province_code: '48' });
    });

    it('user:create refuses a missing option, an unknown one and a bad value, before anything is written', async () => {
      await expect(userCreateInput(['--username', 'x-admin', '--role', 'admin'], temporaryPassword())).rejects.toBeInstanceOf(UsageError);
      await expect(
        userCreateInput(['--username', 'x-admin', '--full-name', 'X', '--role', 'admin', '--province', '48', '--national'], temporaryPassword()),
      ).rejects.toBeInstanceOf(UsageError);
      await expect(
        userCreateInput(['--username', 'x-admin', '--full-name', 'X', '--role', 'king', '--province', '48'], temporaryPassword()),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: 'role' })],
      });
      expect(await api.db.query(`SELECT 1 FROM app_user WHERE username = 'x-admin'`)).toEqual([]);
    });
  });

  describe('item 2: nobody grants themselves access, and every change is audited', () => {
    it('an administrator cannot change its own role, communes, organisation or status, and its token gains nothing', async () => {
      for (const change of [{ role: 'manager' }, { role: 'supervisor', communeCodes: [PHU_XUAN] }, { active: false }, { password: STRONG }]) {
        const res = await api.http.patch(`/api/v1/users/${admin.user.id}`).set(admin.auth).send(change).expect(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      expect((await api.db.query(`SELECT role, active FROM app_user WHERE id = $1`, [admin.user.id]))[0]).toEqual({ role: 'admin', active: true });
      // Still an administrator: case routes stay closed.
      await api.http.get('/api/v1/cases').set(admin.auth).expect(403);
      // Its own name is not a grant: allowed, and audited.
      await api.http.patch(`/api/v1/users/${admin.user.id}`).set(admin.auth).send({ fullName: 'Quản trị Huế' }).expect(200);
    });

    it('records creation, role, communes, password reset, disable and enable, with who, what and when, and never a password', async () => {
      const created = await api.http.post('/api/v1/users').set(admin.auth).send(body()).expect(201);
      const id = created.body.id as string;
      await api.http
        .patch(`/api/v1/users/${id}`)
        .set(admin.auth)
        .send({ communeCodes: [PHU_XUAN, KIM_LONG] })
        .expect(200);
      await api.http.patch(`/api/v1/users/${id}`).set(admin.auth).send({ role: 'supervisor' }).expect(200);
      await api.http.patch(`/api/v1/users/${id}`).set(admin.auth).send({ password: 'Mot-mat-khau-moi-den-tu-quan-tri' }).expect(200);
      await api.http.patch(`/api/v1/users/${id}`).set(admin.auth).send({ active: false }).expect(200);
      await api.http.patch(`/api/v1/users/${id}`).set(admin.auth).send({ active: true }).expect(200);

      const entries = (await audit(manager, `&targetId=${id}`)).reverse();
      expect(entries.map((e) => [e.action, e.kinds])).toEqual([
        ['user.created', []],
        ['user.updated', ['communes_changed']],
        ['user.updated', ['role_changed']],
        ['user.updated', ['password_reset']],
        ['user.updated', ['disabled']],
        ['user.updated', ['enabled']],
      ]);
      expect(entries.every((e) => e.actorKind === 'user' && e.actorId === admin.user.id && e.provinceCode === HUE && e.targetType === 'user')).toBe(true);
      expect(entries[0].targetUsername).toBe(created.body.username);
      expect(entries[1].changes).toEqual({ communeCodes: { from: [PHU_XUAN], to: [PHU_XUAN, KIM_LONG] } });
      expect(entries[2].changes).toEqual({ role: { from: 'caseworker', to: 'supervisor' } });
      expect(entries[3].changes).toEqual({});
      const raw = JSON.stringify(await api.db.query(`SELECT * FROM admin_audit WHERE target_id = $1`, [id]));
      for (const secret of [STRONG, 'Mot-mat-khau-moi-den-tu-quan-tri', '$argon2']) expect(raw).not.toContain(secret);
    });

    it('lists the province’s audit to its managers and admins only', async () => {
      const mine = await audit(manager);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((e) => e.provinceCode === HUE)).toBe(true);
      expect((await audit(managerHaNoi)).every((e) => e.provinceCode === HA_NOI)).toBe(true);
      expect((await audit(adminHaNoi, `&targetId=${admin.user.id}`)).length).toBe(0);
      const caseworker = await signedIn(api, Role.Caseworker);
      await api.http.get('/api/v1/admin-audit').set(caseworker.auth).expect(403);
      await api.http.get('/api/v1/admin-audit').expect(401);
      await api.http.get('/api/v1/admin-audit?targetType=case').set(manager.auth).expect(400);
    });

    it('is append-only: the database refuses to change or delete an entry', async () => {
      const [entry] = await api.db.query(`SELECT id FROM admin_audit LIMIT 1`);
      await expect(api.db.query(`UPDATE admin_audit SET action = 'user.created' WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only/);
      await expect(api.db.query(`DELETE FROM admin_audit WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only/);
      await expect(api.db.query(`TRUNCATE admin_audit`)).rejects.toThrow(/append-only/);
    });

    it('tells the province’s managers when someone can now read cases: a new case reader, a re-roled admin, a password reset; not for a new name', async () => {
      const accessNotices = async (who: SignedIn) => (await inbox(who)).filter((n) => n.kind === 'admin.case_access_granted');
      const before = (await accessNotices(manager)).length;
      const otherBefore = (await accessNotices(otherManager)).length;
      const created = await api.http.post('/api/v1/users').set(admin.auth).send(body()).expect(201);
      const notices = await accessNotices(manager);
      expect(notices.length).toBe(before + 1);
      expect(notices[0]).toMatchObject({ caseId: null, link: expect.stringContaining(`/admin-audit?targetType=user&targetId=${created.body.id}`) });
      expect(notices[0].title).toMatch(/^Cấp quyền đọc hồ sơ trẻ em/);
      expect(JSON.stringify(notices[0])).not.toContain('Trần Văn Minh');
      expect((await accessNotices(otherManager)).length).toBe(otherBefore + 1);
      expect((await accessNotices(managerHaNoi)).length).toBe(0);

      const otherAdmin = await api.http
        .post('/api/v1/users')
        .set(admin.auth)
        .send(body({ role: 'admin', communeCodes: [] }))
        .expect(201);
      expect((await accessNotices(manager)).length).toBe(before + 1);
      await api.http.patch(`/api/v1/users/${otherAdmin.body.id}`).set(admin.auth).send({ role: 'manager' }).expect(200);
      expect((await accessNotices(manager)).length).toBe(before + 2);
      await api.http.patch(`/api/v1/users/${created.body.id}`).set(admin.auth).send({ password: 'Mot-mat-khau-khac-cua-quan-tri' }).expect(200);
      expect((await accessNotices(manager)).length).toBe(before + 3);
      await api.http.patch(`/api/v1/users/${created.body.id}`).set(admin.auth).send({ fullName: 'Trần Văn Minh Tuấn' }).expect(200);
      expect((await accessNotices(manager)).length).toBe(before + 3);
    });
  });

  describe('item 10: a caseworker who loses a commune loses its cases, which its supervisors are told to reassign', () => {
    it('removing a commune through PATCH /users ends the caseworker’s reach there and notifies that commune’s supervisor', async () => {
      const supervisor = await signedIn(api, Role.Supervisor, { communeCodes: [KIM_LONG] });
      const worker = await signedIn(api, Role.Caseworker, { communeCodes: [PHU_XUAN, KIM_LONG] });
      const kase = await openCase(api, supervisor.auth, {
        assigneeId: worker.user.id,
        child: { fullName: 'Lê Thị Sương', sex: 'female', dateOfBirth: '2016-04-04', communeCode: KIM_LONG },
        incident: { concernTypes: ['neglect'], communeCode: KIM_LONG, description: 'Bị bỏ mặc nhiều ngày', immediateDanger: false },
      });
      await api.http.get(`/api/v1/cases/${kase.id}`).set(worker.auth).expect(200);
      await api.http
        .patch(`/api/v1/users/${worker.user.id}`)
        .set(admin.auth)
        .send({ communeCodes: [PHU_XUAN] })
        .expect(200);
      // The old token is dead (scope changed); a new sign-in no longer reaches the case.
      await api.http.get(`/api/v1/cases/${kase.id}`).set(worker.auth).expect(401);
      const again = await login(api, worker.user.username);
      await api.http.get(`/api/v1/cases/${kase.id}`).set(again.auth).expect(404);
      const notices = (await inbox(supervisor)).filter((n) => n.kind === 'case.reassignment_needed');
      expect(notices).toEqual([expect.objectContaining({ caseId: kase.id })]);
      expect(JSON.stringify(notices)).not.toContain('Sương');
      const listed = await api.http.get(`/api/v1/cases?assigneeId=${worker.user.id}&communeCode=${KIM_LONG}`).set(supervisor.auth).expect(200);
      expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([kase.id]);
    });
  });
});
