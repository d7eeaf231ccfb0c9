import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '../../libs/platform/src/database/migration.lock';
import { startApi, TestApi } from '../support/app';
import { openCase } from '../support/cases';
import { createTestDatabase } from '../support/databases';
import { optionsThrough, revertAfter } from '../support/migrations';
import { recordSharingConsent, referralBody, ReferralWorld, referralWorld, sendReferral } from '../support/referrals';

jest.setTimeout(120_000);

const silent = { log: () => undefined } as never;

/**
 * Issue 12, item 2: migration 1795970100000 moves existing data forward by the closure's rule
 * (referrals of closed cases: pending → cancelled, accepted → withdrawn, by the approver at the
 * closure's time, each on the case's history) and reverts cleanly.
 */
const NAME = 'ClosureEndsReferrals1795970100000';

describe('migration ClosureEndsReferrals (existing data)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: TestApi;
  let ds: DataSource;
  let world: ReferralWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi({}, { databaseUrl: database.url });
    world = await referralWorld(api);
    ds = await new DataSource(optionsThrough(database.url, NAME)).initialize();
  });

  afterAll(async () => {
    await api?.close();
    await ds?.destroy();
    await database?.drop();
  });

  const statuses = async (ids: string[]) =>
    (await ds.query(`SELECT id, status, cancel_reason FROM referral WHERE id = ANY($1::uuid[])`, [ids])) as {
      id: string;
      status: string;
      cancel_reason: string | null;
    }[];
  const statusOf = async (id: string) => (await statuses([id]))[0].status;

  it('cancels pending and withdraws accepted referrals of closed cases, records each, and reverts', async () => {
    const sup = world.supervisor;
    const cw = world.caseworker;
    // Two cases with a pending, an accepted and a declined referral each; the first will be closed the old way.
    const make = async () => {
      const kase = await openCase(api, sup.auth, { assigneeId: cw.user.id });
      await recordSharingConsent(api, cw.auth, kase.id);
      const pending = await sendReferral(api, cw.auth, kase.id, referralBody(world.orgA.id));
      const accepted = await sendReferral(api, cw.auth, kase.id, referralBody(world.orgA.id, { serviceType: 'psychological' }));
      const declined = await sendReferral(api, cw.auth, kase.id, referralBody(world.orgB.id));
      await api.http.post(`/api/v1/referrals/${accepted.id}/accept`).set(world.partnerA.auth).send({}).expect(200);
      await api.http.post(`/api/v1/referrals/${declined.id}/decline`).set(world.partnerB.auth).send({ reason: 'No capacity' }).expect(200);
      return { id: kase.id, pending: pending.id, accepted: accepted.id, declined: declined.id };
    };
    const closed = await make();
    const open = await make();

    // The schema before: a case closed then left its referrals as they were.
    await revertAfter(database.url, NAME);
    await ds.undoLastMigration({ transaction: 'each' });
    const closedAt = new Date('2026-11-20T03:00:00Z');
    await ds.query(`UPDATE "case" SET stage = 'closed', closure_reason = 'resolved', closure_approved_by = $2, closed_at = $3 WHERE id = $1`, [
      closed.id,
      sup.user.id,
      closedAt,
    ]);
    const before = await ds.query(`SELECT * FROM referral ORDER BY id`);
    const eventsBefore = await ds.query(`SELECT count(*)::int AS n FROM case_event`);

    expect(await runMigrationsLocked(ds, silent)).toBe(1);
    const [pending] = await ds.query(`SELECT status, cancelled_by, cancelled_at, cancel_reason, version FROM referral WHERE id = $1`, [closed.pending]);
    expect(pending).toMatchObject({ status: 'cancelled', cancelled_by: sup.user.id, cancel_reason: 'case_closed:resolved' });
    expect(new Date(pending.cancelled_at).toISOString()).toBe(closedAt.toISOString());
    const [accepted] = await ds.query(`SELECT status, withdrawn_by, withdrawn_at, withdraw_reason FROM referral WHERE id = $1`, [closed.accepted]);
    expect(accepted).toMatchObject({ status: 'withdrawn', withdrawn_by: sup.user.id, withdraw_reason: 'case_closed:resolved' });
    expect(await statusOf(closed.declined)).toBe('declined');
    // The open case's referrals are untouched.
    expect((await statuses([open.pending, open.accepted, open.declined])).map((r) => r.status).sort()).toEqual(['accepted', 'declined', 'pending']);
    const events = await ds.query(`SELECT type, actor_id, payload FROM case_event WHERE case_id = $1 AND payload->>'byClosure' = 'true' ORDER BY id`, [
      closed.id,
    ]);
    expect(events).toEqual([
      { type: 'referral.cancelled', actor_id: sup.user.id, payload: { referralId: closed.pending, organisationId: world.orgA.id, byClosure: true } },
      { type: 'referral.withdrawn', actor_id: sup.user.id, payload: { referralId: closed.accepted, organisationId: world.orgA.id, byClosure: true } },
    ]);
    // The partner keeps a stub of both.
    for (const id of [closed.pending, closed.accepted]) {
      const res = await api.http.get(`/api/v1/referrals/${id}`).set(world.partnerA.auth).expect(200);
      expect(res.body).toMatchObject({ access: 'status' });
      expect(res.body).not.toHaveProperty('child');
    }

    // Down: back to what the old schema held, the history as it was.
    await ds.undoLastMigration({ transaction: 'each' });
    const after = await ds.query(`SELECT * FROM referral ORDER BY id`);
    expect(after.map((r: Record<string, unknown>) => ({ ...r, version: undefined, updated_at: undefined }))).toEqual(
      before.map((r: Record<string, unknown>) => ({ ...r, version: undefined, updated_at: undefined })),
    );
    expect(await ds.query(`SELECT count(*)::int AS n FROM case_event`)).toEqual(eventsBefore);
    const columns = await ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'referral' AND column_name LIKE '%withdraw%'`);
    expect(columns).toEqual([]);
    // And up again, for the rest of the suite's sake.
    expect(await runMigrationsLocked(ds, silent)).toBe(1);
  });
});
