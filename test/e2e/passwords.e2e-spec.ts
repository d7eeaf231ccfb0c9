import { randomBytes } from 'node:crypto';
import { passwordProblems } from '@haven/auth';
import { Role } from '@haven/domain';
import { DEMO_PASSWORD_DEFAULT, DEMO_USERS } from '../../apps/cli/src/demo/demo-data';
import { startApi, TestApi } from '../support/app';
import { PHU_XUAN, SignedIn, signedIn } from '../support/factories';

/*
 * Issue 10, item 4: passwords guessable from a list, the product's name or the owner's name were
 * accepted; a password an administrator chose stayed in use for good; and the published demo
 * default was a guessable one.
 */

const STRONG = 'Copper-meadow-71-drifting';
const CHOSEN = 'Willow-harbour-28-evenly';
const RESET = 'Granite-falcon-64-lately';

describe('password strength and temporary passwords (issue 10, item 4)', () => {
  let api: TestApi;
  let admin: SignedIn;
  beforeAll(async () => {
    api = await startApi();
    admin = await signedIn(api, Role.Admin);
  });
  afterAll(() => api.close());

  const hex = () => randomBytes(4).toString('hex');
  const createUser = (body: object) => api.http.post('/api/v1/users').set(admin.auth).send(body);
  const signIn = (username: string, password: string) => api.http.post('/api/v1/auth/login').send({ username, password });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const usersNamed = async (username: string) => (await api.db.query(`SELECT id FROM app_user WHERE username = $1`, [username])).length;

  describe('an administrator creating a user', () => {
    const weak: [string, (username: string) => string][] = [
      ['a short common one (Password12)', () => 'Password12'],
      ['a common word with digits (password123)', () => 'password123'],
      ['a keyboard walk (Qwerty12345)', () => 'Qwerty12345'],
      ['the published demo default of earlier releases (Haven-demo-2026)', () => 'Haven-demo-2026'],
      ['one containing the username, in other case and without its dots', (username) => `${username.replace(/\./g, '').toUpperCase()}-violet-harbour-93`],
      ['one containing the full name without diacritics', () => 'nguyenthilanhuong-orbit-7'],
    ];

    it.each(weak)('refuses %s with 400 WEAK_PASSWORD naming password, and writes no user', async (_name, passwordFor) => {
      const username = `lan.huong.${hex()}`;
      const res = await createUser({
        username,
        fullName: 'Nguyễn Thị Lan Hương',
        role: Role.Caseworker,
        communeCodes: [PHU_XUAN],
        password: passwordFor(username),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('WEAK_PASSWORD');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('password');
      expect(await usersNamed(username)).toBe(0);
    });

    it('accepts a strong one, as a temporary password', async () => {
      const username = `lan.huong.${hex()}`;
      const res = await createUser({ username, fullName: 'Nguyễn Thị Lan Hương', role: Role.Caseworker, communeCodes: [PHU_XUAN], password: STRONG }).expect(
        201,
      );
      expect(res.body.mustChangePassword).toBe(true);
      expect(await usersNamed(username)).toBe(1);
    });
  });

  describe('a user with a password an administrator set', () => {
    it('must choose a new one before anything else, proving the current one, and the new one replaces it', async () => {
      const username = `minh.${hex()}`;
      const created = await createUser({ username, fullName: 'Trần Văn Minh', role: Role.Caseworker, communeCodes: [PHU_XUAN], password: STRONG }).expect(201);

      // The administrator knows this password: it opens only the way to a new one.
      const first = await signIn(username, STRONG).expect(200);
      expect(first.body.user.mustChangePassword).toBe(true);
      const temporary = bearer(first.body.accessToken);
      const blocked = await api.http.get('/api/v1/cases').set(temporary).expect(403);
      expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      await api.http.get('/api/v1/me').set(temporary).expect(200);

      const change = (body: object) => api.http.post('/api/v1/me/password').set(temporary).send(body);
      const fields = (res: { body: { error: { details: { field: string }[] } } }) => res.body.error.details.map((d) => d.field);

      const wrong = await change({ currentPassword: 'Not-the-password-1', newPassword: CHOSEN }).expect(400);
      expect(fields(wrong)).toEqual(['currentPassword']);
      const weak = await change({ currentPassword: STRONG, newPassword: 'Qwerty12345' }).expect(400);
      expect(weak.body.error.code).toBe('WEAK_PASSWORD');
      expect(fields(weak)).toContain('newPassword');
      const same = await change({ currentPassword: STRONG, newPassword: STRONG }).expect(400);
      expect(fields(same)).toEqual(['newPassword']);
      // Nothing changed so far: the temporary password still signs in, still temporary.
      await api.http.get('/api/v1/cases').set(temporary).expect(403);

      const done = await change({ currentPassword: STRONG, newPassword: CHOSEN }).expect(200);
      expect(done.body.user).toEqual(expect.objectContaining({ id: created.body.id, mustChangePassword: false }));
      await api.http.get('/api/v1/cases').set(bearer(done.body.accessToken)).expect(200);
      await signIn(username, STRONG).expect(401);
      const again = await signIn(username, CHOSEN).expect(200);
      expect(again.body.user.mustChangePassword).toBe(false);
      await api.http.get('/api/v1/cases').set(bearer(again.body.accessToken)).expect(200);

      // A reset by the administrator is temporary again.
      const reset = await api.http.patch(`/api/v1/users/${created.body.id}`).set(admin.auth).send({ password: RESET }).expect(200);
      expect(reset.body.mustChangePassword).toBe(true);
      const afterReset = await signIn(username, RESET).expect(200);
      expect(afterReset.body.user.mustChangePassword).toBe(true);
      expect((await api.http.get('/api/v1/cases').set(bearer(afterReset.body.accessToken)).expect(403)).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    });

    it('is refused a weak reset by the administrator too', async () => {
      const username = `hoa.${hex()}`;
      const created = await createUser({ username, fullName: 'Lê Thị Hoa', role: Role.Caseworker, communeCodes: [PHU_XUAN], password: STRONG }).expect(201);
      const res = await api.http.patch(`/api/v1/users/${created.body.id}`).set(admin.auth).send({ password: 'Haven-demo-2026' }).expect(400);
      expect(res.body.error.code).toBe('WEAK_PASSWORD');
      await signIn(username, STRONG).expect(200);
    });
  });

  describe('the demo users', () => {
    it('get a default that the policy accepts for each of them, and the old guessable default is refused', () => {
      expect(DEMO_PASSWORD_DEFAULT).not.toBe('Haven-demo-2026');
      for (const user of DEMO_USERS) {
        expect({ username: user.username, problems: passwordProblems(DEMO_PASSWORD_DEFAULT, user) }).toEqual({ username: user.username, problems: [] });
        expect(passwordProblems('Haven-demo-2026', user)).not.toEqual([]);
      }
    });
  });
});
