import { DeadlineRulesService } from '@haven/deadlines';
import { dueAt, Role } from '@haven/domain';
import { FixedClock } from '@haven/platform';
import { startApi, TestApi } from '../support/app';
import { openCase, OpenedCase } from '../support/cases';
import { HUE, newUser, signedIn, SignedIn } from '../support/factories';

const BASE = '/api/v1';
/** Monday 2 March 2026, 09:00 in Vietnam: a working day (no holiday or swap in March 2026, migrations/data/vn-holidays.csv). */
const MONDAY_0900 = new Date('2026-03-02T02:00:00Z');
/** The report came in an hour before it was recorded. */
const RECEIVED_AT = new Date('2026-03-02T01:00:00Z');

interface DeadlineRow {
  kind: string;
  opened_at: Date;
  due_at: Date;
}

/**
 * The time-dependent rules at a chosen instant: the API runs on a FixedClock, so what a command
 * stamps, when its deadlines fall due, and what the lists call overdue all follow that clock.
 */
describe('one clock: the API’s rules at a chosen instant', () => {
  const clock = new FixedClock(MONDAY_0900);
  let api: TestApi;
  let supervisor: SignedIn;
  let kase: OpenedCase;

  const deadlinesOf = async (caseId: string): Promise<DeadlineRow[]> =>
    api.db.query(`SELECT kind, opened_at, due_at FROM deadline WHERE case_id = $1 AND status = 'open' ORDER BY due_at`, [caseId]);
  const overdueCases = async (): Promise<string[]> =>
    ((await api.http.get(`${BASE}/cases?overdue=true`).set(supervisor.auth).expect(200)).body.items as { id: string }[]).map((c) => c.id);
  const notOverdueCases = async (): Promise<string[]> =>
    ((await api.http.get(`${BASE}/cases?overdue=false`).set(supervisor.auth).expect(200)).body.items as { id: string }[]).map((c) => c.id);
  const overdueDeadlines = async (): Promise<{ caseId: string; kind: string; overdue: boolean }[]> =>
    (await api.http.get(`${BASE}/deadlines?overdue=true`).set(supervisor.auth).expect(200)).body.items;
  const caseloadOverdue = async (): Promise<number> => (await api.http.get(`${BASE}/reports/caseload`).set(supervisor.auth).expect(200)).body.total.overdue;

  beforeAll(async () => {
    api = await startApi({}, { clock });
    supervisor = await signedIn(api, Role.Supervisor);
    const caseworker = await newUser(api, Role.Caseworker);
    kase = await openCase(api, supervisor.auth, { assigneeId: caseworker.id, receivedAt: RECEIVED_AT.toISOString() });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('stamps the intake with the clock’s instant and counts its deadlines from the receipt by the working-day rules', async () => {
    const detail = (await api.http.get(`${BASE}/cases/${kase.id}`).set(supervisor.auth).expect(200)).body;
    expect(detail.receivedAt).toBe(RECEIVED_AT.toISOString());
    expect(detail.openedAt).toBe(MONDAY_0900.toISOString());
    const [row] = await api.db.query(`SELECT updated_at FROM "case" WHERE id = $1`, [kase.id]);
    expect(row.updated_at).toEqual(MONDAY_0900);

    const { policy, calendar } = await api.app.get(DeadlineRulesService).load(HUE);
    const expected = [
      { kind: 'initial_assessment', due: dueAt('initial_assessment', { receivedAt: RECEIVED_AT }, policy, calendar) },
      { kind: 'plan_submission', due: dueAt('plan_submission', { receivedAt: RECEIVED_AT }, policy, calendar) },
    ];
    const deadlines = await deadlinesOf(kase.id);
    expect(deadlines.map((d) => ({ kind: d.kind, due: d.due_at }))).toEqual(expected);
    expect(deadlines.every((d) => d.opened_at.getTime() === MONDAY_0900.getTime())).toBe(true);
    // 12 hours from receipt; 5 working days from a Monday end with the next Monday (23:59:59.999 in Vietnam).
    expect(expected[0].due).toEqual(new Date('2026-03-02T13:00:00Z'));
    expect(expected[1].due).toEqual(new Date('2026-03-09T16:59:59.999Z'));
    expect(detail.nextDueAt).toBe(expected[0].due!.toISOString());
  });

  it('lists nothing as overdue before the first due time, at it, and both lists call the case overdue just after it', async () => {
    const [first, plan] = await deadlinesOf(kase.id);
    const firstDue = first.due_at;

    expect(await overdueCases()).not.toContain(kase.id);
    expect(await overdueDeadlines()).toEqual([]);
    expect(await notOverdueCases()).toContain(kase.id);
    expect(await caseloadOverdue()).toBe(0);

    // Due is not yet overdue: both lists use "due before now".
    clock.set(firstDue);
    expect(await overdueCases()).not.toContain(kase.id);
    expect(await overdueDeadlines()).toEqual([]);

    clock.advance(1);
    expect(await overdueCases()).toEqual([kase.id]);
    expect(await notOverdueCases()).not.toContain(kase.id);
    expect(await overdueDeadlines()).toEqual([expect.objectContaining({ caseId: kase.id, kind: 'initial_assessment', overdue: true })]);
    expect(await caseloadOverdue()).toBe(1);

    // Past the plan's due time too: both deadlines, still the one case.
    clock.set(new Date(plan.due_at.getTime() + 1));
    expect(await overdueCases()).toEqual([kase.id]);
    expect((await overdueDeadlines()).map((d) => d.kind)).toEqual(['initial_assessment', 'plan_submission']);
  });

  it('stamps a later command with the clock’s instant too', async () => {
    clock.set('2026-03-03T03:00:00Z');
    const version = (await api.http.get(`${BASE}/cases/${kase.id}`).set(supervisor.auth).expect(200)).body.version;
    await api.http
      .post(`${BASE}/cases/${kase.id}/notes`)
      .set(supervisor.auth)
      .send({ kind: 'visit', visibility: 'internal', body: 'Home visit', occurredAt: '2026-03-03T02:00:00Z', version })
      .expect(201);
    const [note] = await api.db.query(`SELECT created_at FROM case_note WHERE case_id = $1`, [kase.id]);
    expect(note.created_at).toEqual(new Date('2026-03-03T03:00:00Z'));
  });
});
