import { startApi, TestApi } from '../support/app';
import { recordSharingConsent, referralBody, ReferralWorld, referralWorld, sendReferral, sensitiveCase } from '../support/referrals';

jest.setTimeout(120_000);

const ROUNDS = 6;

describe('referral races', () => {
  let api: TestApi;
  let world: ReferralWorld;

  const url = (path: string) => `/api/v1${path}`;

  /** A fresh pending referral to organisation A on a fresh case with consent. */
  async function pendingReferral(): Promise<{ caseId: string; id: string }> {
    const kase = await sensitiveCase(api, world);
    await recordSharingConsent(api, world.caseworker.auth, kase.id);
    const { id } = await sendReferral(api, world.caseworker.auth, kase.id, referralBody(world.orgA.id));
    return { caseId: kase.id, id };
  }

  /** The referral's status and what its case's history says happened to it. */
  async function recorded(caseId: string, id: string) {
    const [{ status, version }] = await api.db.query(`SELECT status, version FROM referral WHERE id = $1`, [id]);
    const events: { type: string }[] = await api.db.query(`SELECT type FROM case_event WHERE case_id = $1 AND payload->>'referralId' = $2 ORDER BY id`, [
      caseId,
      id,
    ]);
    const writes: { what: string }[] = await api.db.query(
      `SELECT what FROM case_access_log WHERE case_id = $1 AND action = 'write' AND what LIKE 'referral-%' ORDER BY id`,
      [caseId],
    );
    return { status, version, events: events.map((e) => e.type), writes: writes.map((w) => w.what) };
  }

  beforeAll(async () => {
    api = await startApi();
    world = await referralWorld(api);
  });
  afterAll(() => api.close());

  it(`accept and cancel at the same moment: exactly one wins, the other gets 409, and the state matches the timeline (${ROUNDS} rounds)`, async () => {
    const winners: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { caseId, id } = await pendingReferral();
      // Alternate which request leaves first, so that both orders are exercised.
      const accept = () =>
        api.http
          .post(url(`/referrals/${id}/accept`))
          .set(world.partnerA.auth)
          .send({});
      const cancel = () =>
        api.http
          .post(url(`/referrals/${id}/cancel`))
          .set(world.caseworker.auth)
          .send({ reason: 'No longer needed' });
      const [acc, can] = round % 2 === 0 ? await Promise.all([accept(), cancel()]) : await Promise.all([cancel(), accept()]).then(([c, a]) => [a, c]);

      expect([acc.status, can.status].sort()).toEqual([200, 409]);
      const loser = acc.status === 409 ? acc : can;
      expect(loser.body.error).toEqual(expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' }));
      const state = await recorded(caseId, id);
      if (acc.status === 200) {
        winners.push('accept');
        expect(state).toEqual({ status: 'accepted', version: 2, events: ['referral.sent', 'referral.accepted'], writes: ['referral-acceptance'] });
        expect(loser.body.error.details[0]).toEqual(expect.objectContaining({ status: 'accepted', command: 'cancel' }));
      } else {
        winners.push('cancel');
        expect(state).toEqual({ status: 'cancelled', version: 2, events: ['referral.sent', 'referral.cancelled'], writes: ['referral-cancellation'] });
        expect(loser.body.error.details[0]).toEqual(expect.objectContaining({ status: 'cancelled', command: 'accept' }));
      }
    }
    expect(winners).toHaveLength(ROUNDS);
  });

  it('accept and cancel both queued on the locked row: when it is released, one wins and the other gets 409', async () => {
    const { caseId, id } = await pendingReferral();
    // Hold the referral row, so that both requests are in flight and waiting on it together.
    const holder = api.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT id FROM referral WHERE id = $1 FOR UPDATE`, [id]);
    const racing = Promise.all([
      api.http
        .post(url(`/referrals/${id}/accept`))
        .set(world.partnerA.auth)
        .send({}),
      api.http
        .post(url(`/referrals/${id}/cancel`))
        .set(world.caseworker.auth)
        .send({ reason: 'No longer needed' }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waiting: { n: number }[] = await api.db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    await holder.commitTransaction();
    await holder.release();
    const [acc, can] = await racing;
    expect(waiting[0].n).toBe(2);
    expect([acc.status, can.status].sort()).toEqual([200, 409]);
    const state = await recorded(caseId, id);
    expect(state.events).toEqual(['referral.sent', acc.status === 200 ? 'referral.accepted' : 'referral.cancelled']);
    expect(state.status).toBe(acc.status === 200 ? 'accepted' : 'cancelled');
  });

  it('two acceptances at once: both answer 200 (idempotent), one acceptance is recorded', async () => {
    const { caseId, id } = await pendingReferral();
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        api.http
          .post(url(`/referrals/${id}/accept`))
          .set(world.partnerA.auth)
          .send({}),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(results.map((r) => r.body.version))).toEqual(new Set([2]));
    expect(await recorded(caseId, id)).toEqual({
      status: 'accepted',
      version: 2,
      events: ['referral.sent', 'referral.accepted'],
      writes: ['referral-acceptance'],
    });
  });

  it('decline and cancel at the same moment: one wins, one 409', async () => {
    const { caseId, id } = await pendingReferral();
    const [dec, can] = await Promise.all([
      api.http
        .post(url(`/referrals/${id}/decline`))
        .set(world.partnerA.auth)
        .send({ reason: 'Full' }),
      api.http
        .post(url(`/referrals/${id}/cancel`))
        .set(world.caseworker.auth)
        .send({ reason: 'Not needed' }),
    ]);
    expect([dec.status, can.status].sort()).toEqual([200, 409]);
    const state = await recorded(caseId, id);
    expect(state.events).toEqual(['referral.sent', dec.status === 200 ? 'referral.declined' : 'referral.cancelled']);
    expect(state.status).toBe(dec.status === 200 ? 'declined' : 'cancelled');
  });
});
