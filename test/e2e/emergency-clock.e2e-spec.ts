import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { caseSteps, DAY, isoIn } from '../support/case-steps';
import { openCase } from '../support/cases';
import { PHU_XUAN, signedIn, SignedIn } from '../support/factories';

/*
 * Decree 56/2017 arts. 26(3) and 31(2): emergency intervention or temporary separation within 12
 * hours of receiving the information that the child faces serious harm (issue 12, E1). Each episode
 * has its own receipt; danger found later counts from when that information came in; a separation
 * meets the deadline as emergency measures do.
 */
describe('the emergency clock (HTTP, real PostgreSQL)', () => {
  let api: TestApi;
  let supervisor: SignedIn;
  let caseworker: SignedIn;
  let manager: SignedIn;
  let steps: ReturnType<typeof caseSteps>;

  beforeAll(async () => {
    api = await startApi();
    [supervisor, caseworker, manager] = await Promise.all([signedIn(api, Role.Supervisor), signedIn(api, Role.Caseworker), signedIn(api, Role.Manager)]);
    steps = caseSteps(api, { supervisor, caseworker });
  }, 60_000);
  afterAll(async () => api?.close());

  const HOUR = 3600_000;
  const post = (path: string, who: SignedIn, body: object) => steps.post(path, who, body);

  /** The case's emergency deadlines, oldest first. */
  const emergencyDeadlines = async (caseId: string): Promise<{ status: string; counted_from: Date; due_at: Date }[]> =>
    api.db.query(`SELECT status, counted_from, due_at FROM deadline WHERE case_id = $1 AND kind = 'emergency_measures' ORDER BY opened_at, id`, [caseId]);
  const ms = (iso: string): number => new Date(iso).getTime();

  /** A case of PHU_XUAN reported `daysAgo` days ago, assigned to the caseworker. */
  const reported = (daysAgo: number, immediateDanger = false) =>
    openCase(api, supervisor.auth, {
      assigneeId: caseworker.user.id,
      receivedAt: isoIn(-daysAgo * DAY),
      incident: { concernTypes: ['neglect'], communeCode: PHU_XUAN, description: 'Left alone for days', immediateDanger },
    });

  // Closed as a duplicate: since the closure guards, no other reason (but a death) closes a case
  // while the child is in danger, and case 3 needs a first episode that ended flagged in danger.
  async function closed(kase: { id: string; version: number }): Promise<number> {
    const requested = await post(`/${kase.id}/closure`, caseworker, {
      reason: 'duplicate',
      note: 'Reported twice; the other case carries it',
      version: kase.version,
    });
    expect(requested.status).toBe(200);
    const approved = await post(`/${kase.id}/closure/approve`, supervisor, { version: requested.body.version });
    expect(approved.status).toBe(200);
    return approved.body.version;
  }

  it('1. a reopened case counts from the new report, not the original one: the danger its initial assessment finds is due 12 h after it', async () => {
    const kase = await reported(30);
    const version = await closed(kase);
    // Received after the closure (just now: the closure was).
    const newReport = isoIn();
    const reopened = await post(`/${kase.id}/reopen`, manager, { reason: 'New report from the school', receivedAt: newReport, channel: 'school', version });
    expect(reopened.status).toBe(200);
    const initial = await steps.assess(kase.id, reopened.body.version, 'initial', { immediateDanger: true });
    expect(initial.status).toBe(201);

    const [deadline] = await emergencyDeadlines(kase.id);
    expect(deadline).toMatchObject({ status: 'open', counted_from: new Date(newReport), due_at: new Date(ms(newReport) + 12 * HOUR) });
    const initialDeadlines = await api.db.query(
      `SELECT counted_from FROM deadline WHERE case_id = $1 AND kind = 'initial_assessment' AND status = 'met' ORDER BY opened_at DESC`,
      [kase.id],
    );
    expect(initialDeadlines[0].counted_from).toEqual(new Date(newReport));

    // The episode's receipt is on the record: the timeline event and the episode.
    const event = (await steps.timeline(kase.id)).find((e) => e.type === 'case.reopened')!;
    expect(event.payload).toMatchObject({ reopenCount: 1, receivedAt: newReport, channel: 'school', immediateDanger: false, addedConcernTypes: [] });
    const episodes = await api.db.query(`SELECT seq, received_at, channel FROM case_episode WHERE case_id = $1 ORDER BY seq`, [kase.id]);
    expect(episodes).toEqual([
      { seq: 1, received_at: expect.any(Date), channel: 'hotline_111' },
      { seq: 2, received_at: new Date(newReport), channel: 'school' },
    ]);
  });

  it('2. danger first found by a later assessment counts from when the information came in (not overdue on arrival)', async () => {
    const kase = await reported(10);
    const initial = await steps.assess(kase.id, kase.version, 'initial', { immediateDanger: false });
    expect(initial.status).toBe(201);
    const told = isoIn(-2 * HOUR);
    const needs = await steps.assess(kase.id, initial.body.version, 'needs', { immediateDanger: true, dangerIdentifiedAt: told });
    expect(needs.status).toBe(201);
    const [deadline] = await emergencyDeadlines(kase.id);
    expect(deadline).toMatchObject({ status: 'open', counted_from: new Date(told), due_at: new Date(ms(told) + 12 * HOUR) });

    // Without dangerIdentifiedAt: from the recording.
    const other = await reported(10);
    const otherInitial = await steps.assess(other.id, other.version, 'initial', { immediateDanger: false });
    const before = Date.now();
    expect((await steps.assess(other.id, otherInitial.body.version, 'needs', { immediateDanger: true })).status).toBe(201);
    const [fromRecording] = await emergencyDeadlines(other.id);
    expect(fromRecording.counted_from.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(fromRecording.due_at.getTime() - fromRecording.counted_from.getTime()).toBe(12 * HOUR);
  });

  it('2b. dangerIdentifiedAt is refused before the episode’s receipt, in the future, or where it means nothing (400); nothing changes', async () => {
    const kase = await reported(2);
    const initial = await steps.assess(kase.id, kase.version, 'initial', { immediateDanger: false });
    const version = initial.body.version;
    const before = await steps.snapshot(kase.id);
    const early = await steps.assess(kase.id, version, 'needs', { immediateDanger: true, dangerIdentifiedAt: isoIn(-3 * DAY) });
    expect(early.status).toBe(400);
    expect(early.body.error.details).toEqual([expect.objectContaining({ missing: ['danger_identified_at'], command: 'recordAssessment' })]);
    for (const extra of [
      { immediateDanger: true, dangerIdentifiedAt: isoIn(DAY) },
      { immediateDanger: false, dangerIdentifiedAt: isoIn(-HOUR) },
      { dangerIdentifiedAt: isoIn(-HOUR) },
    ]) {
      const res = await steps.assess(kase.id, version, 'needs', extra);
      expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('dangerIdentifiedAt');
    }
    const onInitial = await steps.assess(kase.id, version, 'initial', { immediateDanger: true, dangerIdentifiedAt: isoIn(-HOUR) });
    expect(onInitial.status).toBe(400);
    expect(await steps.snapshot(kase.id)).toEqual(before);
  });

  it('3. a reopened case in danger gets an emergency deadline though the first episode had emergency measures and ended flagged in danger', async () => {
    const kase = await reported(20, true);
    const measures = await post(`/${kase.id}/emergency-measures`, caseworker, {
      measures: ['safe_shelter'],
      takenAt: isoIn(-20 * DAY + HOUR),
      version: kase.version,
    });
    expect(measures.status).toBe(201);
    expect((await emergencyDeadlines(kase.id)).map((d) => d.status)).toEqual(['met']);
    const version = await closed({ id: kase.id, version: measures.body.version });

    const newReport = isoIn();
    const reopened = await post(`/${kase.id}/reopen`, manager, { reason: 'Bruises again', receivedAt: newReport, channel: 'police', version });
    expect(reopened.status).toBe(200);
    // The last episode's danger flag says nothing about this one.
    expect(await api.db.query(`SELECT immediate_danger, emergency_measures_count FROM "case" WHERE id = $1`, [kase.id])).toEqual([
      { immediate_danger: false, emergency_measures_count: 0 },
    ]);
    const initial = await steps.assess(kase.id, reopened.body.version, 'initial', { immediateDanger: true });
    expect(initial.status).toBe(201);
    const deadlines = await emergencyDeadlines(kase.id);
    expect(deadlines.map((d) => d.status)).toEqual(['met', 'open']);
    expect(deadlines[1]).toMatchObject({ counted_from: new Date(newReport), due_at: new Date(ms(newReport) + 12 * HOUR) });
  });

  it('3b. a new report that says the child is in danger opens the emergency deadline at the reopening, and may add concern types', async () => {
    const kase = await reported(20, true);
    const version = await closed(kase);
    // Received after the closure (just now: the closure was).
    const newReport = isoIn();
    const reopened = await post(`/${kase.id}/reopen`, manager, {
      reason: 'Police report',
      receivedAt: newReport,
      channel: 'police',
      immediateDanger: true,
      addedConcernTypes: ['physical_violence', 'neglect'],
      version,
    });
    expect(reopened.status).toBe(200);
    const deadlines = await emergencyDeadlines(kase.id);
    expect(deadlines.map((d) => d.status)).toEqual(['cancelled', 'open']);
    expect(deadlines[1]).toMatchObject({ counted_from: new Date(newReport), due_at: new Date(ms(newReport) + 12 * HOUR) });
    const [row] = await api.db.query(`SELECT concern_types, episode_received_at, danger_received_at FROM "case" WHERE id = $1`, [kase.id]);
    expect(row).toEqual({ concern_types: ['neglect', 'physical_violence'], episode_received_at: new Date(newReport), danger_received_at: new Date(newReport) });
  });

  it('4. a separation under way meets the emergency deadline', async () => {
    const kase = await reported(0.1, true);
    expect((await emergencyDeadlines(kase.id)).map((d) => d.status)).toEqual(['open']);
    const started = await post(`/${kase.id}/separations`, supervisor, {
      startAt: isoIn(-60_000),
      endAt: isoIn(5 * DAY),
      placement: 'Commune shelter',
      version: kase.version,
    });
    expect(started.status).toBe(201);
    expect((await emergencyDeadlines(kase.id)).map((d) => d.status)).toEqual(['met']);
  });

  it('the reopen body needs the new report’s receipt and channel (400 with field errors); a receipt before the closure or in the future is refused', async () => {
    const kase = await reported(5);
    const version = await closed(kase);
    const before = await steps.snapshot(kase.id);
    for (const [body, fields] of [
      [{ reason: 'New report', version }, ['receivedAt', 'channel']],
      [{ reason: 'New report', receivedAt: isoIn(DAY), channel: 'school', version }, ['receivedAt']],
      [{ reason: 'New report', receivedAt: isoIn(-HOUR), channel: 'fax', version }, ['channel']],
      [{ reason: 'New report', receivedAt: isoIn(-HOUR), channel: 'school', addedConcernTypes: ['gossip'], version }, ['addedConcernTypes']],
    ] as [object, string[]][]) {
      const res = await post(`/${kase.id}/reopen`, manager, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(fields));
    }
    const beforeClosure = await post(`/${kase.id}/reopen`, manager, { reason: 'New report', receivedAt: isoIn(-2 * DAY), channel: 'school', version });
    expect(beforeClosure.status).toBe(400);
    expect(beforeClosure.body.error.details).toEqual([expect.objectContaining({ missing: ['reopen_received_at'], command: 'reopen' })]);
    expect(await steps.snapshot(kase.id)).toEqual(before);
  });
});
