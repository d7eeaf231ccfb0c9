import { createHash, randomUUID } from 'node:crypto';
import { DeclaredRoute, RouteAudit } from '@haven/auth';
import { Role } from '@haven/domain';
import type { Response } from 'supertest';
import { startApi, TestApi } from '../support/app';
import { DAY, isoIn, newReport } from '../support/case-steps';
import { FINDINGS, intakeBody, openCase } from '../support/cases';
import { HUE, login, newUser, PHU_XUAN, signedIn, SignedIn } from '../support/factories';
import { addNote, minutesAgo, newOrganisation, organisationBody, partnerOf, recordSharingConsent, referralBody, sendReferral } from '../support/referrals';

/*
 * Issue 10: an administrator of province 01 listed Huế's (46) users, reset a Huế manager's
 * password, signed in as that manager and read Huế children's cases. Here province 46 is seeded
 * fully (every role, a case with a child, a note, an accepted referral, a deadline-policy override,
 * an admin-audit trail, notices and a delivery), then an administrator and a manager of province 01
 * walk every route the route audit lists, every method, with 46's ids in the path, bodies that pass
 * validation and 46 in the query: nothing of 46 in any answer, no write accepted, 46's rows as before.
 */

jest.setTimeout(120_000);

const HA_NOI = '01';
/** Two communes of Hà Nội (01), for the 01 caseworker who gives the 01 lists something of their own. */
const BA_DINH = '00004';
const NGOC_HA = '00008';
const STRONG = 'Violet-Lantern-Harbour-93';

/** Huế's case: every field distinctive, so that any leak is unmistakable. */
const HUE_SECRET = {
  fullName: 'Tôn Nữ Thảo Nguyên Huế',
  address: 'Kiệt 17 Chi Lăng, tổ 9, phường Phú Xuân',
  reporterName: 'Hồ Văn Chương Báo',
  reporterPhone: '0905 464 646',
  incident: 'Seen with burns on both hands at the Đông Ba market',
  note: 'Huế note: the aunt in Kim Long offered a room',
  update: 'Huế partner progress: first counselling session held',
  placement: 'Huế shelter, room 4 of the provincial centre',
  orgName: 'Trung tâm Trợ giúp pháp lý riêng của Huế 46',
  orgEmail: 'hue46-org@example.org',
  dateOfBirth: '2015-07-09',
};

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Outcome {
  caller: string;
  route: string;
  url: string;
  status: number;
  code: unknown;
  leaked: string[];
  body: unknown;
}

/**
 * Writes that act on the caller's own account, not on anything of 46: their 2xx (or 400) is not a
 * cross-province write. What they did is checked anyway by the snapshot of 46's rows.
 */
const OWN_WRITES = new Set(['POST me/notifications/read-all', 'POST me/password']);

/**
 * Refusals that are about the request, not about access, and are the right answer: sign-out with
 * the refresh token of a 46 manager's sign-in, not the caller's (401 INVALID_REFRESH_TOKEN, nothing ended).
 */
const JUSTIFIED: Record<string, { status: number; code: string }> = {
  'POST auth/logout': { status: 401, code: 'INVALID_REFRESH_TOKEN' },
};

/**
 * By design, not a leak of 46's data: staff (the 01 manager) find every active partner organisation
 * of the country, to refer to (OrganisationsService.visible; a referral may go to another province's
 * organisation). Only these routes, only to the manager, and only the organisation's own directory
 * entry (its id, name and contact e-mail): never anything of its referrals or of 46's people.
 */
const DIRECTORY_ROUTES = new Set(['GET organisations', 'GET organisations/:id']);

describe('province isolation: an administrator and a manager of 01 reach nothing of 46 (issue 10)', () => {
  let api: TestApi;
  let routes: DeclaredRoute[];

  // Province 46.
  let admin46: SignedIn;
  let manager46: SignedIn & { password: string; refreshToken: string };
  let supervisor46: SignedIn;
  let caseworker46: SignedIn;
  let intake46: SignedIn;
  let partner46: SignedIn;
  let viaHttp46: { id: string; username: string };
  let org46: { id: string; name: string };
  let kase: { id: string; caseNumber: string; version: number; child: { id: string; version: number } };
  let referralId: string;
  let noteId: string;
  let consentId: string;
  let separationId: string;
  let deadlineIds: string[];
  let notificationIds: string[];
  let deliveryId: string;
  let policyVersion: number;
  let markers: string[];

  // Province 01: the callers.
  let admin01: SignedIn;
  let manager01: SignedIn;

  const expectOk = (res: Response, status: number, what: string) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };

  /** 46's rows as they are: compared whole before and after the walk. */
  async function snapshot46(): Promise<Record<string, unknown>> {
    const q = async (sql: string) => (await api.db.query(sql)) as unknown[];
    const users46 = `SELECT id FROM app_user WHERE province_code = '${HUE}'`;
    const cases46 = `SELECT id FROM "case" WHERE province_code = '${HUE}'`;
    const tables = {
      app_user: await q(
        `SELECT id, username, full_name, email, role, active, password_hash, session_version, must_change_password, province_code, organisation_id, version
           FROM app_user WHERE province_code = '${HUE}' ORDER BY id`,
      ),
      user_commune: await q(`SELECT user_id, commune_code FROM user_commune WHERE user_id IN (${users46}) ORDER BY user_id, commune_code`),
      refresh_token: await q(`SELECT id, family_id, revoked_at FROM refresh_token WHERE user_id IN (${users46}) ORDER BY id`),
      organisation: await q(`SELECT * FROM organisation WHERE province_code = '${HUE}' ORDER BY id`),
      deadline_policy: await q(`SELECT * FROM deadline_policy WHERE province_code = '${HUE}'`),
      case: await q(`SELECT * FROM "case" WHERE province_code = '${HUE}' ORDER BY id`),
      child: await q(`SELECT * FROM child WHERE province_code = '${HUE}' ORDER BY id`),
      referral: await q(`SELECT * FROM referral WHERE case_id IN (${cases46}) ORDER BY id`),
      referral_update: await q(`SELECT u.* FROM referral_update u JOIN referral r ON r.id = u.referral_id WHERE r.case_id IN (${cases46}) ORDER BY u.id`),
      case_note: await q(`SELECT * FROM case_note WHERE case_id IN (${cases46}) ORDER BY id`),
      consent: await q(`SELECT * FROM consent WHERE case_id IN (${cases46}) ORDER BY id`),
      separation: await q(`SELECT * FROM separation WHERE case_id IN (${cases46}) ORDER BY id`),
      case_event: await q(`SELECT id FROM case_event WHERE case_id IN (${cases46}) ORDER BY id`),
      deadline: await q(`SELECT * FROM deadline WHERE province_code = '${HUE}' ORDER BY id`),
      notification: await q(`SELECT id, recipient_id, read_at FROM notification WHERE recipient_id IN (${users46}) ORDER BY id`),
      admin_audit: await q(`SELECT id FROM admin_audit WHERE province_code = '${HUE}' ORDER BY id`),
    };
    return { tables, hash: createHash('sha256').update(JSON.stringify(tables)).digest('hex') };
  }

  beforeAll(async () => {
    api = await startApi();
    routes = api.app.get(RouteAudit).routes();

    // ---- Province 46, every role. Made by the operator (any province, passwords of the test's choosing).
    admin46 = await signedIn(api, Role.Admin, { fullName: 'Quản Trị Viên Huế Bốn Sáu', email: 'admin46@example.org' });
    const manager = await newUser(api, Role.Manager, { fullName: 'Phan Thị Quản Lý Huế', email: 'manager46@example.org' });
    const managerSession = await login(api, manager.username, manager.password);
    manager46 = { ...managerSession, password: manager.password };
    supervisor46 = await signedIn(api, Role.Supervisor, { fullName: 'Trương Văn Giám Sát Huế', email: 'supervisor46@example.org' });
    caseworker46 = await signedIn(api, Role.Caseworker, { fullName: 'Ngô Thị Công Tác Huế', email: 'caseworker46@example.org' });
    intake46 = await signedIn(api, Role.IntakeOfficer, { fullName: 'Lý Văn Tiếp Nhận Huế', email: 'intake46@example.org' });

    // An organisation of 46 (through 46's admin: audited) and its partner user.
    org46 = await newOrganisation(api, admin46.auth, { name: HUE_SECRET.orgName, contactEmail: HUE_SECRET.orgEmail });
    partner46 = await partnerOf(api, org46.id, 'Đặng Thị Đối Tác Huế');

    // 46's admin at work over HTTP: a caseworker created (audited; announced to 46's managers), then changed (audited).
    const created = expectOk(
      await api.http
        .post('/api/v1/users')
        .set(admin46.auth)
        .send({
          username: `hue46-new-${randomUUID().slice(0, 8)}`,
          fullName: 'Võ Thị Mới Tạo Huế',
          role: 'caseworker',
          communeCodes: [PHU_XUAN],
          email: 'new46@example.org',
          password: STRONG,
        }),
      201,
      'POST /users as 46 admin',
    );
    viaHttp46 = { id: created.body.id, username: created.body.username };
    expectOk(
      await api.http.patch(`/api/v1/users/${viaHttp46.id}`).set(admin46.auth).send({ fullName: 'Võ Thị Đã Đổi Huế' }),
      200,
      'PATCH /users/:id as 46 admin',
    );
    // A deadline-policy override of 46 (audited).
    const policy = expectOk(
      await api.http
        .put('/api/v1/settings/deadline-policy')
        .set(admin46.auth)
        .send({ provinceCode: HUE, version: 0, policy: { kinds: { plan_submission: { duration: { value: 7, unit: 'working_days' } } } } }),
      200,
      'PUT deadline policy as 46 admin',
    );
    policyVersion = policy.body.version;

    // Huế's case: a child, an address, a named reporter, an incident; consents, a shared note, a separation.
    const opened = await openCase(api, supervisor46.auth, {
      assigneeId: caseworker46.user.id,
      child: { fullName: HUE_SECRET.fullName, sex: 'female', dateOfBirth: HUE_SECRET.dateOfBirth, communeCode: PHU_XUAN, address: HUE_SECRET.address },
      incident: { concernTypes: ['physical_violence'], communeCode: PHU_XUAN, description: HUE_SECRET.incident, immediateDanger: false },
      reporter: { relationship: 'neighbour', name: HUE_SECRET.reporterName, phone: HUE_SECRET.reporterPhone, identityConsent: true },
    });
    await recordSharingConsent(api, caseworker46.auth, opened.id);
    noteId = await addNote(api, caseworker46.auth, opened.id, 'shared', HUE_SECRET.note);
    const current = expectOk(await api.http.get(`/api/v1/cases/${opened.id}`).set(supervisor46.auth), 200, 'GET case');
    expectOk(
      await api.http
        .post(`/api/v1/cases/${opened.id}/separations`)
        .set(supervisor46.auth)
        .send({ startAt: minutesAgo(60), endAt: isoIn(10 * DAY), placement: HUE_SECRET.placement, version: current.body.version }),
      201,
      'separation',
    );
    // A referral to 46's organisation, accepted by its partner, with an update.
    referralId = (await sendReferral(api, caseworker46.auth, opened.id, referralBody(org46.id, { sharedNoteIds: [noteId] }))).id;
    expectOk(await api.http.post(`/api/v1/referrals/${referralId}/accept`).set(partner46.auth).send({}), 200, 'accept');
    expectOk(await api.http.post(`/api/v1/referrals/${referralId}/updates`).set(partner46.auth).send({ body: HUE_SECRET.update }), 201, 'update');

    const detail = expectOk(await api.http.get(`/api/v1/cases/${opened.id}`).set(supervisor46.auth), 200, 'GET case');
    const child = expectOk(await api.http.get(`/api/v1/children/${opened.child.id}`).set(supervisor46.auth), 200, 'GET child');
    kase = { id: opened.id, caseNumber: opened.caseNumber, version: detail.body.version, child: { id: opened.child.id, version: child.body.version } };
    [{ id: consentId }] = await api.db.query(`SELECT id FROM consent WHERE case_id = $1 ORDER BY given_at LIMIT 1`, [kase.id]);
    [{ id: separationId }] = await api.db.query(`SELECT id FROM separation WHERE case_id = $1`, [kase.id]);
    deadlineIds = (await api.db.query(`SELECT id FROM deadline WHERE case_id = $1`, [kase.id])).map((r: { id: string }) => r.id);
    expect(deadlineIds.length).toBeGreaterThan(0);
    notificationIds = (await api.db.query(`SELECT id FROM notification WHERE recipient_id = $1`, [manager46.user.id])).map((r: { id: string }) => r.id);
    // The announcement of the new caseworker to 46's manager.
    expect(notificationIds.length).toBeGreaterThan(0);
    // What the worker records when e-mail is configured and every try fails: the dead-letter row of that notice.
    [{ id: deliveryId }] = await api.db.query(
      `INSERT INTO delivery (notification_id, channel, target, status, attempts, last_error, dead_at)
       VALUES ($1, 'email', $2, 'dead', 5, 'smtp ECONNECTION', now()) RETURNING id`,
      [notificationIds[0], manager46.user.email],
    );
    const audit46 = await api.db.query(`SELECT count(*)::int AS n FROM admin_audit WHERE province_code = $1 AND actor_id = $2`, [HUE, admin46.user.id]);
    expect(audit46[0].n).toBeGreaterThanOrEqual(4);

    const users46 = [admin46, manager46, supervisor46, caseworker46, intake46, partner46].map((s) => s.user);
    markers = [
      HUE_SECRET.fullName,
      HUE_SECRET.address,
      HUE_SECRET.reporterName,
      HUE_SECRET.reporterPhone,
      HUE_SECRET.incident,
      HUE_SECRET.note,
      HUE_SECRET.update,
      HUE_SECRET.placement,
      HUE_SECRET.orgName,
      HUE_SECRET.orgEmail,
      kase.id,
      kase.caseNumber,
      kase.child.id,
      referralId,
      noteId,
      consentId,
      separationId,
      org46.id,
      deliveryId,
      ...deadlineIds,
      ...notificationIds,
      viaHttp46.id,
      viaHttp46.username,
      'Võ Thị Mới Tạo Huế',
      'Võ Thị Đã Đổi Huế',
      'new46@example.org',
      ...users46.flatMap((u) => [u.id, u.username, u.fullName, ...(u.email ? [u.email] : [])]),
    ];

    // ---- Province 01: the callers, with a little of their own so that their lists are not trivially empty.
    admin01 = await signedIn(api, Role.Admin, { provinceCode: HA_NOI, communeCodes: [], fullName: 'Quản Trị Hà Nội' });
    manager01 = await signedIn(api, Role.Manager, { provinceCode: HA_NOI, communeCodes: [], fullName: 'Quản Lý Hà Nội' });
    await newOrganisation(api, admin01.auth, { provinceCode: HA_NOI, name: 'Trung tâm Hà Nội 01' });
    expectOk(
      await api.http
        .post('/api/v1/users')
        .set(admin01.auth)
        .send({
          username: `hanoi01-${randomUUID().slice(0, 8)}`,
          fullName: 'Đinh Văn Hà Nội',
          role: 'caseworker',
          communeCodes: [BA_DINH, NGOC_HA],
          password: STRONG,
        }),
      201,
      'POST /users as 01 admin',
    );
  });
  afterAll(() => api?.close());

  /** 46's ids in every path param. */
  function urlOf(route: DeclaredRoute): string {
    const resource = route.path.split('/')[0];
    const ids: Record<string, string> = {
      cases: kase.id,
      children: kase.child.id,
      referrals: referralId,
      organisations: org46.id,
      users: manager46.user.id,
      me: notificationIds[0],
    };
    const filled = route.path.replace(/:(\w+)/g, (_m, name: string) => {
      if (name === 'id') return ids[resource] ?? randomUUID();
      if (name === 'consentId') return consentId;
      if (name === 'sid') return separationId;
      if (name === 'code') return HUE;
      throw new Error(`no value for :${name} of ${route.path}`);
    });
    return `/api/v1/${filled}`;
  }

  /** A body that passes validation, so that the answer is about access, not input. */
  function bodyOf(name: string): object {
    const version = kase.version;
    const bodies: Record<string, object> = {
      'POST auth/logout': { refreshToken: manager46.refreshToken },
      // Not the caller's current password (every factory user has the same one): a change of their own password is no cross-province write.
      'POST me/password': { currentPassword: 'Not-the-current-one-77', newPassword: STRONG },
      'POST users': {
        username: `hijack-${randomUUID().slice(0, 8)}`,
        fullName: 'Kẻ Tấn Công',
        role: 'caseworker',
        provinceCode: HUE,
        communeCodes: [PHU_XUAN],
        password: STRONG,
      },
      'PATCH users/:id': { password: STRONG, role: 'manager' },
      'POST organisations': organisationBody({ provinceCode: HUE, name: 'Tổ chức giả mạo' }),
      'PATCH organisations/:id': { active: false },
      'PUT settings/deadline-policy': {
        provinceCode: HUE,
        version: policyVersion,
        policy: { kinds: { plan_submission: { duration: { value: 20, unit: 'working_days' } } } },
      },
      'POST cases': intakeBody({ child: { id: kase.child.id } }),
      'POST cases/:id/assignment': { assigneeId: caseworker46.user.id, version },
      'POST cases/:id/assessments': { type: 'initial', riskLevel: 'low', findings: FINDINGS, version },
      'POST cases/:id/emergency-measures': { measures: ['first_aid'], takenAt: minutesAgo(5), version },
      'POST cases/:id/separations': { startAt: minutesAgo(5), endAt: isoIn(DAY), placement: 'Elsewhere', version },
      'POST cases/:id/separations/:sid/end': { endedAt: minutesAgo(1), version },
      'POST cases/:id/notes': { kind: 'visit', visibility: 'internal', body: 'A visit', occurredAt: minutesAgo(10) },
      'POST cases/:id/consents': { giver: 'guardian', giverName: 'Someone', scopes: ['services'], givenAt: minutesAgo(10) },
      'POST cases/:id/consents/:consentId/withdraw': { withdrawnAt: minutesAgo(1) },
      'PUT cases/:id/plan': {
        goals: ['Safe'],
        actions: [{ serviceType: 'psychological', description: 'Counselling', dueAt: isoIn(30 * DAY) }],
        version,
      },
      'POST cases/:id/plan/submit': { version },
      'POST cases/:id/plan/approve': { version },
      'POST cases/:id/plan/reject': { comment: 'No', version },
      'POST cases/:id/closure': { reason: 'other', note: 'Closing', version },
      'POST cases/:id/closure/approve': { version },
      'POST cases/:id/closure/reject': { comment: 'No', version },
      'POST cases/:id/reopen': { ...newReport(), reason: 'Reopened from Hà Nội', version },
      'POST cases/:id/referrals': referralBody(org46.id),
      'PATCH children/:id': { address: 'Somewhere in Hà Nội', version: kase.child.version },
      'POST referrals/:id/accept': {},
      'POST referrals/:id/decline': { reason: 'We cannot take it' },
      'POST referrals/:id/updates': { body: 'Progress' },
      'POST referrals/:id/complete': { outcome: 'Done' },
      'POST referrals/:id/cancel': { reason: 'Withdrawn' },
    };
    return bodies[name] ?? {};
  }

  /** The queries a read is also sent with: 46 named where a list might take it, and 46's things searched for. */
  function queriesOf(name: string): string[] {
    const base = name.endsWith('/export') ? '?format=csv' : '';
    const join = (q: string) => (base ? `${base}&${q}` : `?${q}`);
    const extra: Record<string, string[]> = {
      'GET users': [`q=${encodeURIComponent(manager46.user.username)}`, 'role=manager', `communeCode=${PHU_XUAN}`],
      'GET organisations': [`q=${encodeURIComponent('riêng của Huế')}`, 'active=true', `communeCode=${PHU_XUAN}`],
      'GET admin-audit': [`targetId=${manager46.user.id}`, `targetId=${viaHttp46.id}`, `targetId=${HUE}`, `actorId=${admin46.user.id}`],
      'GET children': [`q=${encodeURIComponent(HUE_SECRET.fullName)}`],
      'GET children/duplicates': [`fullName=${encodeURIComponent(HUE_SECRET.fullName)}&dateOfBirth=${HUE_SECRET.dateOfBirth}&communeCode=${PHU_XUAN}`],
      'GET cases': [`q=${encodeURIComponent(HUE_SECRET.fullName)}`, `q=${encodeURIComponent(kase.caseNumber)}`],
      'GET deadlines': [`assigneeId=${caseworker46.user.id}`, 'status=open'],
      'GET referrals': [`organisationId=${org46.id}`],
      'GET deliveries': ['status=dead', 'channel=email'],
    };
    const always = name === 'GET children/duplicates' ? [] : [base, join(`provinceCode=${HUE}`), join(`communeCode=${PHU_XUAN}`)];
    return [...always, ...(extra[name] ?? []).map(join)];
  }

  async function walk(who: SignedIn, callerName: string): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    // Sign-out last: were it to succeed, it would end the caller's own session.
    const ordered = [...routes].sort((a, b) => Number(a.path === 'auth/logout') - Number(b.path === 'auth/logout'));
    for (const route of ordered) {
      // Public routes (login, refresh, health, metrics) take no token: the attack chain below covers sign-in.
      if (route.rule?.kind === 'public') continue;
      const name = `${route.method} ${route.path}`;
      const method = route.method.toLowerCase() as Method;
      const urls = method === 'get' ? queriesOf(name).map((q) => urlOf(route) + q) : [urlOf(route)];
      for (const url of urls) {
        const req = api.http[method](url).set(who.auth);
        const res: Response = method === 'get' || method === 'delete' ? await req : await req.send(bodyOf(name));
        const text = JSON.stringify(res.body ?? {}) + (res.text ?? '');
        outcomes.push({
          caller: callerName,
          route: name,
          url,
          status: res.status,
          code: (res.body as { error?: { code?: unknown } } | undefined)?.error?.code,
          leaked: markers.filter((m) => text.includes(m)),
          body: res.body,
        });
      }
    }
    return outcomes;
  }

  const show = (o: Outcome) =>
    `${o.caller} ${o.route} ${o.url} → ${o.status} ${String(o.code ?? '')}${o.leaked.length ? ` leaked ${o.leaked.join(' | ')}` : ''}`;

  it('walks every route, every method, as 01’s administrator and 01’s manager: no write of 46 accepted, nothing of 46 in any answer, 46’s rows unchanged', async () => {
    const before = await snapshot46();
    const started = Date.now();
    const outcomes = [...(await walk(admin01, 'admin01')), ...(await walk(manager01, 'manager01'))];
    const elapsed = Date.now() - started;
    const perCaller = (c: string) => outcomes.filter((o) => o.caller === c).length;
    const statuses = (c: string) =>
      outcomes.filter((o) => o.caller === c).reduce<Record<number, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {});
    console.log(
      `province walk: ${routes.length} routes; ${perCaller('admin01')} requests as admin01 ${JSON.stringify(statuses('admin01'))}, ` +
        `${perCaller('manager01')} as manager01 ${JSON.stringify(statuses('manager01'))}, in ${elapsed} ms`,
    );

    // The walk is not vacuous: every non-public route of the route audit, for both callers.
    const walked = new Set(outcomes.map((o) => `${o.caller} ${o.route}`));
    const expected = routes.filter((r) => r.rule?.kind !== 'public').flatMap((r) => ['admin01', 'manager01'].map((c) => `${c} ${r.method} ${r.path}`));
    expect(expected.filter((e) => !walked.has(e))).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(60);

    // (a) No write accepted: 403 or 404 (a 400 only where justified above); the caller's own account aside.
    const writes = outcomes.filter((o) => o.route.split(' ')[0] !== 'GET' && !OWN_WRITES.has(o.route));
    expect(writes.length).toBeGreaterThan(50);
    // The caller's own: a wrong current password (400), their own inbox marked read (200).
    expect(outcomes.filter((o) => OWN_WRITES.has(o.route)).map((o) => [o.route, o.status])).toEqual(
      expect.arrayContaining([
        ['POST me/password', 400],
        ['POST me/notifications/read-all', 200],
      ]),
    );
    const badWrites = writes.filter(
      (o) => !([403, 404].includes(o.status) || (JUSTIFIED[o.route]?.status === o.status && JUSTIFIED[o.route]?.code === o.code)),
    );
    // (b) Nothing of 46, in any answer of any route, read or write (the organisation directory of staff aside, see above).
    const directoryEntry = [org46.id, HUE_SECRET.orgName, HUE_SECRET.orgEmail];
    const isDirectory = (o: Outcome) => o.caller === 'manager01' && DIRECTORY_ROUTES.has(o.route) && o.leaked.every((m) => directoryEntry.includes(m));
    const leaks = outcomes.filter((o) => o.leaked.length > 0 && !isDirectory(o));
    // Never a server error.
    const errors = outcomes.filter((o) => o.status >= 500);
    expect({ badWrites: badWrites.map(show), leaks: leaks.map(show), errors: errors.map(show) }).toEqual({ badWrites: [], leaks: [], errors: [] });

    // The doors of the attack, by id: not found, as if 46's things did not exist (or not for this role at all).
    const statusOf = (caller: string, route: string) => [...new Set(outcomes.filter((o) => o.caller === caller && o.route === route).map((o) => o.status))];
    expect({
      'admin01 GET users/:id': statusOf('admin01', 'GET users/:id'),
      'admin01 PATCH users/:id': statusOf('admin01', 'PATCH users/:id'),
      'admin01 GET organisations/:id': statusOf('admin01', 'GET organisations/:id'),
      'admin01 PATCH organisations/:id': statusOf('admin01', 'PATCH organisations/:id'),
      'admin01 POST users': statusOf('admin01', 'POST users'),
      'admin01 POST organisations': statusOf('admin01', 'POST organisations'),
      'admin01 PUT settings/deadline-policy': statusOf('admin01', 'PUT settings/deadline-policy'),
      'manager01 GET users/:id': statusOf('manager01', 'GET users/:id'),
      'manager01 GET cases/:id': statusOf('manager01', 'GET cases/:id'),
      'manager01 GET children/:id': statusOf('manager01', 'GET children/:id'),
      'manager01 GET referrals/:id': statusOf('manager01', 'GET referrals/:id'),
      'manager01 POST cases/:id/reopen': statusOf('manager01', 'POST cases/:id/reopen'),
      'manager01 PATCH children/:id': statusOf('manager01', 'PATCH children/:id'),
      'manager01 POST me/notifications/:id/read': statusOf('manager01', 'POST me/notifications/:id/read'),
      'admin01 POST me/notifications/:id/read': statusOf('admin01', 'POST me/notifications/:id/read'),
    }).toEqual({
      'admin01 GET users/:id': [404],
      'admin01 PATCH users/:id': [404],
      'admin01 GET organisations/:id': [404],
      'admin01 PATCH organisations/:id': [404],
      'admin01 POST users': [403],
      'admin01 POST organisations': [403],
      'admin01 PUT settings/deadline-policy': [403],
      'manager01 GET users/:id': [404],
      'manager01 GET cases/:id': [404],
      'manager01 GET children/:id': [404],
      'manager01 GET referrals/:id': [404],
      'manager01 POST cases/:id/reopen': [404],
      'manager01 PATCH children/:id': [404],
      'manager01 POST me/notifications/:id/read': [404],
      'admin01 POST me/notifications/:id/read': [404],
    });
    // Every case and child route refuses the administrator for its role, and gives the manager nothing of 46.
    const caseRoutes = outcomes.filter((o) => /^\w+ (cases|children)\b/.test(o.route));
    expect(caseRoutes.filter((o) => o.caller === 'admin01' && o.status !== 403).map(show)).toEqual([]);
    // 01 has no case, child, referral or deadline: whatever a list of them answers the 01 manager is empty.
    const lists = outcomes.filter(
      (o) => o.caller === 'manager01' && o.status === 200 && /^GET (cases|children|referrals|deadlines)$/.test(o.route) && typeof o.body === 'object',
    );
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.filter((o) => (o.body as { total?: number }).total !== 0).map(show)).toEqual([]);

    // (c) 46's rows are as they were, and nothing new was audited for 46.
    const after = await snapshot46();
    expect(after.tables).toEqual(before.tables);
    expect(after.hash).toBe(before.hash);

    // (d) The takeover path fails: 46's manager still signs in with the original password...
    await login(api, manager46.user.username, manager46.password);
    // ... and the 01 administrator's own user list holds no user of 46.
    const own = expectOk(await api.http.get('/api/v1/users?pageSize=100').set(admin01.auth), 200, 'GET /users as 01 admin');
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.filter((u: { provinceCode: string }) => u.provinceCode !== HA_NOI)).toEqual([]);
    // The marker check can see a leak: 46's own admin does get 46's dead letter.
    const deliveries46 = expectOk(await api.http.get('/api/v1/deliveries?status=dead').set(admin46.auth), 200, 'GET /deliveries as 46 admin');
    expect(deliveries46.body.items.map((d: { id: string }) => d.id)).toContain(deliveryId);
  });

  it('the attack chain of the issue fails at every step', async () => {
    const auditBefore = await api.db.query(`SELECT count(*)::int AS n FROM admin_audit WHERE province_code = $1`, [HUE]);
    const get = (url: string, who = admin01) => api.http.get(`/api/v1${url}`).set(who.auth);

    // 1. List Huế's users: an empty page, and none of them in the admin's own list.
    const byProvince = await get(`/users?provinceCode=${HUE}`).expect(200);
    expect(byProvince.body).toEqual(expect.objectContaining({ items: [], total: 0 }));
    const all = await get('/users?pageSize=100').expect(200);
    expect(all.body.items.map((u: { id: string }) => u.id)).not.toContain(manager46.user.id);
    expect(all.body.items.every((u: { provinceCode: string }) => u.provinceCode === HA_NOI)).toBe(true);

    // 2. Open the Huế manager and reset their password: not found.
    await get(`/users/${manager46.user.id}`).expect(404);
    const reset = await api.http.patch(`/api/v1/users/${manager46.user.id}`).set(admin01.auth).send({ password: STRONG });
    expect(reset.status).toBe(404);
    expect(JSON.stringify(reset.body)).not.toContain(manager46.user.username);

    // 3. Sign in as the Huế manager with that password: refused; the real password still works.
    await api.http.post('/api/v1/auth/login').send({ username: manager46.user.username, password: STRONG }).expect(401);
    const real = await login(api, manager46.user.username, manager46.password);
    expect(real.user.mustChangePassword).toBe(false);

    // 4. The 01 admin's audit shows nothing of 46.
    const audit = await get('/admin-audit?pageSize=100').expect(200);
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(audit.body.items.every((e: { provinceCode: string }) => e.provinceCode === HA_NOI)).toBe(true);
    for (const marker of markers) expect(JSON.stringify(audit.body)).not.toContain(marker);

    // 5. Make a user in Huế: forbidden.
    const made = await api.http.post('/api/v1/users').set(admin01.auth).send(bodyOf('POST users'));
    expect(made.status).toBe(403);
    expect(made.body.error.details).toEqual([expect.objectContaining({ field: 'provinceCode' })]);

    // 6. Huế's organisations: not in the 01 admin's list; Huế's deadline policy: forbidden.
    const orgs = await get('/organisations?pageSize=100').expect(200);
    expect(orgs.body.items.map((o: { id: string }) => o.id)).not.toContain(org46.id);
    expect(orgs.body.items.every((o: { provinceCode: string }) => o.provinceCode === HA_NOI)).toBe(true);
    await get(`/settings/deadline-policy?provinceCode=${HUE}`).expect(403);
    await get(`/settings/deadline-policy?provinceCode=${HUE}`, manager01).expect(403);

    // And no trace of any of it in 46's audit.
    const auditAfter = await api.db.query(`SELECT count(*)::int AS n FROM admin_audit WHERE province_code = $1`, [HUE]);
    expect(auditAfter).toEqual(auditBefore);
  });
});
