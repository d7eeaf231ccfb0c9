import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { intakeBody, openCase } from '../support/cases';
import { PHU_XUAN, signedIn, SignedIn } from '../support/factories';
import { errorShapeProblems } from '../support/routes';

/*
 * Issue 10, item 6: unbounded dates and 500s on text. Every time a client sends is bounded (never
 * in the future beyond the clock skew, never before the child's birth or a sane floor, never a
 * 500), and one global rule refuses NUL and unpaired surrogates in any text with 400.
 */

const YEAR = 365.25 * 86_400_000;
const yearsFromNow = (years: number) => new Date(Date.now() + years * YEAR).toISOString();

interface ErrorBody {
  error: { code: string; message: string; details: { field?: string; message: string }[] };
  requestId: string;
}

describe('bounded dates and clean text (issue 10, item 6)', () => {
  let api: TestApi;
  let supervisor: SignedIn;
  let caseworker: SignedIn;
  let manager: SignedIn;

  const counts = async (): Promise<{ cases: number; children: number; deadlines: number }> => {
    const [row] = await api.db.query(
      `SELECT (SELECT count(*)::int FROM "case") AS cases, (SELECT count(*)::int FROM child) AS children, (SELECT count(*)::int FROM deadline) AS deadlines`,
    );
    return row;
  };

  /** A 400 VALIDATION_FAILED in the one error shape naming `field`, that does not echo `secret`. */
  const expectRefused = (res: { status: number; body: unknown; text: string }, field: string, secret?: string) => {
    expect({ status: res.status, problems: errorShapeProblems(res.body) }).toEqual({ status: 400, problems: [] });
    const body = res.body as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.field)).toContain(field);
    if (secret) expect(res.text).not.toContain(secret);
  };

  beforeAll(async () => {
    api = await startApi();
    [supervisor, caseworker, manager] = await Promise.all([signedIn(api, Role.Supervisor), signedIn(api, Role.Caseworker), signedIn(api, Role.Manager)]);
  });
  afterAll(() => api.close());

  describe('intake (POST /cases): receivedAt and incident.occurredAt', () => {
    it.each([
      ['four years ahead (the issue’s 2030)', yearsFromNow(4)],
      ['ten minutes ahead (beyond the 5-minute skew)', new Date(Date.now() + 10 * 60_000).toISOString()],
      ['1900 (flooded escalations)', '1900-01-01T00:00:00Z'],
      ['9999 (was a 500)', '9999-12-31T23:59:59Z'],
      ['year 0001', '0001-01-01T00:00:00Z'],
      ['+275760 (the last instant JavaScript holds)', '+275760-09-13T00:00:00Z'],
    ])('receivedAt %s answers 400 naming receivedAt and writes nothing', async (_name, receivedAt) => {
      const before = await counts();
      const res = await api.http.post('/api/v1/cases').set(supervisor.auth).send(intakeBody({ receivedAt }));
      expectRefused(res, 'receivedAt');
      expect(await counts()).toEqual(before);
    });

    it('receivedAt within the clock skew and a few years back are accepted', async () => {
      await openCase(api, supervisor.auth, { receivedAt: new Date(Date.now() + 60_000).toISOString() });
      await openCase(api, supervisor.auth, { receivedAt: new Date(Date.now() - 3 * YEAR).toISOString() });
    });

    it('incident.occurredAt in the future or in 9999 answers 400 naming it', async () => {
      for (const occurredAt of [yearsFromNow(4), '9999-12-31T23:59:59Z']) {
        const before = await counts();
        const incident = { concernTypes: ['neglect'], communeCode: PHU_XUAN, description: 'Left alone', immediateDanger: true, occurredAt };
        const res = await api.http.post('/api/v1/cases').set(supervisor.auth).send(intakeBody({ incident }));
        expectRefused(res, 'incident.occurredAt');
        expect(await counts()).toEqual(before);
      }
    });

    it('refuses a receivedAt or an occurredAt before the new child’s date of birth, keeping neither child nor case', async () => {
      const child = { fullName: 'Phan Thị Sinh Sau', sex: 'female', dateOfBirth: '2020-06-15', communeCode: PHU_XUAN };
      const incident = {
        concernTypes: ['neglect'],
        communeCode: PHU_XUAN,
        description: 'Left alone',
        immediateDanger: false,
        occurredAt: '2020-06-14T10:00:00+07:00',
      };
      const before = await counts();
      const res = await api.http
        .post('/api/v1/cases')
        .set(supervisor.auth)
        .send(intakeBody({ child, incident, receivedAt: '2019-01-01T08:00:00+07:00' }));
      expectRefused(res, 'incident.occurredAt', 'Sinh Sau');
      expectRefused(res, 'receivedAt');
      expect(res.text).not.toContain('2020-06-15');
      expect(await counts()).toEqual(before);
      // The day of birth itself (in Vietnam) is fine.
      await openCase(api, supervisor.auth, { child, incident: { ...incident, occurredAt: '2020-06-14T18:00:00Z' } });
    });

    it('refuses an occurredAt before a registered child’s date of birth', async () => {
      const first = await openCase(api, supervisor.auth, {
        child: { fullName: 'Võ Văn Đã Có', sex: 'male', dateOfBirth: '2018-03-01', communeCode: PHU_XUAN },
      });
      const before = await counts();
      const incident = {
        concernTypes: ['neglect'],
        communeCode: PHU_XUAN,
        description: 'Again',
        immediateDanger: false,
        occurredAt: '2017-12-31T12:00:00+07:00',
      };
      const res = await api.http
        .post('/api/v1/cases')
        .set(supervisor.auth)
        .send(intakeBody({ child: { id: first.child.id }, incident }));
      expectRefused(res, 'incident.occurredAt', 'Đã Có');
      expect(await counts()).toEqual(before);
    });

    it('an immediate-danger report received an hour ago has its first (12-hour) deadline within the next 12 hours', async () => {
      const kase = await openCase(api, supervisor.auth, {
        incident: { concernTypes: ['physical_violence'], communeCode: PHU_XUAN, description: 'Beaten', immediateDanger: true },
      });
      const [row] = await api.db.query(`SELECT min(due_at) AS first FROM deadline WHERE case_id = $1`, [kase.id]);
      expect((row.first as Date).getTime()).toBeGreaterThan(Date.now());
      expect((row.first as Date).getTime()).toBeLessThanOrEqual(Date.now() + 12 * 3600_000);
    });
  });

  describe('other dates', () => {
    it.each([
      ['reports/statistics?from=9999-01-01&to=9999-12-31', 'to'],
      ['reports/statistics?to=9999-12-31', 'to'],
      ['reports/response-times?from=1899-12-31', 'from'],
      ['reports/caseload?from=9999-12-31', 'from'],
      ['reports/statistics/export?format=csv&to=9999-12-31', 'to'],
      ['cases?openedFrom=9999-12-31T00:00:00Z', 'openedFrom'],
      ['cases?openedTo=1800-01-01T00:00:00Z', 'openedTo'],
      ['referrals?receivedFrom=9999-12-31T00:00:00Z', 'receivedFrom'],
    ])('GET %s answers 400 naming %s, not 500', async (path, field) => {
      const res = await api.http.get(`/api/v1/${path}`).set(path.startsWith('reports') ? manager.auth : supervisor.auth);
      expectRefused(res, field);
    });

    it('a note’s occurredAt in 1900 or in 9999 answers 400, and nothing is written', async () => {
      const kase = await openCase(api, supervisor.auth, { assigneeId: caseworker.user.id });
      for (const occurredAt of ['1900-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
        const res = await api.http
          .post(`/api/v1/cases/${kase.id}/notes`)
          .set(caseworker.auth)
          .send({ kind: 'visit', visibility: 'internal', body: 'Home visit', occurredAt });
        expectRefused(res, 'occurredAt');
      }
      const [row] = await api.db.query(`SELECT count(*)::int AS n FROM case_note WHERE case_id = $1`, [kase.id]);
      expect(row.n).toBe(0);
    });
  });

  describe('one text rule: NUL and unpaired surrogates answer 400, never 500', () => {
    let kase: { id: string };
    beforeAll(async () => {
      kase = await openCase(api, supervisor.auth, { assigneeId: caseworker.user.id });
    });
    const note = (body: string) => ({ kind: 'visit', visibility: 'internal', body, occurredAt: new Date(Date.now() - 60_000).toISOString() });

    it.each([
      ['a NUL', 'Home visit\u0000 done'],
      ['a lone high surrogate', 'Home visit \ud800 done'],
      ['a lone low surrogate', 'Home visit \udc00 done'],
    ])('%s in a note body answers 400 naming body and writes nothing', async (_name, body) => {
      const res = await api.http.post(`/api/v1/cases/${kase.id}/notes`).set(caseworker.auth).send(note(body));
      expectRefused(res, 'body', 'Home visit');
      const [row] = await api.db.query(`SELECT count(*)::int AS n FROM case_note WHERE case_id = $1`, [kase.id]);
      expect(row.n).toBe(0);
    });

    it('a well-formed surrogate pair (an emoji) is fine', async () => {
      await api.http.post(`/api/v1/cases/${kase.id}/notes`).set(caseworker.auth).send(note('The child drew a 🌞 for us')).expect(201);
    });

    it('names the path of a nested field, and of a property name, at intake, writing nothing', async () => {
      const before = await counts();
      const body = intakeBody({
        child: {
          fullName: 'Lê \ud83d Văn Bí',
          sex: 'male',
          dateOfBirth: '2016-05-04',
          communeCode: PHU_XUAN,
          caregivers: [{ name: 'Mẹ\u0000', relationship: 'mother' }],
        },
      });
      const res = await api.http
        .post('/api/v1/cases')
        .set(supervisor.auth)
        .send({ ...body, ['odd\u0000key']: 1 });
      expectRefused(res, 'child.fullName', 'Bí');
      expectRefused(res, 'child.caregivers[0].name');
      expect((res.body as ErrorBody).error.details.map((d) => d.field)).toContain('body');
      expect(await counts()).toEqual(before);
    });

    it('a NUL in a query string answers 400 naming the parameter', async () => {
      expectRefused(await api.http.get('/api/v1/cases?q=An%00').set(supervisor.auth), 'q');
      expectRefused(await api.http.get('/api/v1/children?q=%00').set(supervisor.auth), 'q');
    });

    it('a lone surrogate cannot be percent-encoded in UTF-8: such a query is kept as text and answers 200, not 500', async () => {
      // %ED%A0%80 would be U+D800 in (invalid) UTF-8: the query parser keeps it undecoded.
      const res = await api.http.get('/api/v1/cases?q=%ED%A0%80').set(supervisor.auth);
      expect(res.status).toBe(200);
    });

    it('a NUL in a path parameter answers 400 naming the parameter', async () => {
      expectRefused(await api.http.get(`/api/v1/cases/${kase.id}%00`).set(supervisor.auth), 'id');
    });

    it('refuses before the guards: an anonymous NUL body is 400 too, and the error names no value', async () => {
      const res = await api.http.post('/api/v1/auth/login').send({ username: 'x\u0000', password: 'whatever-long' });
      expectRefused(res, 'username');
    });
  });
});
