import { CalendarService } from '@haven/deadlines';
import type { AppException } from '@haven/platform';
import { addHolidayFromCli, removeHolidayFromCli } from '../../apps/cli/src/commands/holidays';
import { UsageError } from '../../apps/cli/src/commands/operator-args';
import { Role } from '@haven/domain';
import { readReferenceCsv } from '../../migrations/data/reference-data';
import { startApi, TestApi } from '../support/app';
import { signedIn, SignedIn } from '../support/factories';

interface Holiday {
  date: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  confirmed: boolean;
  source: string | null;
  createdBy: string | null;
  createdAt: string;
}

interface CsvRow {
  date: string;
  kind: string;
  name_vi: string;
  name_en: string;
  confirmed: string;
  source: string;
}

const day = (date: string, kind = 'holiday', extra: Record<string, unknown> = {}) => ({
  date,
  kind,
  nameVi: 'Ngày nghỉ thử nghiệm',
  nameEn: 'Test day off',
  ...extra,
});

describe('the working-day calendar (GET /holidays; holiday:add and holiday:remove)', () => {
  let api: TestApi;
  let admin: SignedIn;
  let caseworker: SignedIn;
  let manager: SignedIn;

  const list = async (auth: { Authorization: string }, query = ''): Promise<Holiday[]> =>
    (await api.http.get(`/api/v1/holidays${query}`).set(auth).expect(200)).body;

  beforeAll(async () => {
    api = await startApi();
    admin = await signedIn(api, Role.Admin);
    caseworker = await signedIn(api, Role.Caseworker);
    manager = await signedIn(api, Role.Manager);
  });
  afterAll(() => api.close());

  describe('the seeded days', () => {
    it('are exactly the rows of vn-holidays.csv, in date order', async () => {
      const csv = readReferenceCsv<CsvRow>('vn-holidays.csv');
      const all = await list(caseworker.auth);
      expect(all.map((h) => [h.date, h.kind, h.nameVi, h.nameEn, h.confirmed, h.source, h.createdBy])).toEqual(
        csv.map((r) => [r.date, r.kind, r.name_vi, r.name_en, r.confirmed === 'yes', r.source, null]),
      );
    });

    it('include Vietnam Culture Day 2026 and the Tết 2026 days, all confirmed', async () => {
      const year2026 = await list(caseworker.auth, '?year=2026');
      expect(year2026.every((h) => h.date.startsWith('2026-') && h.confirmed)).toBe(true);
      expect(year2026).toContainEqual(expect.objectContaining({ date: '2026-11-24', kind: 'holiday', nameEn: expect.stringMatching(/Culture Day/) }));
      expect(year2026).toContainEqual(expect.objectContaining({ date: '2026-01-10', kind: 'makeup_workday' }));
      expect(year2026.filter((h) => h.date >= '2026-02-14' && h.date <= '2026-02-22').map((h) => h.date)).toEqual([
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
      ]);
    });

    it('show admins which 2027 days are inferred: Tết, 3 May and 3 September are not confirmed', async () => {
      const year2027 = await list(admin.auth, '?year=2027');
      const unconfirmed = year2027.filter((h) => !h.confirmed).map((h) => h.date);
      expect(unconfirmed).toEqual(['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-05-03', '2027-09-03']);
      expect(year2027.find((h) => h.date === '2027-02-04')?.source).toMatch(/NOT CONFIRMED/);
      expect(year2027.find((h) => h.date === '2027-11-24')?.confirmed).toBe(true);
    });

    it('make the calendar the deadlines use', async () => {
      const calendar = await api.app.get(CalendarService).calendar();
      expect(calendar.isWorkingDay('2026-11-24')).toBe(false);
      expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
      expect(calendar.addWorkingDays(new Date('2026-02-13T10:00:00+07:00'), 5)).toEqual(new Date('2026-02-27T23:59:59.999+07:00'));
    });

    it('answer an empty list for a year without data', async () => {
      expect(await list(manager.auth, '?year=2030')).toEqual([]);
    });
  });

  describe('the operator adds and removes days from the command line (holiday:add, holiday:remove)', () => {
    /** The command's options for a body such as the API used to take. */
    const args = (b: Record<string, unknown>): string[] => [
      ...(b.date !== undefined ? ['--date', String(b.date)] : []),
      ...(b.kind !== undefined ? ['--kind', String(b.kind)] : []),
      ...(b.nameVi !== undefined ? ['--name-vi', String(b.nameVi)] : []),
      ...(b.nameEn !== undefined ? ['--name-en', String(b.nameEn)] : []),
      ...(b.source !== undefined ? ['--source', String(b.source)] : []),
      ...(b.confirmed === false ? ['--unconfirmed'] : []),
    ];
    const add = (b: Record<string, unknown>) => addHolidayFromCli(api.app, args(b));
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e as AppException,
      );

    it('adds an inferred day, which the calendar then skips, and removes it again', async () => {
      const created = await add(day('2027-02-11', 'holiday', { nameVi: '  Tết Nguyên đán (Mùng 6)  ', confirmed: false, source: 'Proposal, not yet issued' }));
      expect(created).toEqual({
        date: '2027-02-11',
        kind: 'holiday',
        nameVi: 'Tết Nguyên đán (Mùng 6)',
        nameEn: 'Test day off',
        confirmed: false,
        source: 'Proposal, not yet issued',
        createdBy: null,
        createdAt: expect.any(String),
      });
      expect((await list(caseworker.auth, '?year=2027')).map((h) => h.date)).toContain('2027-02-11');
      expect((await api.app.get(CalendarService).calendar()).isWorkingDay('2027-02-11')).toBe(false);

      await removeHolidayFromCli(api.app, ['--date', '2027-02-11']);
      expect((await list(caseworker.auth, '?year=2027')).map((h) => h.date)).not.toContain('2027-02-11');
      expect((await api.app.get(CalendarService).calendar()).isWorkingDay('2027-02-11')).toBe(true);
      const again = await failure(removeHolidayFromCli(api.app, ['--date', '2027-02-11']));
      expect(again?.code).toBe('NOT_FOUND');
    });

    it('adds a make-up Saturday, confirmed by default', async () => {
      const created = await add(day('2027-02-20', 'makeup_workday'));
      expect(created).toMatchObject({ date: '2027-02-20', kind: 'makeup_workday', confirmed: true, source: null });
      expect((await api.app.get(CalendarService).calendar()).isWorkingDay('2027-02-20')).toBe(true);
      await removeHolidayFromCli(api.app, ['--date', '2027-02-20']);
    });

    it('refuses a day already listed (409)', async () => {
      const err = await failure(add(day('2026-11-24')));
      expect(err).toMatchObject({ code: 'CONFLICT', details: [expect.objectContaining({ field: 'date' })] });
      expect((await list(admin.auth, '?year=2026')).find((h) => h.date === '2026-11-24')?.nameEn).toMatch(/Culture Day/);
    });

    it.each([
      ['a holiday on a Saturday', day('2027-02-13'), 'date', /weekday/],
      ['a day in lieu on a Sunday', day('2027-02-14', 'compensatory'), 'date', /weekday/],
      ['a make-up working day on a Friday', day('2027-02-12', 'makeup_workday'), 'date', /Saturday/],
      ['a day that does not exist', day('2026-02-30'), 'date', /YYYY-MM-DD/],
      ['a date that is not a date', day('next Tuesday'), 'date', /YYYY-MM-DD/],
      ['a date with a time', day('2027-02-11T00:00:00Z'), 'date', /YYYY-MM-DD/],
      ['a year out of range', day('0227-02-11'), 'date', /YYYY-MM-DD/],
      ['an unknown kind', day('2027-02-11', 'festival'), 'kind', /kind/],
      ['an empty name', day('2027-02-11', 'holiday', { nameVi: '   ' }), 'nameVi', /nameVi/],
    ])('refuses %s, naming the field', async (_, body, field, message) => {
      const err = await failure(add(body));
      expect(err?.code).toBe('VALIDATION_FAILED');
      expect(err?.details).toContainEqual(expect.objectContaining({ field, message: expect.stringMatching(message) }));
      expect((await list(admin.auth)).map((h) => h.date)).not.toContain(body.date);
    });

    it('refuses unknown options and stray words as usage errors', async () => {
      for (const argv of [
        [...args(day('2027-02-11')), '--region', 'south'],
        [...args(day('2027-02-11')), 'now'],
      ]) {
        await expect(addHolidayFromCli(api.app, argv)).rejects.toBeInstanceOf(UsageError);
      }
      await expect(removeHolidayFromCli(api.app, [])).rejects.toBeInstanceOf(UsageError);
    });

    it('refuses to delete a malformed date', async () => {
      const err = await failure(removeHolidayFromCli(api.app, ['--date', '2026-13-01']));
      expect(err?.details).toEqual([expect.objectContaining({ field: 'date' })]);
    });

    it('refuses a malformed year (400)', async () => {
      await api.http.get('/api/v1/holidays?year=twenty').set(caseworker.auth).expect(400);
      await api.http.get('/api/v1/holidays?year=1999').set(caseworker.auth).expect(400);
    });
  });

  describe('who may do what', () => {
    it('lets staff and admins read; nobody changes the national calendar over HTTP, a province admin included; nobody unsigned (401)', async () => {
      const before = await list(admin.auth);
      for (const who of [admin, caseworker, manager]) {
        const post = await api.http.post('/api/v1/holidays').set(who.auth).send(day('2027-02-11')).expect(404);
        expect(post.body.error.code).toBe('ROUTE_NOT_FOUND');
        await api.http.delete('/api/v1/holidays/2026-11-24').set(who.auth).expect(404);
      }
      await api.http.get('/api/v1/holidays').expect(401);
      expect(await list(admin.auth)).toEqual(before);
    });
  });
});
