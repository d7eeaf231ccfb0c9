import { startApi, TestApi } from '../support/app';
import { caseSteps, newReport } from '../support/case-steps';
import { openCase } from '../support/cases';
import { SignedIn } from '../support/factories';
import { recordSharingConsent, referralBody, ReferralWorld, referralWorld, SECRET, sendReferral } from '../support/referrals';

jest.setTimeout(120_000);

interface Notice {
  kind: string;
  title: string;
  body: string;
  caseNumber: string | null;
  data: Record<string, string | number>;
}

/**
 * Issue 12, item 2 (law-review §2b-2, E2): closing a case ends what it should. A closure request
 * lists the case's open referrals, and `resolved` waits until every accepted referral is completed,
 * withdrawn or marked to continue after closure; the approval, in its transaction, cancels the
 * pending ones and withdraws the accepted ones not marked, tells each partner organisation (case
 * number and referral id only), leaves it a stub, and records each step; reopening revives none.
 */
describe('closure ends the case’s referrals (HTTP, real PostgreSQL)', () => {
  let api: TestApi;
  let world: ReferralWorld;
  let steps: ReturnType<typeof caseSteps>;
  let cw: SignedIn;
  let sup: SignedIn;

  beforeAll(async () => {
    api = await startApi();
    world = await referralWorld(api);
    cw = world.caseworker;
    sup = world.supervisor;
    steps = caseSteps(api, { supervisor: sup, caseworker: cw });
  });

  afterAll(async () => {
    await api?.close();
  });

  const url = (path: string) => `/api/v1${path}`;
  const caseVersion = async (id: string): Promise<number> =>
    (
      (
        await api.http
          .get(url(`/cases/${id}`))
          .set(sup.auth)
          .expect(200)
      ).body as { version: number }
    ).version;
  const referral = async (id: string, who: SignedIn = sup) => (await api.http.get(url(`/referrals/${id}`)).set(who.auth)).body as Record<string, unknown>;
  const accept = (id: string, who = world.partnerA) =>
    api.http
      .post(url(`/referrals/${id}/accept`))
      .set(who.auth)
      .send({})
      .expect(200);
  /** The partner's referral.case_closed notices about one case (the partners serve every test's cases). */
  const inbox = async (who: SignedIn, caseNumber: string): Promise<Notice[]> =>
    ((await api.http.get(url('/me/notifications')).set(who.auth).expect(200)).body.items as Notice[]).filter(
      (n) => n.kind === 'referral.case_closed' && n.caseNumber === caseNumber,
    );
  const timelineOf = async (id: string) => steps.timeline(id);

  /** An open case (assessment, no danger) with consent to sharing and three referrals: A legal aid pending, A psychological and B legal aid accepted. */
  async function caseWithReferrals(kase?: { id: string; caseNumber: string }) {
    const opened = kase ?? (await openCase(api, sup.auth, { assigneeId: cw.user.id }));
    await recordSharingConsent(api, cw.auth, opened.id);
    const pending = await sendReferral(api, cw.auth, opened.id, referralBody(world.orgA.id));
    const acceptedA = await sendReferral(api, cw.auth, opened.id, referralBody(world.orgA.id, { serviceType: 'psychological' }));
    const acceptedB = await sendReferral(api, cw.auth, opened.id, referralBody(world.orgB.id));
    await accept(acceptedA.id);
    await accept(acceptedB.id, world.partnerB);
    return { id: opened.id, caseNumber: opened.caseNumber, pending: pending.id, acceptedA: acceptedA.id, acceptedB: acceptedB.id };
  }

  it('with no mark at all, the approval leaves no referral pending or accepted, and the partner can no longer report, complete or accept', async () => {
    const k = await caseWithReferrals();
    const requested = await steps.post(`/${k.id}/closure`, cw, { reason: 'other', note: 'The family moved abroad', version: await caseVersion(k.id) });
    expect(requested.status).toBe(200);
    const approved = await steps.post(`/${k.id}/closure/approve`, sup, { version: requested.body.version });
    expect(approved.status).toBe(200);
    expect([(await referral(k.pending)).status, (await referral(k.acceptedA)).status, (await referral(k.acceptedB)).status]).toEqual([
      'cancelled',
      'withdrawn',
      'withdrawn',
    ]);
    expect(
      (
        await api.http
          .post(url(`/referrals/${k.acceptedA}/updates`))
          .set(world.partnerA.auth)
          .send({ body: 'Session 3 done' })
      ).status,
    ).toBe(409);
    expect(
      (
        await api.http
          .post(url(`/referrals/${k.acceptedB}/complete`))
          .set(world.partnerB.auth)
          .send({ outcome: 'Done' })
      ).status,
    ).toBe(409);
    expect((await referral(k.acceptedA, world.partnerA)).access).toBe('status');
  });

  it('approval cancels pending, withdraws accepted (unless marked to continue), tells the partners without child data, leaves them a stub; the timeline records each', async () => {
    const k = await caseWithReferrals();
    // B's service goes on after the closure: the case team marks it, with a reason.
    const marked = await api.http
      .post(url(`/referrals/${k.acceptedB}/continue-after-closure`))
      .set(cw.auth)
      .send({ reason: 'Legal aid continues until the court hearing next month' });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({
      status: 'accepted',
      continuesAfterClosure: { reason: 'Legal aid continues until the court hearing next month', by: { id: cw.user.id } },
    });
    const responseDeadline = async (id: string) =>
      (await api.db.query(`SELECT status FROM deadline WHERE kind = 'referral_response' AND referral_id = $1`, [id]))[0]?.status as string | undefined;
    expect(await responseDeadline(k.pending)).toBe('open');

    const requested = await steps.post(`/${k.id}/closure`, cw, { reason: 'other', note: 'The family moved abroad', version: await caseVersion(k.id) });
    expect(requested.status).toBe(200);
    // The request lists the open referrals on the record.
    const listed = (await timelineOf(k.id)).find((e) => e.type === 'closure.open_referrals');
    expect(listed?.payload).toEqual({
      referrals: [
        { referralId: k.pending, organisationId: world.orgA.id, status: 'pending', continuesAfterClosure: false },
        { referralId: k.acceptedA, organisationId: world.orgA.id, status: 'accepted', continuesAfterClosure: false },
        { referralId: k.acceptedB, organisationId: world.orgB.id, status: 'accepted', continuesAfterClosure: true },
      ],
    });

    const approved = await steps.post(`/${k.id}/closure/approve`, sup, { version: requested.body.version });
    expect(approved.status).toBe(200);
    expect(approved.body.stage).toBe('closed');

    // Staff view: what became of each, by whom and why.
    expect(await referral(k.pending)).toMatchObject({ status: 'cancelled', cancelledBy: { id: sup.user.id }, cancelReason: 'case_closed:other' });
    expect(await referral(k.acceptedA)).toMatchObject({ status: 'withdrawn', withdrawnBy: { id: sup.user.id }, withdrawReason: 'case_closed:other' });
    expect(await referral(k.acceptedB)).toMatchObject({ status: 'accepted', withdrawnAt: null });
    expect(await responseDeadline(k.pending)).toBe('cancelled');

    // The timeline: the closure, then each referral it ended, with the approver as actor.
    const events = (await timelineOf(k.id)).filter((e) => ['closure.approved', 'referral.cancelled', 'referral.withdrawn'].includes(e.type));
    expect(events.map((e) => [e.type, e.actorId, e.payload.referralId ?? null, e.payload.byClosure ?? null])).toEqual([
      ['closure.approved', sup.user.id, null, null],
      ['referral.cancelled', sup.user.id, k.pending, true],
      ['referral.withdrawn', sup.user.id, k.acceptedA, true],
    ]);

    // Partners: told, case number and referral id only; a stub of the ended referrals.
    const noticesA = await inbox(world.partnerA, k.caseNumber);
    expect(noticesA.map((n) => [n.data.referralId, n.data.referralStatus, n.caseNumber]).sort()).toEqual(
      [
        [k.pending, 'cancelled', k.caseNumber],
        [k.acceptedA, 'withdrawn', k.caseNumber],
      ].sort(),
    );
    expect((await inbox(world.partnerB, k.caseNumber)).map((n) => [n.data.referralId, n.data.referralStatus])).toEqual([[k.acceptedB, 'accepted']]);
    for (const n of [...noticesA, ...(await inbox(world.partnerB, k.caseNumber))]) {
      for (const secret of Object.values(SECRET)) expect(`${n.title} ${n.body} ${JSON.stringify(n.data)}`).not.toContain(secret);
      expect(Object.keys(n.data).sort()).toEqual(['caseNumber', 'referralId', 'referralStatus']);
    }
    for (const id of [k.pending, k.acceptedA]) {
      const stub = await referral(id, world.partnerA);
      expect(stub).toMatchObject({ access: 'status' });
      for (const field of ['child', 'reason', 'sharedNotes', 'caseworker', 'caseNumber', 'updates']) expect(stub).not.toHaveProperty(field);
    }
    expect(await referral(k.acceptedB, world.partnerB)).toMatchObject({ access: 'full', status: 'accepted' });

    // The partner can no longer act on what the closure ended; the continuing one goes on.
    await api.http
      .post(url(`/referrals/${k.pending}/accept`))
      .set(world.partnerA.auth)
      .send({})
      .expect(409);
    await api.http
      .post(url(`/referrals/${k.acceptedA}/updates`))
      .set(world.partnerA.auth)
      .send({ body: 'Session 3 done' })
      .expect(409);
    await api.http
      .post(url(`/referrals/${k.acceptedA}/complete`))
      .set(world.partnerA.auth)
      .send({ outcome: 'Done' })
      .expect(409);
    await api.http
      .post(url(`/referrals/${k.acceptedB}/updates`))
      .set(world.partnerB.auth)
      .send({ body: 'Hearing set for the 12th' })
      .expect(201);

    // Reopening revives none of them: new referrals are sent.
    const reopened = await steps.post(`/${k.id}/reopen`, sup, { ...newReport(), reason: 'A new report from the school', version: approved.body.version });
    expect(reopened.status).toBe(200);
    expect([(await referral(k.pending)).status, (await referral(k.acceptedA)).status, (await referral(k.acceptedB)).status]).toEqual([
      'cancelled',
      'withdrawn',
      'accepted',
    ]);
    await api.http
      .post(url(`/referrals/${k.pending}/accept`))
      .set(world.partnerA.auth)
      .send({})
      .expect(409);
    const again = await sendReferral(api, cw.auth, k.id, referralBody(world.orgA.id));
    expect((await referral(again.id)).status).toBe('pending');
  });

  it('`resolved` is refused (409 referrals_settled, naming them) while an accepted referral is neither completed, withdrawn nor marked; then allowed', async () => {
    const review = await steps.reviewCase(false);
    const k = await caseWithReferrals({ id: review.id, caseNumber: '' });
    const request = async () =>
      steps.post(`/${k.id}/closure`, cw, { reason: 'resolved', note: 'The child is safe and stable', version: await caseVersion(k.id) });

    const refused = await request();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(refused.body.error.details[0]).toMatchObject({ missing: ['referrals_settled'], command: 'requestClosure', referralIds: [k.acceptedA, k.acceptedB] });
    expect((await timelineOf(k.id)).some((e) => e.type.startsWith('closure.'))).toBe(false);

    // A: withdrawn by the case team; B: completed by the partner. The pending one needs nothing (cancelled on approval).
    const withdrawn = await api.http
      .post(url(`/referrals/${k.acceptedA}/withdraw`))
      .set(cw.auth)
      .send({ reason: 'The school counsellor took over' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnBy: { id: cw.user.id }, withdrawReason: 'The school counsellor took over' });
    expect((await request()).status).toBe(409);
    await api.http
      .post(url(`/referrals/${k.acceptedB}/complete`))
      .set(world.partnerB.auth)
      .send({ outcome: 'Advice given' })
      .expect(200);

    const requested = await request();
    expect(requested.status).toBe(200);
    const approved = await steps.post(`/${k.id}/closure/approve`, sup, { version: requested.body.version });
    expect(approved.status).toBe(200);
    expect([(await referral(k.pending)).status, (await referral(k.acceptedA)).status, (await referral(k.acceptedB)).status]).toEqual([
      'cancelled',
      'withdrawn',
      'completed',
    ]);
  });

  it('an approval racing a referral step does not deadlock: while a referral row is held, the approval answers 409 CONFLICT and changes nothing; then it goes through', async () => {
    const k = await caseWithReferrals();
    const requested = await steps.post(`/${k.id}/closure`, cw, { reason: 'other', note: 'The family moved abroad', version: await caseVersion(k.id) });
    expect(requested.status).toBe(200);
    const holder = api.db.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      // What a partner's step holds while it waits for the case row (its deadlines).
      await holder.query(`SELECT id FROM referral WHERE id = $1 FOR UPDATE`, [k.acceptedA]);
      const raced = await steps.post(`/${k.id}/closure/approve`, sup, { version: requested.body.version });
      expect([raced.status, raced.body.error?.code]).toEqual([409, 'CONFLICT']);
      await holder.rollbackTransaction();
    } finally {
      await holder.release();
    }
    expect((await referral(k.pending)).status).toBe('pending');
    const approved = await steps.post(`/${k.id}/closure/approve`, sup, { version: requested.body.version });
    expect(approved.status).toBe(200);
    expect((await referral(k.acceptedA)).status).toBe('withdrawn');
  });

  it('the case team’s steps: withdraw and mark only an accepted referral (409 otherwise); not a partner’s', async () => {
    const k = await caseWithReferrals();
    await api.http
      .post(url(`/referrals/${k.pending}/withdraw`))
      .set(cw.auth)
      .send({ reason: 'x' })
      .expect(409);
    await api.http
      .post(url(`/referrals/${k.pending}/continue-after-closure`))
      .set(cw.auth)
      .send({ reason: 'x' })
      .expect(409);
    // A partner user is not of the routes' roles: refused (the guard hides the route), nothing changes.
    const byPartner = await api.http
      .post(url(`/referrals/${k.acceptedA}/withdraw`))
      .set(world.partnerA.auth)
      .send({ reason: 'x' });
    expect([403, 404]).toContain(byPartner.status);
    expect((await referral(k.acceptedA)).status).toBe('accepted');
    const res = await api.http
      .post(url(`/referrals/${k.acceptedA}/withdraw`))
      .set(cw.auth)
      .send({ reason: 'No longer needed' });
    expect(res.status).toBe(200);
    await api.http
      .post(url(`/referrals/${k.acceptedA}/continue-after-closure`))
      .set(cw.auth)
      .send({ reason: 'x' })
      .expect(409);
    expect(await referral(k.acceptedA, world.partnerA)).toMatchObject({ access: 'status', status: 'withdrawn' });
  });
});
