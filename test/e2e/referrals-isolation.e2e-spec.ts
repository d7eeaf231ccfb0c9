import { randomUUID } from 'node:crypto';
import { DeclaredRoute, RouteAudit } from '@haven/auth';
import type { Response } from 'supertest';
import { startApi, TestApi } from '../support/app';
import { openCase } from '../support/cases';
import { PHU_XUAN, SignedIn } from '../support/factories';
import { addNote, recordSharingConsent, referralBody, ReferralWorld, referralWorld, SECRET, sendReferral, sensitiveCase } from '../support/referrals';

jest.setTimeout(120_000);

interface Outcome {
  route: string;
  path: string;
  status: number;
  leaked: string[];
}

/** A body that gets past validation on the referral steps, so that the answer is about access, not input. */
const BODIES: Record<string, object> = {
  'POST referrals/:id/decline': { reason: 'We cannot take it' },
  'POST referrals/:id/updates': { body: 'Progress' },
  'POST referrals/:id/complete': { outcome: 'Done' },
  'POST referrals/:id/cancel': { reason: 'Withdrawn' },
};

describe('a partner reaches nothing but its own organisation’s referrals', () => {
  let api: TestApi;
  let world: ReferralWorld;
  let kase: { id: string; caseNumber: string; child: { id: string } };
  let referralA: string;
  let markers: string[];

  beforeAll(async () => {
    api = await startApi();
    world = await referralWorld(api);
    // Organisation A's work: a referral it accepted and reports on, with a shared note.
    kase = await sensitiveCase(api, world);
    await recordSharingConsent(api, world.caseworker.auth, kase.id);
    const note = await addNote(api, world.caseworker.auth, kase.id, 'shared', 'Shared with organisation A only');
    referralA = (await sendReferral(api, world.caseworker.auth, kase.id, referralBody(world.orgA.id, { sharedNoteIds: [note] }))).id;
    await api.http.post(`/api/v1/referrals/${referralA}/accept`).set(world.partnerA.auth).send({}).expect(200);
    await api.http.post(`/api/v1/referrals/${referralA}/updates`).set(world.partnerA.auth).send({ body: 'Organisation A progress' }).expect(201);
    // Organisation B has work of its own, on another case, so its lists are not trivially empty.
    const otherCase = await openCase(api, world.supervisor.auth, {
      assigneeId: world.caseworker.user.id,
      child: { fullName: 'Trần Thị Bình', sex: 'female', dateOfBirth: '2020-02-02', communeCode: PHU_XUAN },
    });
    await recordSharingConsent(api, world.caseworker.auth, otherCase.id);
    await sendReferral(api, world.caseworker.auth, otherCase.id, referralBody(world.orgB.id));
    markers = [
      kase.id,
      kase.caseNumber,
      kase.child.id,
      referralA,
      note,
      world.orgA.id,
      world.orgA.name,
      world.partnerA.user.id,
      SECRET.fullName,
      SECRET.address,
      SECRET.reporterName,
      SECRET.incident,
      'Shared with organisation A only',
      'Organisation A progress',
      'lan.caseworker@example.org',
    ];
  });
  afterAll(() => api.close());

  /** A concrete path for a route: A's records where the route names a case, referral, organisation, child or user. */
  function pathOf(route: DeclaredRoute): string {
    const resource = route.path.split('/')[0];
    const ids: Record<string, string> = {
      cases: kase.id,
      referrals: referralA,
      organisations: world.orgA.id,
      children: kase.child.id,
      users: world.caseworker.user.id,
    };
    const filled = route.path.replace(/:(\w+)/g, (_m, name: string) => {
      if (name === 'id') return ids[resource] ?? randomUUID();
      if (/code/i.test(name)) return '46';
      if (/date/i.test(name)) return '2026-09-02';
      if (name === 'name') return 'caseload';
      return randomUUID();
    });
    return `/api/v1/${filled}`;
  }

  async function walk(who: SignedIn, skip: (route: string) => boolean = () => false): Promise<Outcome[]> {
    const routes = api.app.get(RouteAudit).routes();
    const outcomes: Outcome[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      // Public routes (login, refresh, health, metrics) take no token and hold no case data. Logout
      // holds none either, and now ends the caller's sign-in by its access token alone (issue 10).
      if (route.rule?.kind === 'public' || name === 'POST auth/logout' || skip(name)) continue;
      const path = pathOf(route);
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const req = api.http[method](path).set(who.auth);
      const res: Response = method === 'get' || method === 'delete' ? await req : await req.send(BODIES[name] ?? {});
      const text = JSON.stringify(res.body ?? {}) + (res.text ?? '');
      outcomes.push({ route: name, path, status: res.status, leaked: markers.filter((m) => text.includes(m)) });
    }
    return outcomes;
  }

  it('walks the route table with a partner of organisation B: 404 on A’s referral, on every case route and every list it may not use, nothing of A anywhere', async () => {
    const outcomes = await walk(world.partnerB);
    const names = outcomes.map((o) => o.route);
    // The walk is not vacuous: the case routes and every referral route are in it.
    expect(names).toEqual(
      expect.arrayContaining([
        'GET cases',
        'GET cases/:id',
        'GET cases/:id/timeline',
        'POST cases/:id/referrals',
        'GET cases/:id/referrals',
        'GET referrals',
        'GET referrals/:id',
        'POST referrals/:id/accept',
        'POST referrals/:id/decline',
        'POST referrals/:id/updates',
        'POST referrals/:id/complete',
        'POST referrals/:id/cancel',
        'GET organisations',
        'GET organisations/:id',
      ]),
    );
    // Nothing of organisation A's referral or its case, in any answer of any route.
    expect(outcomes.filter((o) => o.leaked.length > 0)).toEqual([]);
    // Never a server error.
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    // Every case route and every child route, lists included: 404, as if they did not exist.
    const caseRoutes = outcomes.filter((o) => /^\w+ (cases|children)\b/.test(o.route));
    expect(caseRoutes.map((o) => [o.route, o.status])).toEqual(caseRoutes.map((o) => [o.route, 404]));
    // A's referral and A's organisation, by id: not found, as if they did not exist.
    const byId = outcomes.filter(
      (o) => /^\w+ (referrals|organisations)\/:id/.test(o.route) && o.route !== 'POST referrals/:id/cancel' && o.route !== 'PATCH organisations/:id',
    );
    expect(byId.map((o) => [o.route, o.status])).toEqual(byId.map((o) => [o.route, 404]));
    expect(outcomes.find((o) => o.route === 'POST referrals/:id/cancel')?.status).toBe(404);

    // Lists answer B's own things only.
    const inbox = await api.http.get('/api/v1/referrals?pageSize=100').set(world.partnerB.auth).expect(200);
    expect(inbox.body.total).toBe(1);
    expect(inbox.body.items[0].organisation.id).toBe(world.orgB.id);
    const orgs = await api.http.get('/api/v1/organisations?pageSize=100').set(world.partnerB.auth).expect(200);
    expect(orgs.body.items.map((o: { id: string }) => o.id)).toEqual([world.orgB.id]);

    // And A's referral is untouched by all of it.
    const [row] = await api.db.query(`SELECT status, version FROM referral WHERE id = $1`, [referralA]);
    expect(row).toEqual({ status: 'accepted', version: 3 });
  });

  it('even the receiving organisation’s partner reaches no case route: the referral is its only door', async () => {
    // Its referral routes are its legitimate door (and would change its referral): everything else is walked.
    const outcomes = await walk(world.partnerA, (route) => /^\w+ referrals\b/.test(route));
    const caseRoutes = outcomes.filter((o) => /^\w+ (cases|children)\b/.test(o.route));
    expect(caseRoutes.length).toBeGreaterThan(10);
    expect(caseRoutes.filter((o) => o.status !== 404)).toEqual([]);
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    // What it does see of the case is the minimum-necessary view, through the referral.
    const view = await api.http.get(`/api/v1/referrals/${referralA}`).set(world.partnerA.auth).expect(200);
    expect(view.body.view).toBe('partner');
    for (const secret of [kase.id, SECRET.fullName, SECRET.address, SECRET.reporterName, SECRET.incident])
      expect(JSON.stringify(view.body)).not.toContain(secret);
  });
});
