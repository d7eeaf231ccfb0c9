import { CalendarService, DeadlinePolicyService } from '@haven/deadlines';
import { DEFAULT_DEADLINE_POLICY, dueAt, Role, stepLadder } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { HUE, signedIn, SignedIn } from '../support/factories';

/** Hà Nội: a second province, whose policy must not move when Huế's does. */
const HA_NOI = '01';
/** A province the tests below write concurrently, apart from Huế's sequence. */
const DA_NANG = '48';

type Auth = { Authorization: string };
const defaults = JSON.parse(JSON.stringify(DEFAULT_DEADLINE_POLICY));

describe('the deadline policy (GET/PUT /settings/deadline-policy)', () => {
  let api: TestApi;
  let admin: SignedIn;
  let caseworker: SignedIn;
  let manager: SignedIn;
  /** The administrators of the two other provinces: each changes its own province only. */
  let adminHaNoi: SignedIn;
  let adminDaNang: SignedIn;

  const get = (auth: Auth, query = '') => api.http.get(`/api/v1/settings/deadline-policy${query}`).set(auth);
  const put = (auth: Auth, body: unknown) =>
    api.http
      .put('/api/v1/settings/deadline-policy')
      .set(auth)
      .send(body as object);

  beforeAll(async () => {
    api = await startApi();
    admin = await signedIn(api, Role.Admin);
    caseworker = await signedIn(api, Role.Caseworker);
    manager = await signedIn(api, Role.Manager);
    adminHaNoi = await signedIn(api, Role.Admin, { provinceCode: HA_NOI });
    adminDaNang = await signedIn(api, Role.Admin, { provinceCode: DA_NANG });
  });
  afterAll(() => api.close());

  it('answers the defaults while a province has no overrides', async () => {
    const res = await get(caseworker.auth).expect(200);
    expect(res.body).toEqual({ provinceCode: HUE, policy: defaults, overrides: {}, version: 0, updatedAt: null, updatedBy: null });
    expect(res.body.policy.kinds.plan_submission.duration).toEqual({ value: 5, unit: 'working_days' });
    expect(res.body.policy.kinds.initial_assessment.duration).toEqual({ value: 12, unit: 'hours' });
  });

  it('lets everyone, admins included, read their own province only', async () => {
    await get(manager.auth, `?provinceCode=${HUE}`).expect(200);
    const other = await get(caseworker.auth, `?provinceCode=${HA_NOI}`).expect(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    expect((await get(admin.auth, `?provinceCode=${HA_NOI}`).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await get(adminHaNoi.auth, `?provinceCode=${HA_NOI}`).expect(200)).body).toMatchObject({ provinceCode: HA_NOI, version: 0 });
    expect((await get(admin.auth, '?provinceCode=99').expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await get(admin.auth, '?provinceCode=hue').expect(400)).body.error.details).toEqual([expect.objectContaining({ field: 'provinceCode' })]);
    await api.http.get('/api/v1/settings/deadline-policy').expect(401);
  });

  describe('changing Huế’s policy, in order', () => {
    it('saves valid overrides (200), and the effective policy follows', async () => {
      const overrides = {
        planSubmissionFrom: 'needs_assessment',
        kinds: {
          plan_submission: { duration: { value: 7, unit: 'working_days' } },
          referral_response: { emergency: { reminders: [{ value: 3, unit: 'hours' }] } },
        },
      };
      const res = await put(admin.auth, { provinceCode: HUE, policy: overrides, version: 0 }).expect(200);
      expect(res.body).toMatchObject({ provinceCode: HUE, overrides, version: 1, updatedBy: admin.user.id, updatedAt: expect.any(String) });
      expect(res.body.policy.planSubmissionFrom).toBe('needs_assessment');
      expect(res.body.policy.kinds.plan_submission).toEqual({ ...defaults.kinds.plan_submission, duration: { value: 7, unit: 'working_days' } });
      expect(res.body.policy.kinds.referral_response.emergency).toEqual({
        ...defaults.kinds.referral_response.emergency,
        reminders: [{ value: 3, unit: 'hours' }],
      });
      expect(res.body.policy.kinds.initial_assessment).toEqual(defaults.kinds.initial_assessment);

      expect((await get(caseworker.auth).expect(200)).body).toEqual(res.body);
      const effective = await api.app.get(DeadlinePolicyService).effective(HUE);
      expect(effective.kinds.plan_submission.duration).toEqual({ value: 7, unit: 'working_days' });
      // Another province keeps the defaults.
      expect((await get(adminHaNoi.auth).expect(200)).body.policy).toEqual(defaults);
    });

    it('refuses an invalid policy (400), listing every field, and changes nothing', async () => {
      const before = (await get(admin.auth).expect(200)).body;
      const res = await put(admin.auth, {
        provinceCode: HUE,
        version: before.version,
        policy: {
          kinds: {
            plan_submission: { duration: { value: -5, unit: 'working_days' } },
            initial_assessment: { reminders: [{ value: 13, unit: 'hours' }] },
            home_visit: { duration: { value: 1, unit: 'days' } },
            plan_approval: { duration: { value: 2, unit: 'fortnights' } },
          },
        },
      }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const fields = res.body.error.details.map((d: { field: string }) => d.field).sort();
      expect(fields).toEqual(['policy.kinds.home_visit', 'policy.kinds.plan_approval.duration.unit', 'policy.kinds.plan_submission.duration.value']);
      // The reminder after the due time is a limit of the merged policy, reported once the shape is right.
      const late = await put(admin.auth, {
        provinceCode: HUE,
        version: before.version,
        policy: { kinds: { initial_assessment: { reminders: [{ value: 13, unit: 'hours' }] } } },
      }).expect(400);
      expect(late.body.error.details).toEqual([
        { field: 'policy.kinds.initial_assessment.reminders.0', message: expect.stringMatching(/shorter than the duration \(12 hours\)/) },
      ]);
      expect((await get(admin.auth).expect(200)).body).toEqual(before);
    });

    it.each<[string, unknown, string]>([
      ['a negative duration', { kinds: { review: { duration: { value: -1, unit: 'days' } } } }, 'policy.kinds.review.duration.value'],
      [
        'a reminder after the due time',
        { kinds: { plan_approval: { reminders: [{ value: 3, unit: 'working_days' }] } } },
        'policy.kinds.plan_approval.reminders.0',
      ],
      ['an unknown kind', { kinds: { court_hearing: {} } }, 'policy.kinds.court_hearing'],
      ['a wrong unit', { kinds: { initial_assessment: { duration: { value: 12, unit: 'hrs' } } } }, 'policy.kinds.initial_assessment.duration.unit'],
      ['a duration on a kind without one', { kinds: { separation_end: { duration: { value: 15, unit: 'days' } } } }, 'policy.kinds.separation_end.duration'],
      ['an unknown plan-submission start', { planSubmissionFrom: 'intake' }, 'policy.planSubmissionFrom'],
      ['a policy that is not an object', ['initial_assessment'], 'policy'],
    ])('refuses %s (400) and changes nothing', async (_, policy, field) => {
      const before = (await get(admin.auth).expect(200)).body;
      const res = await put(admin.auth, { provinceCode: HUE, version: before.version, policy }).expect(400);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ field }));
      expect((await get(admin.auth).expect(200)).body).toEqual(before);
    });

    it('refuses a stale version (409 VERSION_CONFLICT) and changes nothing', async () => {
      const before = (await get(admin.auth).expect(200)).body;
      expect(before.version).toBe(1);
      for (const version of [0, 7]) {
        const res = await put(admin.auth, { provinceCode: HUE, version, policy: {} }).expect(409);
        expect(res.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: [expect.objectContaining({ field: 'version', currentVersion: 1 })] });
      }
      expect((await get(admin.auth).expect(200)).body).toEqual(before);
    });

    it('takes a policy configured in seconds, which dueAt and timeline then follow', async () => {
      const s = (value: number) => ({ value, unit: 'seconds' });
      const res = await put(admin.auth, {
        provinceCode: HUE,
        version: 1,
        policy: { kinds: { initial_assessment: { duration: s(10), reminders: [s(6), s(3)], escalationGrace: s(5) } } },
      }).expect(200);
      expect(res.body.version).toBe(2);
      const policy = await api.app.get(DeadlinePolicyService).effective(HUE);
      const calendar = await api.app.get(CalendarService).calendar();
      const receivedAt = new Date('2026-02-17T03:00:00+07:00');
      const due = dueAt('initial_assessment', { receivedAt }, policy, calendar)!;
      expect(due.getTime() - receivedAt.getTime()).toBe(10_000);
      expect(stepLadder({ kind: 'initial_assessment', dueAt: due }, policy, calendar).map((step) => (step.at.getTime() - receivedAt.getTime()) / 1000)).toEqual(
        [4, 7, 10, 15],
      );
    });

    it('returns to the defaults with empty overrides', async () => {
      const res = await put(admin.auth, { provinceCode: HUE, version: 2, policy: {} }).expect(200);
      expect(res.body).toMatchObject({ version: 3, overrides: {}, policy: defaults });
    });
  });

  it('refuses writes from anyone but admins (403)', async () => {
    for (const who of [manager, caseworker]) {
      const res = await put(who.auth, { provinceCode: HUE, version: 3, policy: {} }).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await get(admin.auth).expect(200)).body.version).toBe(3);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing version', { provinceCode: HA_NOI, policy: {} }, 'version'],
    ['a negative version', { provinceCode: HA_NOI, policy: {}, version: -1 }, 'version'],
    ['a missing policy', { provinceCode: HA_NOI, version: 0 }, 'policy'],
    ['a policy that is text', { provinceCode: HA_NOI, policy: 'strict', version: 0 }, 'policy'],
    ['a malformed province', { provinceCode: '1', policy: {}, version: 0 }, 'provinceCode'],
    ['an unknown field', { provinceCode: HA_NOI, policy: {}, version: 0, force: true }, 'force'],
  ])('refuses %s (400)', async (_, body, field) => {
    const res = await put(adminHaNoi.auth, body).expect(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ field }));
    expect((await get(adminHaNoi.auth).expect(200)).body.version).toBe(0);
  });

  it('refuses an administrator another province’s policy, or an unknown one (403), and changes nothing', async () => {
    for (const provinceCode of [HA_NOI, '99']) {
      const res = await put(admin.auth, { provinceCode, policy: {}, version: 0 }).expect(403);
      expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', details: [expect.objectContaining({ field: 'provinceCode' })] });
    }
    expect((await get(adminHaNoi.auth).expect(200)).body.version).toBe(0);
    expect(await api.db.query(`SELECT 1 FROM admin_audit WHERE province_code = $1 AND target_type = 'deadline_policy'`, [HA_NOI])).toEqual([]);
  });

  it('records each change in the admin audit, with the overrides before and after', async () => {
    const rows = await api.db.query(
      `SELECT actor_id, action, target_id, changes FROM admin_audit WHERE target_type = 'deadline_policy' AND province_code = $1 ORDER BY at`,
      [HUE],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ actor_id: admin.user.id, action: 'deadline_policy.updated', target_id: HUE, changes: { overrides: { from: {} } } });
  });

  it('lets exactly one of two concurrent writers of the same version win', async () => {
    const body = (value: number) => ({
      provinceCode: DA_NANG,
      version: 0,
      policy: { kinds: { plan_approval: { duration: { value, unit: 'working_days' } } } },
    });
    const results = await Promise.all([put(adminDaNang.auth, body(3)), put(adminDaNang.auth, body(4))]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await get(adminDaNang.auth).expect(200)).body).toEqual(winner.body);
  });
});
