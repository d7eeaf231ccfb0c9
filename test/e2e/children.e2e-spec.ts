import type { Actor } from '@haven/auth';
import { ChildrenService, vietnamDate } from '@haven/cases';
import { Role } from '@haven/domain';
import { AppException } from '@haven/platform';
import { startApi, TestApi } from '../support/app';
import { openCase } from '../support/cases';
import { actorOf, newChild } from '../support/children';
import { HUE, KIM_LONG, PHU_XUAN, SignedIn, signedIn } from '../support/factories';

// The project-level testTimeout is not applied to hooks here; startApi plus five sign-ins (argon2) need more than 5 s.
jest.setTimeout(30_000);

const BASE = '/api/v1/children';

interface ChildBody {
  id: string;
  fullName: string;
  givenName: string;
  communeCode: string;
  dateOfBirth: string | null;
  dateOfBirthEstimated: boolean;
  age: number | null;
  version: number;
}
interface DuplicateBody {
  score: number;
  signals: { nameSimilarity: number; sameDateOfBirth: boolean; sameCommune: boolean };
  child: ChildBody;
}
type Detail = { field: string; message: string };

const fieldsOf = (body: { error: { details: Detail[] } }) => [...new Set(body.error.details.map((d) => d.field))].sort();
const names = (body: { items: ChildBody[] }) => body.items.map((c) => c.fullName);

/** A YYYY-MM-DD date `days` from today in Vietnam, `years` years back. */
function vnDate(days = 0, years = 0): string {
  const d = new Date(`${vietnamDate(new Date())}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/** The rejection of a service call, for assertions on its code and details. */
async function rejection(work: Promise<unknown>): Promise<AppException> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppException)) throw new Error(`expected an AppException, got ${String(error)}`);
  return error;
}

describe('child registry', () => {
  let api: TestApi;
  let caseworker: SignedIn; // commune PHU_XUAN only
  let manager: SignedIn; // province 46
  let otherManager: SignedIn; // province 01
  let admin: SignedIn;
  let partner: SignedIn;
  let managerActor: Actor;
  let caseworkerActor: Actor;
  let kimLongAnId: string;
  let phuXuanAnId: string;

  const get = (who: SignedIn, path: string) => api.http.get(`${BASE}${path}`).set(who.auth);
  /** Only the team of one of a child's cases may change its record: a child of a case the caseworker opened. */
  const onOwnCase = async <C extends { id: string }>(registered: C): Promise<C> => {
    await openCase(api, caseworker.auth, { child: { id: registered.id } });
    return registered;
  };

  beforeAll(async () => {
    api = await startApi();
    [caseworker, manager, otherManager, admin] = await Promise.all([
      signedIn(api, Role.Caseworker),
      signedIn(api, Role.Manager),
      signedIn(api, Role.Manager, { provinceCode: '01' }),
      signedIn(api, Role.Admin),
    ]);
    const [org] = (await api.db.query(
      `INSERT INTO organisation (name, type, province_code) VALUES ('Trung tâm trợ giúp pháp lý', 'legal_aid', $1) RETURNING id`,
      [HUE],
    )) as { id: string }[];
    partner = await signedIn(api, Role.Partner, { organisationId: org.id });
    managerActor = actorOf(manager.user);
    caseworkerActor = actorOf(caseworker.user);

    phuXuanAnId = (await onOwnCase(await newChild(api, caseworkerActor, { fullName: 'Nguyễn Văn An', dateOfBirth: '2015-04-10' }))).id;
    for (const fullName of ['Nguyễn Văn Anh', 'Nguyễn Thị An', 'Trần Văn An', 'Đặng Thị Hoa']) await newChild(api, caseworkerActor, { fullName });
    kimLongAnId = (await newChild(api, managerActor, { fullName: 'Nguyễn Văn An', dateOfBirth: '2013-11-02', communeCode: KIM_LONG })).id;
  });
  afterAll(() => api.close());

  describe('search', () => {
    it('finds "Nguyễn Văn An" without diacritics, ranks the closest first and leaves unrelated names out', async () => {
      const res = await get(caseworker, '?q=nguyen van an').expect(200);
      expect(names(res.body)).toEqual(['Nguyễn Văn An', 'Nguyễn Văn Anh', 'Nguyễn Thị An', 'Trần Văn An']);
      expect(res.body).toEqual(expect.objectContaining({ total: 4, page: 1, pageSize: 20 }));
      expect(res.body.items[0]).toEqual(
        expect.objectContaining({
          id: phuXuanAnId,
          givenName: 'An',
          sex: 'male',
          provinceCode: HUE,
          communeCode: PHU_XUAN,
          dateOfBirthEstimated: false,
          version: 1,
        }),
      );
      expect(res.body.items[0]).not.toHaveProperty('createdBy');
    });

    it('tolerates the typo "nguyen vn an"', async () => {
      const res = await get(caseworker, '?q=nguyen vn an').expect(200);
      expect(names(res.body)).toEqual(['Nguyễn Văn An', 'Nguyễn Văn Anh', 'Nguyễn Thị An']);
      expect(res.body.total).toBe(3);
    });

    it('folds đ to d, ignores case and finds short fragments', async () => {
      expect(names((await get(caseworker, '?q=dang thi hoa').expect(200)).body)[0]).toBe('Đặng Thị Hoa');
      expect(names((await get(caseworker, `?q=${encodeURIComponent('ĐẶNG THỊ HOA')}`).expect(200)).body)[0]).toBe('Đặng Thị Hoa');
      expect(names((await get(caseworker, '?q=hoa').expect(200)).body)).toEqual(['Đặng Thị Hoa']);
      // LIKE wildcards in q are literal characters, not patterns.
      expect((await get(caseworker, '?q=%25').expect(200)).body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    });

    it('combines filters', async () => {
      const res = await get(manager, `?q=nguyen van an&communeCode=${KIM_LONG}`).expect(200);
      expect(res.body.items.map((c: ChildBody) => c.id)).toEqual([kimLongAnId]);
      const byDate = await get(manager, '?q=nguyen van an&dateOfBirth=2015-04-10').expect(200);
      expect(byDate.body.items.map((c: ChildBody) => c.id)).toEqual([phuXuanAnId]);
      expect((await get(manager, `?communeCode=${KIM_LONG}&dateOfBirth=2015-04-10`).expect(200)).body.total).toBe(0);
    });

    it('pages with a total that matches the items', async () => {
      const all = await get(manager, '?q=an&pageSize=100').expect(200);
      expect(all.body.total).toBe(all.body.items.length);
      expect(all.body.total).toBeGreaterThanOrEqual(5);
      const seen: string[] = [];
      for (let page = 1; page <= Math.ceil(all.body.total / 2); page++) {
        const res = await get(manager, `?q=an&pageSize=2&page=${page}`).expect(200);
        expect(res.body).toEqual(expect.objectContaining({ total: all.body.total, page, pageSize: 2 }));
        seen.push(...res.body.items.map((c: ChildBody) => c.id));
      }
      expect(seen).toEqual(all.body.items.map((c: ChildBody) => c.id));
      expect((await get(manager, '?q=an&pageSize=2&page=99').expect(200)).body).toEqual({ items: [], total: all.body.total, page: 99, pageSize: 2 });
    });

    it('uses the trigram index on haven_fold(full_name)', async () => {
      const plan = await api.db.transaction(async (m) => {
        await m.query('SET LOCAL enable_seqscan = off');
        const rows: { 'QUERY PLAN': string }[] = await m.query(
          `EXPLAIN SELECT id FROM child WHERE haven_fold(full_name) % haven_fold($1) OR haven_fold(full_name) LIKE haven_fold($2)`,
          ['nguyen van an', '%nguyen van an%'],
        );
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain('child_name_trgm_idx');
    });
  });

  describe('scope', () => {
    it('a child of KIM_LONG is invisible to a caseworker of PHU_XUAN: not listed, not counted, 404 by id', async () => {
      const res = await get(caseworker, '?q=nguyen van an&pageSize=100').expect(200);
      expect(res.body.items.map((c: ChildBody) => c.id)).not.toContain(kimLongAnId);
      expect(res.body.items.every((c: ChildBody) => c.communeCode === PHU_XUAN)).toBe(true);
      expect((await get(caseworker, `?communeCode=${KIM_LONG}`).expect(200)).body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
      const notFound = await get(caseworker, `/${kimLongAnId}`).expect(404);
      expect(notFound.body.error.code).toBe('NOT_FOUND');
      // Exactly what an id that does not exist answers: nothing to probe.
      const absent = await get(caseworker, '/4b7c1c1e-0000-4000-8000-000000000000').expect(404);
      expect(absent.body.error).toEqual(notFound.body.error);
      await api.http.patch(`${BASE}/${kimLongAnId}`).set(caseworker.auth).send({ version: 1, address: 'x' }).expect(404);
    });

    it('is visible to the manager of province 46', async () => {
      const res = await get(manager, '?q=nguyen van an').expect(200);
      expect(res.body.items.map((c: ChildBody) => c.id)).toEqual(expect.arrayContaining([kimLongAnId, phuXuanAnId]));
      expect((await get(manager, `/${kimLongAnId}`).expect(200)).body.communeCode).toBe(KIM_LONG);
    });

    it('is invisible to a manager of another province', async () => {
      expect((await get(otherManager, '?q=nguyen van an').expect(200)).body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
      await get(otherManager, `/${kimLongAnId}`).expect(404);
      expect((await get(otherManager, '/duplicates?fullName=Nguyễn Văn An').expect(200)).body.items).toEqual([]);
    });

    it('admins (403) and partners (404: not theirs to see) may not use the registry at all, and the service scope gives them nothing', async () => {
      for (const [who, status, code] of [
        [admin, 403, 'FORBIDDEN'],
        [partner, 404, 'NOT_FOUND'],
      ] as const) {
        expect((await get(who, '?q=nguyen van an').expect(status)).body.error.code).toBe(code);
        await get(who, `/${kimLongAnId}`).expect(status);
        await get(who, '/duplicates?fullName=An').expect(status);
        await api.http.patch(`${BASE}/${kimLongAnId}`).set(who.auth).send({ version: 1 }).expect(status);
        const service = api.app.get(ChildrenService);
        const actor = actorOf(who.user);
        expect((await service.list(actor, { q: 'nguyen van an', page: 1, pageSize: 20 })).total).toBe(0);
        expect((await rejection(service.requireInScope(actor, kimLongAnId))).code).toBe('NOT_FOUND');
      }
    });

    it('commune staff without communes see nothing', async () => {
      const service = api.app.get(ChildrenService);
      const lost: Actor = { ...caseworkerActor, communeCodes: [] };
      expect((await service.list(lost, { page: 1, pageSize: 20 })).total).toBe(0);
      expect((await rejection(service.requireInScope(lost, phuXuanAnId))).code).toBe('NOT_FOUND');
    });
  });

  describe('registration through intake (createForIntake)', () => {
    it('normalises the name, derives the given name and turns an estimated age into 1 July', async () => {
      const child = await newChild(api, caseworkerActor, {
        fullName: '  Lê   Văn\tTám ',
        estimatedAge: 9,
        caregivers: [{ name: 'Lê Thị Hồng', relationship: 'mother', phone: '0912 345 678' }],
      });
      expect(child).toEqual(
        expect.objectContaining({ fullName: 'Lê Văn Tám', givenName: 'Tám', dateOfBirthEstimated: true, provinceCode: HUE, createdBy: caseworker.user.id }),
      );
      const year = Number(vnDate().slice(0, 4)) - 9;
      expect(child.dateOfBirth).toBe(`${year}-07-01`);
      const body = (await get(caseworker, `/${child.id}`).expect(200)).body;
      expect(body.age).toBe(vnDate() >= `${year + 9}-07-01` ? 9 : 8);
      expect(body.caregivers).toEqual([{ name: 'Lê Thị Hồng', relationship: 'mother', phone: '0912 345 678' }]);
    });

    it('reports bad input as 400 VALIDATION_FAILED with child.* fields', async () => {
      const bad = await rejection(
        newChild(api, caseworkerActor, { fullName: ' ', sex: 'robot' as never, specialCircumstances: ['z'] as never, nickname: 'x' } as never),
      );
      expect(bad.code).toBe('VALIDATION_FAILED');
      expect([...new Set(bad.details.map((d) => d.field))].sort()).toEqual(['child.fullName', 'child.nickname', 'child.sex', 'child.specialCircumstances']);
      const both = await rejection(newChild(api, caseworkerActor, { dateOfBirth: '2015-01-01', estimatedAge: 10 }));
      expect(both.details.map((d) => d.field)).toEqual(['child.dateOfBirth', 'child.estimatedAge']);
      const neither = await rejection(newChild(api, caseworkerActor, { dateOfBirth: undefined }));
      expect(neither.details.map((d) => d.field)).toEqual(['child.dateOfBirth']);
      const future = await rejection(newChild(api, caseworkerActor, { dateOfBirth: vnDate(1) }));
      expect(future.details).toEqual([{ field: 'child.dateOfBirth', message: 'dateOfBirth must not be in the future' }]);
      expect((await rejection(newChild(api, caseworkerActor, { dateOfBirth: vnDate(0, 18) }))).details[0].field).toBe('child.dateOfBirth');
      expect((await newChild(api, caseworkerActor, { fullName: 'Phan Văn Mười Bảy', dateOfBirth: vnDate(1, 18) })).dateOfBirth).toBe(vnDate(1, 18));
    });

    it('keeps commune staff to their communes (403) and everyone to their province (400)', async () => {
      const forbidden = await rejection(newChild(api, caseworkerActor, { communeCode: KIM_LONG }));
      expect(forbidden.code).toBe('FORBIDDEN');
      expect(forbidden.details[0].field).toBe('child.communeCode');
      const elsewhere = await rejection(newChild(api, managerActor, { communeCode: '00004' }));
      expect(elsewhere.code).toBe('UNKNOWN_PLACE');
      expect(elsewhere.details[0].field).toBe('child.communeCode');
      expect((await rejection(newChild(api, actorOf(admin.user)))).code).toBe('FORBIDDEN');
    });
  });

  describe('update', () => {
    it('changes the fields given, bumps the version and recomputes the given name', async () => {
      const child = await onOwnCase(await newChild(api, caseworkerActor, { fullName: 'Phạm Thu Trang' }));
      const res = await api.http
        .patch(`${BASE}/${child.id}`)
        .set(caseworker.auth)
        .send({ version: 1, fullName: 'Phạm Thị Thu Trâm', specialCircumstances: ['dd', 'a'], address: 'Thôn 3', ethnicity: 'Kinh' })
        .expect(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          fullName: 'Phạm Thị Thu Trâm',
          givenName: 'Trâm',
          specialCircumstances: ['dd', 'a'],
          address: 'Thôn 3',
          ethnicity: 'Kinh',
          version: 2,
        }),
      );
      const cleared = await api.http.patch(`${BASE}/${child.id}`).set(caseworker.auth).send({ version: 2, address: null, estimatedAge: 5 }).expect(200);
      expect(cleared.body).toEqual(expect.objectContaining({ address: null, dateOfBirthEstimated: true, version: 3 }));
      expect(new Date(cleared.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(res.body.updatedAt).getTime());
    });

    it('a stale version answers 409 VERSION_CONFLICT and changes nothing', async () => {
      const child = await onOwnCase(await newChild(api, caseworkerActor, { fullName: 'Hồ Ngọc Hà' }));
      await api.http.patch(`${BASE}/${child.id}`).set(caseworker.auth).send({ version: 1, address: 'Kiệt 5' }).expect(200);
      const stale = await api.http.patch(`${BASE}/${child.id}`).set(caseworker.auth).send({ version: 1, fullName: 'Hồ Thị Hà' }).expect(409);
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      expect(stale.body.error.details[0]).toEqual(expect.objectContaining({ field: 'version', currentVersion: 2 }));
      expect((await get(caseworker, `/${child.id}`).expect(200)).body).toEqual(
        expect.objectContaining({ fullName: 'Hồ Ngọc Hà', address: 'Kiệt 5', version: 2 }),
      );
    });

    it('two editors holding the same version: one wins, the other gets 409', async () => {
      const child = await onOwnCase(await newChild(api, caseworkerActor, { fullName: 'Dương Minh Tuấn' }));
      const results = await Promise.all(
        ['Kiệt 1', 'Kiệt 2'].map((address) => api.http.patch(`${BASE}/${child.id}`).set(caseworker.auth).send({ version: 1, address })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect((await get(caseworker, `/${child.id}`).expect(200)).body.version).toBe(2);
    });

    it('commune staff may not move a child out of their communes (403), a manager may', async () => {
      const child = await onOwnCase(await newChild(api, caseworkerActor, { fullName: 'Lý Gia Hân' }));
      const res = await api.http.patch(`${BASE}/${child.id}`).set(caseworker.auth).send({ version: 1, communeCode: KIM_LONG }).expect(403);
      expect(res.body.error.details[0].field).toBe('communeCode');
      const moved = await api.http.patch(`${BASE}/${child.id}`).set(manager.auth).send({ version: 1, communeCode: KIM_LONG }).expect(200);
      expect(moved.body.communeCode).toBe(KIM_LONG);
      await get(caseworker, `/${child.id}`).expect(404);
      expect((await api.http.patch(`${BASE}/${child.id}`).set(manager.auth).send({ version: 2, communeCode: '00004' }).expect(400)).body.error.code).toBe(
        'UNKNOWN_PLACE',
      );
    });
  });

  describe('bad input answers 400 VALIDATION_FAILED listing the fields, never 500', () => {
    const patch = (id: string, body: object) => api.http.patch(`${BASE}/${id}`).set(caseworker.auth).send(body);

    it('a malformed id', async () => {
      const res = await get(caseworker, '/not-a-uuid').expect(400);
      expect(fieldsOf(res.body)).toEqual(['id']);
      await patch('42', { version: 1 }).expect(400);
    });

    it('bad dates, a future date of birth, age 18, unknown codes and unknown fields', async () => {
      expect(fieldsOf((await get(caseworker, '?dateOfBirth=2020-02-30').expect(400)).body)).toEqual(['dateOfBirth']);
      const many = await patch(phuXuanAnId, {
        version: 1,
        sex: 'robot',
        estimatedAge: 18,
        specialCircumstances: ['a', 'z'],
        caregivers: [{ name: '', relationship: 'aunt', ssn: '1' }],
        nickname: 'Bin',
      }).expect(400);
      expect(many.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(many.body)).toEqual(['caregivers.0.name', 'caregivers.0.ssn', 'estimatedAge', 'nickname', 'sex', 'specialCircumstances']);
      expect(fieldsOf((await patch(phuXuanAnId, { version: 1, dateOfBirth: '2016-13-01' }).expect(400)).body)).toEqual(['dateOfBirth']);
      expect(fieldsOf((await patch(phuXuanAnId, { version: 1, dateOfBirth: vnDate(1) }).expect(400)).body)).toEqual(['dateOfBirth']);
      expect(fieldsOf((await patch(phuXuanAnId, { version: 1, dateOfBirth: vnDate(0, 18) }).expect(400)).body)).toEqual(['dateOfBirth']);
      expect(fieldsOf((await patch(phuXuanAnId, { version: 1, dateOfBirth: '2015-01-01', estimatedAge: 9 }).expect(400)).body)).toEqual([
        'dateOfBirth',
        'estimatedAge',
      ]);
      expect(fieldsOf((await patch(phuXuanAnId, { version: 1, fullName: null, sex: null }).expect(400)).body)).toEqual(['fullName', 'sex']);
      expect(fieldsOf((await patch(phuXuanAnId, { fullName: 'X' }).expect(400)).body)).toEqual(['version']);
      expect(fieldsOf((await patch(phuXuanAnId, { version: 1, caregivers: Array(11).fill({ name: 'A', relationship: 'B' }) }).expect(400)).body)).toEqual([
        'caregivers',
      ]);
      // Nothing above changed the child.
      expect((await get(caseworker, `/${phuXuanAnId}`).expect(200)).body).toEqual(expect.objectContaining({ fullName: 'Nguyễn Văn An', version: 1 }));
    });

    it('query strings: page size, control characters, overlong and repeated parameters', async () => {
      expect(fieldsOf((await get(caseworker, '?pageSize=101').expect(400)).body)).toEqual(['pageSize']);
      expect(fieldsOf((await get(caseworker, '?q=an%00').expect(400)).body)).toEqual(['q']);
      expect(fieldsOf((await get(caseworker, `?q=${'a'.repeat(101)}`).expect(400)).body)).toEqual(['q']);
      expect(fieldsOf((await get(caseworker, '?q=a&q=b').expect(400)).body)).toEqual(['q']);
      for (const page of ['100000000000000000000', '-1', '0', '1.5', 'x'])
        expect(fieldsOf((await get(caseworker, `?page=${page}`).expect(400)).body)).toEqual(['page']);
      expect(fieldsOf((await get(caseworker, '?communeCode=1975&sort=name').expect(400)).body)).toEqual(['communeCode', 'sort']);
      expect((await get(caseworker, '?q=').expect(200)).body.total).toBeGreaterThan(0);
      expect(fieldsOf((await get(caseworker, '/duplicates').expect(400)).body)).toEqual(['fullName']);
      expect(fieldsOf((await get(caseworker, '/duplicates?fullName=An&estimatedAge=abc').expect(400)).body)).toEqual(['estimatedAge']);
      expect(fieldsOf((await get(caseworker, '/duplicates?fullName=An&estimatedAge=3&dateOfBirth=2020-01-01').expect(400)).body)).toEqual([
        'dateOfBirth',
        'estimatedAge',
      ]);
    });
  });

  describe('duplicates', () => {
    let exactId: string;
    let nameOnlyId: string;
    let estimatedId: string;

    beforeAll(async () => {
      exactId = (await newChild(api, managerActor, { fullName: 'Lê Minh Khoa', dateOfBirth: '2015-03-02', communeCode: PHU_XUAN })).id;
      nameOnlyId = (await newChild(api, managerActor, { fullName: 'Lê Minh Khoa', dateOfBirth: '2011-09-09', communeCode: KIM_LONG })).id;
      estimatedId = (await newChild(api, managerActor, { fullName: 'Võ Thị Lan', estimatedAge: 9, communeCode: KIM_LONG })).id;
      await newChild(api, managerActor, { fullName: 'Hoàng Quốc Việt', dateOfBirth: '2015-03-02', communeCode: PHU_XUAN });
    });

    it('ranks a name + date of birth + commune match above a name-only match, with scores in [0, 1]', async () => {
      const res = await get(manager, `/duplicates?fullName=${encodeURIComponent('Le Minh Khoa')}&dateOfBirth=2015-03-02&communeCode=${PHU_XUAN}`).expect(200);
      const items: DuplicateBody[] = res.body.items;
      expect(items.map((d) => d.child.id)).toEqual([exactId, nameOnlyId]);
      expect(items[0]).toEqual(expect.objectContaining({ score: 1, signals: { nameSimilarity: 1, sameDateOfBirth: true, sameCommune: true } }));
      expect(items[1]).toEqual(expect.objectContaining({ score: 0.7, signals: { nameSimilarity: 1, sameDateOfBirth: false, sameCommune: false } }));
      for (const d of items) {
        expect(d.score).toBeGreaterThanOrEqual(0.5);
        expect(d.score).toBeLessThanOrEqual(1);
      }
      // Same date and commune but another name is not a candidate.
      expect(items.map((d) => d.child.fullName)).not.toContain('Hoàng Quốc Việt');
    });

    it('matches an estimated date of birth within a year, and stays within scope', async () => {
      const year = Number(vnDate().slice(0, 4)) - 9;
      const res = await get(manager, `/duplicates?fullName=${encodeURIComponent('Vo Thi Lan')}&dateOfBirth=${year}-02-15`).expect(200);
      expect(res.body.items[0]).toEqual(expect.objectContaining({ signals: { nameSimilarity: 1, sameDateOfBirth: true, sameCommune: false } }));
      expect(res.body.items[0].child.id).toBe(estimatedId);
      const byAge = await get(manager, `/duplicates?fullName=${encodeURIComponent('Võ Thị Lan')}&estimatedAge=10`).expect(200);
      expect(byAge.body.items[0].signals.sameDateOfBirth).toBe(true);
      const mine = await get(caseworker, `/duplicates?fullName=${encodeURIComponent('Lê Minh Khoa')}`).expect(200);
      expect(mine.body.items.map((d: DuplicateBody) => d.child.id)).toEqual([exactId]);
    });
  });

  it('documents the routes and the duplicate score in OpenAPI', async () => {
    const doc = (await api.http.get('/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/children', '/api/v1/children/duplicates', '/api/v1/children/{id}']));
    expect(doc.paths['/api/v1/children/duplicates'].get.description).toContain('score = 0.7 × nameSimilarity');
    expect(doc.components.schemas.ChildResponseDto.properties).toHaveProperty('age');
    expect(doc.components.schemas.UpdateChildDto.required).toEqual(['version']);
  });
});
