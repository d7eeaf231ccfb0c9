import { randomUUID } from 'node:crypto';
import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { HUE, KIM_LONG, PHU_XUAN, signedIn, SignedIn } from '../support/factories';
import { newOrganisation, organisationBody, partnerOf } from '../support/referrals';

jest.setTimeout(60_000);

interface Org {
  id: string;
  name: string;
  type: string;
  serviceTypes: string[];
  communeCodes: string[];
  active: boolean;
}

describe('partner organisations (POST/GET/PATCH /organisations)', () => {
  let api: TestApi;
  let admin: SignedIn;
  let caseworker: SignedIn;
  /** Hà Nội's administrator: manages Hà Nội's organisations, never Huế's. */
  let adminHaNoi: SignedIn;

  const names = (res: { body: { items: Org[] } }) => res.body.items.map((o) => o.name);

  beforeAll(async () => {
    api = await startApi();
    admin = await signedIn(api, Role.Admin);
    caseworker = await signedIn(api, Role.Caseworker);
    adminHaNoi = await signedIn(api, Role.Admin, { provinceCode: '01' });
  });
  afterAll(() => api.close());

  it('an admin registers an organisation; the answer is the stored organisation', async () => {
    const body = organisationBody({
      name: '  Trung tâm   Công tác xã hội Huế ',
      type: 'social_assistance',
      serviceTypes: ['social_assistance', 'emergency_shelter'],
      communeCodes: [PHU_XUAN],
      contactPhone: '0234 3822 222',
    });
    const res = await api.http.post('/api/v1/organisations').set(admin.auth).send(body).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Trung tâm Công tác xã hội Huế',
      type: 'social_assistance',
      serviceTypes: ['social_assistance', 'emergency_shelter'],
      provinceCode: HUE,
      communeCodes: [PHU_XUAN],
      contactEmail: 'trogiup@example.org',
      contactPhone: '0234 3822 222',
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const got = await api.http.get(`/api/v1/organisations/${res.body.id}`).set(caseworker.auth).expect(200);
    expect(got.body).toEqual(res.body);
  });

  it('bad input answers 400 naming each field, unknown places 400 UNKNOWN_PLACE; nothing is stored', async () => {
    const [{ n: before }] = await api.db.query(`SELECT count(*)::int AS n FROM organisation`);
    const cases: [Record<string, unknown>, string[]][] = [
      [organisationBody({ type: 'hospital' }), ['type']],
      [organisationBody({ serviceTypes: ['legal_aid', 'massage'] }), ['serviceTypes']],
      [organisationBody({ serviceTypes: [] }), ['serviceTypes']],
      [organisationBody({ serviceTypes: ['legal_aid', 'legal_aid'] }), ['serviceTypes']],
      [organisationBody({ name: '' }), ['name']],
      [organisationBody({ name: undefined }), ['name']],
      [organisationBody({ provinceCode: '4' }), ['provinceCode']],
      [organisationBody({ communeCodes: ['1975'] }), ['communeCodes']],
      [organisationBody({ contactEmail: 'not-an-email' }), ['contactEmail']],
      [organisationBody({ contactPhone: 'call me' }), ['contactPhone']],
      [organisationBody({ active: false }), ['active']],
    ];
    for (const [body, fields] of cases) {
      const res = await api.http.post('/api/v1/organisations').set(admin.auth).send(body);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(fields));
    }
    // An administrator registers organisations of its own province only: another one, real or not, is 403.
    for (const provinceCode of ['99', '01']) {
      const elsewhere = await api.http.post('/api/v1/organisations').set(admin.auth).send(organisationBody({ provinceCode })).expect(403);
      expect(elsewhere.body.error).toMatchObject({ code: 'FORBIDDEN', details: [expect.objectContaining({ field: 'provinceCode' })] });
    }
    // 00004 is a commune of Hà Nội (01), not of Huế.
    const wrongCommunes = await api.http
      .post('/api/v1/organisations')
      .set(admin.auth)
      .send(organisationBody({ communeCodes: ['00004', '99999'] }))
      .expect(400);
    expect(wrongCommunes.body.error).toEqual(expect.objectContaining({ code: 'UNKNOWN_PLACE' }));
    expect(wrongCommunes.body.error.details).toHaveLength(2);
    expect(await api.db.query(`SELECT count(*)::int AS n FROM organisation`)).toEqual([{ n: before }]);
  });

  it('staff find active organisations by service type, commune (whole-province ones included), type and name', async () => {
    const tag = randomUUID().slice(0, 6);
    await newOrganisation(api, admin.auth, { name: `Luật ${tag} toàn tỉnh`, serviceTypes: ['legal_aid'] });
    await newOrganisation(api, admin.auth, { name: `Luật ${tag} Phú Xuân`, serviceTypes: ['legal_aid'], communeCodes: [PHU_XUAN] });
    await newOrganisation(api, admin.auth, { name: `Tâm lý ${tag} Kim Long`, type: 'counselling', serviceTypes: ['psychological'], communeCodes: [KIM_LONG] });
    const closed = await newOrganisation(api, admin.auth, { name: `Luật ${tag} đã ngừng`, serviceTypes: ['legal_aid'] });
    await api.http.patch(`/api/v1/organisations/${closed.id}`).set(admin.auth).send({ active: false }).expect(200);
    await newOrganisation(api, adminHaNoi.auth, { name: `Luật ${tag} Hà Nội`, provinceCode: '01', serviceTypes: ['legal_aid'] });

    const q = `q=${tag}&pageSize=100`;
    const legal = await api.http.get(`/api/v1/organisations?${q}&serviceType=legal_aid`).set(caseworker.auth).expect(200);
    expect(names(legal).sort()).toEqual([`Luật ${tag} Hà Nội`, `Luật ${tag} Phú Xuân`, `Luật ${tag} toàn tỉnh`]);
    const inPhuXuan = await api.http.get(`/api/v1/organisations?${q}&serviceType=legal_aid&communeCode=${PHU_XUAN}`).set(caseworker.auth).expect(200);
    expect(names(inPhuXuan).sort()).toEqual([`Luật ${tag} Phú Xuân`, `Luật ${tag} toàn tỉnh`]);
    const inKimLong = await api.http.get(`/api/v1/organisations?${q}&communeCode=${KIM_LONG}`).set(caseworker.auth).expect(200);
    expect(names(inKimLong).sort()).toEqual([`Luật ${tag} toàn tỉnh`, `Tâm lý ${tag} Kim Long`]);
    const counselling = await api.http.get(`/api/v1/organisations?${q}&type=counselling`).set(caseworker.auth).expect(200);
    expect(counselling.body).toEqual(expect.objectContaining({ total: 1, page: 1, pageSize: 100 }));
    // Without diacritics, any case.
    const folded = await api.http
      .get(`/api/v1/organisations?q=${encodeURIComponent(`TAM LY ${tag}`)}`)
      .set(caseworker.auth)
      .expect(200);
    expect(names(folded)).toEqual([`Tâm lý ${tag} Kim Long`]);
    const inHue = await api.http.get(`/api/v1/organisations?${q}&provinceCode=${HUE}`).set(caseworker.auth).expect(200);
    expect(inHue.body.total).toBe(3);

    // Admins see the inactive one too, and may filter on it; of their own province only.
    const all = await api.http.get(`/api/v1/organisations?${q}`).set(admin.auth).expect(200);
    expect(all.body.total).toBe(4);
    expect(names(all)).not.toContain(`Luật ${tag} Hà Nội`);
    expect((await api.http.get(`/api/v1/organisations?${q}`).set(adminHaNoi.auth).expect(200)).body.total).toBe(1);
    const inactive = await api.http.get(`/api/v1/organisations?${q}&active=false`).set(admin.auth).expect(200);
    expect(names(inactive)).toEqual([`Luật ${tag} đã ngừng`]);
    // Staff may still open it by id (an older referral names it).
    await api.http.get(`/api/v1/organisations/${closed.id}`).set(caseworker.auth).expect(200);

    for (const bad of ['serviceType=massage', 'communeCode=123', 'type=bank', 'pageSize=101', 'active=maybe']) {
      const res = await api.http.get(`/api/v1/organisations?${bad}`).set(admin.auth).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('an admin changes an organisation: contacts cleared with null, places checked, nulls refused for the rest', async () => {
    const org = await newOrganisation(api, admin.auth, { communeCodes: [PHU_XUAN] });
    const changed = await api.http
      .patch(`/api/v1/organisations/${org.id}`)
      .set(admin.auth)
      .send({ name: 'Tên mới', serviceTypes: ['legal_aid', 'police_justice'], communeCodes: [KIM_LONG], contactEmail: null })
      .expect(200);
    expect(changed.body).toEqual(
      expect.objectContaining({ name: 'Tên mới', serviceTypes: ['legal_aid', 'police_justice'], communeCodes: [KIM_LONG], contactEmail: null, active: true }),
    );
    // Communes must be the province's.
    const wrongCommune = await api.http
      .patch(`/api/v1/organisations/${org.id}`)
      .set(admin.auth)
      .send({ communeCodes: ['00004'] })
      .expect(400);
    expect(wrongCommune.body.error.code).toBe('UNKNOWN_PLACE');
    // Moving it to another province is not an administrator's to do (403); the other province's administrator cannot reach it (404).
    const moved = await api.http.patch(`/api/v1/organisations/${org.id}`).set(admin.auth).send({ provinceCode: '01', communeCodes: [] }).expect(403);
    expect(moved.body.error.code).toBe('FORBIDDEN');
    await api.http.patch(`/api/v1/organisations/${org.id}`).set(adminHaNoi.auth).send({ name: 'Của Hà Nội' }).expect(404);
    await api.http.get(`/api/v1/organisations/${org.id}`).set(adminHaNoi.auth).expect(404);
    for (const body of [{ name: null }, { serviceTypes: null }, { active: null }, { type: 'bank' }, { id: randomUUID() }]) {
      const res = await api.http.patch(`/api/v1/organisations/${org.id}`).set(admin.auth).send(body);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    }
    await api.http.patch(`/api/v1/organisations/${randomUUID()}`).set(admin.auth).send({ name: 'X' }).expect(404);
    await api.http.patch('/api/v1/organisations/nope').set(admin.auth).send({ name: 'X' }).expect(400);
    const [row] = await api.db.query(`SELECT name, province_code, commune_codes FROM organisation WHERE id = $1`, [org.id]);
    expect(row).toEqual({ name: 'Tên mới', province_code: HUE, commune_codes: [KIM_LONG] });
    // Each change is in the admin audit, field by field.
    const audit = await api.db.query(`SELECT actor_id, action, changes FROM admin_audit WHERE target_type = 'organisation' AND target_id = $1 ORDER BY at`, [
      org.id,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['organisation.created', 'organisation.updated']);
    expect(audit[1]).toMatchObject({
      actor_id: admin.user.id,
      changes: { name: { to: 'Tên mới' }, contactEmail: { to: null }, communeCodes: { from: [PHU_XUAN], to: [KIM_LONG] } },
    });
  });

  it('only admins write (403 to staff, 404 to partners); a partner user reads its own organisation only (404 for any other)', async () => {
    const own = await newOrganisation(api, admin.auth, { name: 'Trung tâm của đối tác' });
    const other = await newOrganisation(api, admin.auth, { name: 'Tổ chức khác' });
    const partner = await partnerOf(api, own.id);
    for (const who of [caseworker, await signedIn(api, Role.Manager)]) {
      const res = await api.http.post('/api/v1/organisations').set(who.auth).send(organisationBody()).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      await api.http.patch(`/api/v1/organisations/${own.id}`).set(who.auth).send({ name: 'X' }).expect(403);
    }
    // A partner is an outsider: routes not meant for it answer as if they did not exist.
    expect((await api.http.post('/api/v1/organisations').set(partner.auth).send(organisationBody()).expect(404)).body.error.code).toBe('NOT_FOUND');
    await api.http.patch(`/api/v1/organisations/${own.id}`).set(partner.auth).send({ name: 'X' }).expect(404);
    const mine = await api.http.get('/api/v1/organisations?pageSize=100').set(partner.auth).expect(200);
    expect(mine.body).toEqual({ items: [expect.objectContaining({ id: own.id })], total: 1, page: 1, pageSize: 100 });
    const filtered = await api.http
      .get(`/api/v1/organisations?q=${encodeURIComponent('khác')}`)
      .set(partner.auth)
      .expect(200);
    expect(filtered.body.total).toBe(0);
    await api.http.get(`/api/v1/organisations/${own.id}`).set(partner.auth).expect(200);
    const hidden = await api.http.get(`/api/v1/organisations/${other.id}`).set(partner.auth).expect(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    await api.http.get('/api/v1/organisations').expect(401);
  });

  it('serves the organisation types on GET /codes and describes the routes in OpenAPI', async () => {
    const codes = await api.http.get('/api/v1/codes').set(caseworker.auth).expect(200);
    expect(codes.body.organisationTypes.map((e: { code: string }) => e.code)).toEqual([
      'legal_aid',
      'counselling',
      'shelter',
      'health',
      'school',
      'police',
      'social_assistance',
      'other',
    ]);
    expect(codes.body.referralStatuses.map((e: { code: string }) => e.code)).toEqual([
      'pending',
      'accepted',
      'declined',
      'completed',
      'cancelled',
      'withdrawn',
    ]);
    expect(codes.body.referralUrgencies.map((e: { code: string }) => e.code)).toEqual(['normal', 'emergency']);
    const doc = (await api.http.get('/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths['/api/v1/organisations']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/organisations/{id}']).sort()).toEqual(['get', 'patch']);
    expect(doc.paths['/api/v1/organisations'].post.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/OrganisationDto');
  });
});
