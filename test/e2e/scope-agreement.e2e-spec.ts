import { caseScopeOf, childScopeOf, deadlineScopeOf, referralScopeOf, reportScopeOf, Role, Scope, ScopeActor, scopeAdmits, ScopedRow } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { openCase } from '../support/cases';
import { HUE, KIM_LONG, PHU_XUAN, SignedIn, signedIn } from '../support/factories';
import { newOrganisation, partnerOf, recordSharingConsent, referralBody, sendReferral } from '../support/referrals';

/** A commune of Hà Nội (province 01): the case of another province nobody in Huế may count. */
const HANOI = '01';
const HANOI_COMMUNE = '00004';

type Auth = { Authorization: string };

/** The child and the incident of a case, both in `commune`. */
const inCommune = (commune: string, fullName: string) => ({
  child: { fullName, sex: 'female', dateOfBirth: '2015-03-02', communeCode: commune },
  incident: { concernTypes: ['neglect'], communeCode: commune, description: 'Left alone for days', immediateDanger: false },
});

const scopeActorOf = (who: SignedIn): ScopeActor => ({
  id: who.user.id,
  role: who.user.role as Role,
  provinceCode: who.user.provinceCode,
  communeCodes: who.user.communeCodes,
  organisationId: who.user.organisationId,
});

interface CaseRow {
  id: string;
  province_code: string;
  commune_code: string;
  assignee_id: string | null;
  created_by: string;
}

interface ReferralRow extends CaseRow {
  organisation_id: string;
}

interface ChildRow {
  id: string;
  province_code: string;
  commune_code: string;
}

const placeOf = (c: CaseRow): ScopedRow => ({ provinceCode: c.province_code, communeCode: c.commune_code, assigneeId: c.assignee_id, createdBy: c.created_by });
const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

/**
 * Issue 11, "scope once": the case list, the deadline list and the caseload report of every role
 * agree on one seed, and each is what the pure domain scope predicts for that role. One province
 * (Huế) with cases in two communes, assigned, unassigned and created by different people, and one
 * case of another province that no one of Huế may see.
 */
describe('Scope agreement: lists, deadlines and reports see the same cases (issue 11)', () => {
  let api: TestApi;
  let people: Record<string, SignedIn>;
  let cases: CaseRow[];
  let referrals: ReferralRow[];
  let children: ChildRow[];

  beforeAll(async () => {
    api = await startApi();
    const admin = await signedIn(api, Role.Admin);
    const organisation = await newOrganisation(api, admin.auth);
    const otherOrganisation = await newOrganisation(api, admin.auth, { name: 'Another legal-aid centre' });
    people = {
      manager: await signedIn(api, Role.Manager),
      otherManager: await signedIn(api, Role.Manager, { provinceCode: HANOI }),
      supervisorPx: await signedIn(api, Role.Supervisor, { communeCodes: [PHU_XUAN] }),
      supervisorKl: await signedIn(api, Role.Supervisor, { communeCodes: [KIM_LONG] }),
      supervisorBoth: await signedIn(api, Role.Supervisor, { communeCodes: [PHU_XUAN, KIM_LONG] }),
      caseworker1: await signedIn(api, Role.Caseworker, { communeCodes: [PHU_XUAN] }),
      caseworker2: await signedIn(api, Role.Caseworker, { communeCodes: [PHU_XUAN] }),
      caseworkerKl: await signedIn(api, Role.Caseworker, { communeCodes: [KIM_LONG] }),
      intake: await signedIn(api, Role.IntakeOfficer, { communeCodes: [PHU_XUAN] }),
      intakeKl: await signedIn(api, Role.IntakeOfficer, { communeCodes: [KIM_LONG] }),
      supervisorHanoi: await signedIn(api, Role.Supervisor, { provinceCode: HANOI, communeCodes: [HANOI_COMMUNE] }),
      admin,
      partner: await partnerOf(api, organisation.id),
    };
    const p = people;
    const open = (by: Auth, commune: string, name: string, assigneeId?: string) => openCase(api, by, { ...inCommune(commune, name), assigneeId });

    const first = await open(p.supervisorPx.auth, PHU_XUAN, 'Lê Thị Một', p.caseworker1.user.id);
    const second = await open(p.supervisorPx.auth, PHU_XUAN, 'Lê Thị Hai', p.caseworker2.user.id);
    await open(p.intake.auth, PHU_XUAN, 'Lê Thị Ba');
    await open(p.intake.auth, PHU_XUAN, 'Lê Thị Bốn', p.caseworker2.user.id);
    await open(p.caseworker1.auth, PHU_XUAN, 'Lê Thị Năm');
    const sixth = await open(p.supervisorKl.auth, KIM_LONG, 'Lê Thị Sáu', p.caseworkerKl.user.id);
    await open(p.intakeKl.auth, KIM_LONG, 'Lê Thị Bảy');
    await open(p.supervisorBoth.auth, KIM_LONG, 'Lê Thị Tám');
    await open(p.supervisorHanoi.auth, HANOI_COMMUNE, 'Lê Thị Chín');

    // Referrals from three cases: two to the partner's organisation (one per commune), one elsewhere.
    for (const [kase, worker, to] of [
      [first, p.caseworker1, organisation],
      [sixth, p.caseworkerKl, organisation],
      [second, p.caseworker2, otherOrganisation],
    ] as const) {
      await recordSharingConsent(api, worker.auth, kase.id);
      await sendReferral(api, worker.auth, kase.id, referralBody(to.id));
    }

    cases = await api.db.query(`SELECT id, province_code, commune_code, assignee_id, created_by FROM "case" ORDER BY id`);
    referrals = await api.db.query(
      `SELECT r.id, r.organisation_id, c.province_code, c.commune_code, c.assignee_id, c.created_by FROM referral r JOIN "case" c ON c.id = r.case_id`,
    );
    children = await api.db.query(`SELECT id, province_code, commune_code FROM child`);
  });
  afterAll(() => api?.close());

  /** The ids of the seeded cases the scope admits, as the domain says. */
  const predicted = (scope: Scope): string[] => sorted(cases.filter((c) => scopeAdmits(scope, placeOf(c))).map((c) => c.id));

  const listed = async (who: SignedIn, path: string): Promise<string[]> => {
    const res = await api.http.get(`/api/v1/${path}?pageSize=100`).set(who.auth).expect(200);
    expect(res.body.total).toBe(res.body.items.length);
    return sorted(res.body.items.map((c: { id: string }) => c.id));
  };

  const predictedReferrals = (scope: Scope): string[] =>
    sorted(referrals.filter((r) => scopeAdmits(scope, { ...placeOf(r), organisationId: r.organisation_id })).map((r) => r.id));
  const predictedChildren = (scope: Scope): string[] =>
    sorted(children.filter((c) => scopeAdmits(scope, { provinceCode: c.province_code, communeCode: c.commune_code })).map((c) => c.id));

  const listedCases = async (who: SignedIn): Promise<string[]> => {
    const res = await api.http.get('/api/v1/cases?pageSize=100').set(who.auth).expect(200);
    expect(res.body.total).toBe(res.body.items.length);
    return sorted(res.body.items.map((c: { id: string }) => c.id));
  };

  const casesBehindDeadlines = async (who: SignedIn): Promise<string[]> => {
    const res = await api.http.get('/api/v1/deadlines?pageSize=100').set(who.auth).expect(200);
    expect(res.body.total).toBe(res.body.items.length);
    return sorted(new Set(res.body.items.map((d: { caseId: string }) => d.caseId)));
  };

  const caseloadByCommune = async (who: SignedIn): Promise<{ total: number; byCommune: Record<string, number> }> => {
    const res = await api.http.get('/api/v1/reports/caseload?groupBy=commune').set(who.auth).expect(200);
    const byCommune = Object.fromEntries(res.body.groups.map((g: { communeCode: string; open: number }) => [g.communeCode, g.open]));
    return { total: res.body.total.open, byCommune };
  };

  const countByCommune = (ids: string[]): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const c of cases.filter((k) => ids.includes(k.id))) counts[c.commune_code] = (counts[c.commune_code] ?? 0) + 1;
    return counts;
  };

  it('seeds what the roles below tell apart', () => {
    expect(cases).toHaveLength(9);
    expect(new Set(cases.map((c) => c.commune_code))).toEqual(new Set([PHU_XUAN, KIM_LONG, HANOI_COMMUNE]));
    // Every case has an open deadline (its initial assessment), so the deadline list names every case in scope.
    expect(cases.filter((c) => c.assignee_id === null).length).toBeGreaterThanOrEqual(3);
  });

  describe.each(['manager', 'otherManager', 'supervisorPx', 'supervisorKl', 'supervisorBoth'])('%s (cases, deadlines and reports)', (name) => {
    it('sees in GET /cases, behind GET /deadlines and in the caseload report exactly the cases its scope predicts', async () => {
      const who = people[name];
      const actor = scopeActorOf(who);
      const expected = predicted(caseScopeOf(actor));
      expect(expected.length).toBeGreaterThan(0);
      expect(predicted(deadlineScopeOf(actor))).toEqual(expected);
      expect(predicted(reportScopeOf(actor))).toEqual(expected);

      expect(await listedCases(who)).toEqual(expected);
      expect(await casesBehindDeadlines(who)).toEqual(expected);
      const report = await caseloadByCommune(who);
      expect(report.total).toBe(expected.length);
      expect(report.byCommune).toEqual(countByCommune(expected));
    });
  });

  it('gives the manager the whole province, and another province’s manager none of it', async () => {
    expect(await listedCases(people.manager)).toEqual(sorted(cases.filter((c) => c.province_code === HUE).map((c) => c.id)));
    expect(await listedCases(people.otherManager)).toEqual(sorted(cases.filter((c) => c.province_code === HANOI).map((c) => c.id)));
  });

  describe.each(['caseworker1', 'caseworker2', 'caseworkerKl', 'intake', 'intakeKl'])('%s (cases only)', (name) => {
    it('sees in GET /cases exactly the cases its scope predicts, and may not read deadlines or reports', async () => {
      const who = people[name];
      const actor = scopeActorOf(who);
      expect(await listedCases(who)).toEqual(predicted(caseScopeOf(actor)));
      expect(deadlineScopeOf(actor)).toEqual({ kind: 'none' });
      expect(reportScopeOf(actor)).toEqual({ kind: 'none' });
      await api.http.get('/api/v1/deadlines').set(who.auth).expect(403);
      await api.http.get('/api/v1/reports/caseload').set(who.auth).expect(403);
    });
  });

  it('tells the commune staff apart as the rules say', async () => {
    const { caseworker1, caseworker2, intake } = people;
    const mine = (who: SignedIn) => cases.filter((c) => c.assignee_id === who.user.id || c.created_by === who.user.id).map((c) => c.id);
    expect(await listedCases(caseworker1)).toEqual(sorted(mine(caseworker1)));
    expect(await listedCases(caseworker2)).toEqual(sorted(mine(caseworker2)));
    expect(await listedCases(caseworker1)).toHaveLength(2);
    expect(await listedCases(caseworker2)).toHaveLength(2);
    // The intake officer opened two cases but one was assigned at once: it sees only the other.
    expect(await listedCases(intake)).toEqual(sorted(cases.filter((c) => c.created_by === intake.user.id && c.assignee_id === null).map((c) => c.id)));
    expect(await listedCases(intake)).toHaveLength(1);
  });

  describe.each([
    'manager',
    'otherManager',
    'supervisorPx',
    'supervisorKl',
    'supervisorBoth',
    'caseworker1',
    'caseworker2',
    'caseworkerKl',
    'intake',
    'intakeKl',
  ])('%s (referrals and children)', (name) => {
    it('sees in GET /referrals the referrals of its cases, and in GET /children the children its scope predicts', async () => {
      const who = people[name];
      const actor = scopeActorOf(who);
      expect(referralScopeOf(actor)).toEqual(caseScopeOf(actor));
      expect(await listed(who, 'referrals')).toEqual(predictedReferrals(referralScopeOf(actor)));
      expect(await listed(who, 'children')).toEqual(predictedChildren(childScopeOf(actor)));
    });
  });

  it('gives the partner the referrals addressed to its organisation, whatever the case', async () => {
    const actor = scopeActorOf(people.partner);
    const expected = predictedReferrals(referralScopeOf(actor));
    expect(expected).toHaveLength(2);
    expect(await listed(people.partner, 'referrals')).toEqual(expected);
    expect(childScopeOf(actor)).toEqual({ kind: 'none' });
    await api.http.get('/api/v1/children').set(people.partner.auth).expect(404);
  });

  describe.each([
    ['admin', 403],
    ['partner', 404],
  ] as const)('%s', (name, status) => {
    it('sees no case anywhere: its scopes are none, and the routes refuse it', async () => {
      const who = people[name];
      const actor = scopeActorOf(who);
      for (const scope of [caseScopeOf(actor), deadlineScopeOf(actor), reportScopeOf(actor)]) expect(scope).toEqual({ kind: 'none' });
      expect(predicted(caseScopeOf(actor))).toEqual([]);
      await api.http.get('/api/v1/cases').set(who.auth).expect(status);
      await api.http.get('/api/v1/deadlines').set(who.auth).expect(status);
      await api.http.get('/api/v1/reports/caseload').set(who.auth).expect(status);
    });
  });
});
