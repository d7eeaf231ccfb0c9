import { createHmac } from 'node:crypto';
import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { KIM_LONG, login, newUser, PASSWORD, PHU_XUAN, SignedIn, signedIn } from '../support/factories';

/*
 * Issue 10, item 3: an access token is bound to the user's session version (sv) and to its
 * sign-in (sid, the refresh-token family). A logout, a new password, a disable, a new role or
 * new communes end it on the next request, not when it expires; and a token is taken only with
 * the claims that make this possible and a lifetime no longer than JWT_ACCESS_TTL.
 */

const NEW_PASSWORD = 'Lantern-orbit-57-quietly';
const RESET_PASSWORD = 'Marble-canyon-93-softly';

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A JWT signed with the API's own key (the test setup gives each test process one). */
function forge(payload: object): string {
  const head = b64url({ alg: 'HS256', typ: 'JWT' });
  const body = b64url(payload);
  return `${head}.${body}.${createHmac('sha256', process.env.JWT_ACCESS_SECRET!).update(`${head}.${body}`).digest('base64url')}`;
}

function claimsOf(accessToken: string): { sub: string; role: string; sv: number; sid: string; iat: number; exp: number } {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
}

describe('sessions end when they should (issue 10, item 3)', () => {
  let api: TestApi;
  let admin: SignedIn;
  beforeAll(async () => {
    api = await startApi();
    admin = await signedIn(api, Role.Admin);
  });
  afterAll(() => api.close());

  const me = (token: string) => api.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  const refresh = (refreshToken: string) => api.http.post('/api/v1/auth/refresh').send({ refreshToken });
  const patchUser = (id: string, body: object) => api.http.patch(`/api/v1/users/${id}`).set(admin.auth).send(body);

  /** A user with two sign-ins (two devices), both working. */
  async function twoSessions(role = Role.Caseworker): Promise<{ id: string; username: string; first: SignedIn; second: SignedIn }> {
    const user = await newUser(api, role);
    const first = await login(api, user.username);
    const second = await login(api, user.username);
    await me(first.accessToken).expect(200);
    await me(second.accessToken).expect(200);
    return { id: user.id, username: user.username, first, second };
  }

  async function expectDead(session: SignedIn): Promise<void> {
    const res = await me(session.accessToken).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    await refresh(session.refreshToken).expect(401);
  }

  describe('logout', () => {
    it('stops a stolen access token at once when its owner signs out with the refresh token, other devices carry on', async () => {
      const { first, second } = await twoSessions();
      await api.http.post('/api/v1/auth/logout').set(first.auth).send({ refreshToken: first.refreshToken }).expect(204);
      await expectDead(first);
      await me(second.accessToken).expect(200);
      await refresh(second.refreshToken).expect(200);
    });

    it('stops the access token and its refresh token when signing out without a body', async () => {
      const { first, second } = await twoSessions();
      await api.http.post('/api/v1/auth/logout').set(first.auth).expect(204);
      await expectDead(first);
      await me(second.accessToken).expect(200);
      await refresh(second.refreshToken).expect(200);
    });

    it('keeps refusing a token of the ended sign-in even with the current session version (no resurrection by sid)', async () => {
      const { id, first, second } = await twoSessions();
      const { sv, sid, role } = claimsOf(first.accessToken);
      await api.http.post('/api/v1/auth/logout').set(first.auth).expect(204);
      const now = Math.floor(Date.now() / 1000);
      const sameSignIn = forge({ sub: id, role, sv, sid, iat: now, exp: now + 600 });
      await me(sameSignIn).expect(401);
      // The same forged shape for the living sign-in works: only the ended sid is refused.
      const living = forge({ sub: id, role, sv, sid: claimsOf(second.accessToken).sid, iat: now, exp: now + 600 });
      await me(living).expect(200);
    });
  });

  describe('own password change', () => {
    it('ends every earlier token (a thief signed in with the old password is out) and returns a working pair', async () => {
      const { first, second } = await twoSessions();
      const res = await api.http.post('/api/v1/me/password').set(first.auth).send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }).expect(200);
      expect(res.body).toEqual(expect.objectContaining({ accessToken: expect.any(String), refreshToken: expect.any(String) }));
      await expectDead(first);
      await expectDead(second);
      await me(res.body.accessToken).expect(200);
      await refresh(res.body.refreshToken).expect(200);
    });
  });

  describe('changes by an administrator', () => {
    it('a password reset ends the sessions of whoever knew the old password', async () => {
      const { id, first, second } = await twoSessions();
      await patchUser(id, { password: RESET_PASSWORD }).expect(200);
      await expectDead(first);
      await expectDead(second);
    });

    it('disable then enable does not bring old tokens back', async () => {
      const { id, username, first } = await twoSessions();
      await patchUser(id, { active: false }).expect(200);
      await me(first.accessToken).expect(401);
      await patchUser(id, { active: true }).expect(200);
      await expectDead(first);
      // The account itself works again: a new sign-in does.
      const fresh = await login(api, username);
      await me(fresh.accessToken).expect(200);
    });

    it('a role change ends tokens issued for the old role', async () => {
      const { id, first } = await twoSessions(Role.IntakeOfficer);
      const res = await patchUser(id, { role: Role.Caseworker }).expect(200);
      expect(res.body.role).toBe(Role.Caseworker);
      await expectDead(first);
    });

    it('a commune change ends tokens issued for the old scope', async () => {
      const { id, first } = await twoSessions();
      const res = await patchUser(id, { communeCodes: [KIM_LONG] }).expect(200);
      expect(res.body.communeCodes).toEqual([KIM_LONG]);
      expect(res.body.communeCodes).not.toContain(PHU_XUAN);
      await expectDead(first);
    });
  });

  describe('token claims', () => {
    it('refuses tokens signed with the right key that never expire, live too long, or lack or misstate sv and sid', async () => {
      const user = await newUser(api, Role.Caseworker);
      const session = await login(api, user.username);
      const { sv, sid, role } = claimsOf(session.accessToken);
      const now = Math.floor(Date.now() / 1000);
      const base = { sub: user.id, role, sv, sid, iat: now };
      // The forging is right: a well-formed token of this key and session is accepted.
      await me(forge({ ...base, exp: now + 600 })).expect(200);
      const bad: Record<string, object> = {
        'no exp (would never expire)': base,
        'ten years (exp - iat > JWT_ACCESS_TTL)': { ...base, exp: now + 10 * 365 * 86400 },
        'one second longer than JWT_ACCESS_TTL': { ...base, exp: now + 901 },
        'no iat': { sub: user.id, role, sv, sid, exp: now + 600 },
        'no sv': { sub: user.id, role, sid, iat: now, exp: now + 600 },
        'no sid': { sub: user.id, role, sv, iat: now, exp: now + 600 },
        'a wrong sv': { ...base, sv: sv + 1, exp: now + 600 },
        'sv as a string': { ...base, sv: String(sv), exp: now + 600 },
      };
      const accepted: string[] = [];
      for (const [name, payload] of Object.entries(bad)) {
        const res = await me(forge(payload));
        if (res.status !== 401 || res.body.error?.code !== 'UNAUTHENTICATED') accepted.push(`${name}: ${res.status}`);
      }
      expect(accepted).toEqual([]);
    });
  });
});
