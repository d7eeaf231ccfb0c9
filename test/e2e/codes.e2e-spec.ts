import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { signedIn } from '../support/factories';

jest.setTimeout(30_000);

interface Entry {
  code: string;
  vi: string;
  en: string;
  letter?: string;
}

describe('code lists (GET /codes)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('needs a signed-in caller', async () => {
    const res = await api.http.get('/api/v1/codes').expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers every list, each entry with a code and Vietnamese and English labels, to any role', async () => {
    for (const role of [Role.Partner, Role.Admin, Role.Caseworker]) {
      const who = role === Role.Partner ? await partner(api) : await signedIn(api, role);
      await api.http.get('/api/v1/codes').set(who.auth).expect(200);
    }
    const caller = await signedIn(api, Role.Caseworker);
    const lists = (await api.http.get('/api/v1/codes').set(caller.auth).expect(200)).body as Record<string, Entry[]>;

    expect(Object.keys(lists)).toEqual(
      expect.arrayContaining(['stages', 'concernTypes', 'specialCircumstances', 'riskLevels', 'serviceTypes', 'intakeChannels', 'closureReasons']),
    );
    for (const [name, entries] of Object.entries(lists)) {
      expect({ name, empty: entries.length === 0 }).toEqual({ name, empty: false });
      for (const e of entries) {
        expect(e).toEqual(expect.objectContaining({ code: expect.stringMatching(/^[a-z0-9_]+$/), vi: expect.any(String), en: expect.any(String) }));
        expect(e.vi.length * e.en.length).toBeGreaterThan(0);
      }
      expect(new Set(entries.map((e) => e.code)).size).toBe(entries.length);
    }

    expect(lists.stages.map((e) => e.code)).toEqual(['intake', 'assessment', 'planning', 'intervention', 'review', 'closed']);
    expect(lists.concernTypes).toHaveLength(10);
    expect(lists.closureReasons).toHaveLength(8);
    expect(lists.riskLevels.map((e) => [e.code, e.vi])).toEqual([
      ['high', 'Cao'],
      ['medium', 'Trung bình'],
      ['low', 'Thấp'],
    ]);
    expect(lists.serviceTypes).toHaveLength(10);
    expect(lists.intakeChannels.map((e) => e.code)).toContain('hotline_111');

    const groups = lists.specialCircumstances;
    expect(groups).toHaveLength(14);
    expect(groups.map((g) => g.letter)).toEqual(['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o']);
    expect(groups.find((g) => g.code === 'dd')).toEqual({ code: 'dd', letter: 'đ', vi: 'Trẻ em nhiễm HIV/AIDS', en: 'Living with HIV/AIDS' });
    // Only the special circumstances carry a letter.
    expect(lists.concernTypes.every((e) => e.letter === undefined)).toBe(true);
  });

  it('is described in the OpenAPI document with a response schema', async () => {
    const doc = (await api.http.get('/docs-json').expect(200)).body;
    const get = doc.paths['/api/v1/codes'].get;
    expect(get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/CodeListsDto');
    expect(Object.keys(doc.components.schemas.CodeListsDto.properties)).toEqual(expect.arrayContaining(['specialCircumstances', 'closureReasons']));
    expect(doc.components.schemas.CodeEntryDto.required).toEqual(expect.arrayContaining(['code', 'vi', 'en']));
  });
});

/** A partner user needs an organisation. */
async function partner(api: TestApi) {
  const [org] = await api.db.query(`INSERT INTO organisation (name, type, province_code) VALUES ('Bệnh viện Trung ương Huế', 'health', '46') RETURNING id`);
  return signedIn(api, Role.Partner, { organisationId: org.id, communeCodes: [] });
}
