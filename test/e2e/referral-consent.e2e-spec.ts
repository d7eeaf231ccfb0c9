import { startApi, TestApi } from '../support/app';
import { addNote, recordSharingConsent, referralBody, ReferralWorld, referralWorld, SECRET, sendReferral, sensitiveCase } from '../support/referrals';

jest.setTimeout(60_000);

const STATUS_AND_DATES = ['access', 'cancelledAt', 'completedAt', 'createdAt', 'id', 'organisation', 'respondedAt', 'status', 'version', 'view'];

/**
 * Issue 10, item 8: what a partner sees of a referral follows consent to sharing. On the old code
 * the partner kept reading the shared notes after both consents were withdrawn, and a declined
 * referral stayed readable for good.
 */
describe('a referral’s partner view follows consent to sharing', () => {
  let api: TestApi;
  let world: ReferralWorld;
  const url = (path: string) => `/api/v1${path}`;

  const read = async (id: string) =>
    (
      await api.http
        .get(url(`/referrals/${id}`))
        .set(world.partnerA.auth)
        .expect(200)
    ).body as Record<string, unknown>;
  const inboxRow = async (id: string) => {
    const inbox = await api.http.get(url('/referrals')).set(world.partnerA.auth).query({ pageSize: 100 }).expect(200);
    return (inbox.body.items as Record<string, unknown>[]).find((r) => r.id === id)!;
  };
  const withdrawAll = async (caseId: string) => {
    const consents = await api.http
      .get(url(`/cases/${caseId}/consents`))
      .set(world.caseworker.auth)
      .expect(200);
    for (const c of consents.body.items as { id: string }[]) {
      await api.http
        .post(url(`/cases/${caseId}/consents/${c.id}/withdraw`))
        .set(world.caseworker.auth)
        .send({})
        .expect(200);
    }
  };
  /** A referral of a consented case with a shared note; consent withdrawn afterwards if asked. */
  const referral = async () => {
    const kase = await sensitiveCase(api, world);
    await recordSharingConsent(api, world.caseworker.auth, kase.id);
    const note = await addNote(api, world.caseworker.auth, kase.id, 'shared', 'Shared: the mother agrees to see a lawyer');
    const { id } = await sendReferral(api, world.caseworker.auth, kase.id, referralBody(world.orgA.id, { sharedNoteIds: [note] }));
    return { kase, id };
  };

  beforeAll(async () => {
    api = await startApi();
    world = await referralWorld(api);
  });
  afterAll(() => api.close());

  it('with consent in force the partner gets the minimum-necessary view; once both consents are withdrawn, status and dates only', async () => {
    const { kase, id } = await referral();
    const before = await read(id);
    expect(before).toEqual(expect.objectContaining({ access: 'full', reason: expect.any(String), sharedNotes: [expect.objectContaining({ kind: 'visit' })] }));
    expect((await inboxRow(id)).caseNumber).toBe(kase.caseNumber);

    await withdrawAll(kase.id);
    const after = await read(id);
    expect(Object.keys(after).sort()).toEqual(STATUS_AND_DATES);
    expect(after).toEqual(expect.objectContaining({ access: 'status', status: 'pending', version: 1 }));
    const text = JSON.stringify(after);
    for (const secret of ['mother agrees', SECRET.givenName, kase.caseNumber, 'protection order', world.caseworker.user.fullName])
      expect(text).not.toContain(secret);
    // The inbox row says no more than the single read.
    const row = await inboxRow(id);
    expect(row).toEqual(expect.objectContaining({ access: 'status', status: 'pending' }));
    expect(row).not.toHaveProperty('caseNumber');
    expect(row).not.toHaveProperty('serviceType');
    // Staff still see everything.
    expect(
      (
        await api.http
          .get(url(`/referrals/${id}`))
          .set(world.caseworker.auth)
          .expect(200)
      ).body,
    ).toEqual(expect.objectContaining({ view: 'staff', reason: expect.any(String), sharedNoteIds: [expect.any(String)] }));
  });

  it('the partner can still answer a pending referral without consent (decline it, or accept it), and the answer shows status and dates only', async () => {
    const first = await referral();
    await withdrawAll(first.kase.id);
    const declined = await api.http
      .post(url(`/referrals/${first.id}/decline`))
      .set(world.partnerA.auth)
      .send({ reason: 'No consent any more' })
      .expect(200);
    expect(declined.body).toEqual(expect.objectContaining({ access: 'status', status: 'declined' }));
    expect(declined.body).not.toHaveProperty('reason');
    const second = await referral();
    await withdrawAll(second.kase.id);
    const accepted = await api.http
      .post(url(`/referrals/${second.id}/accept`))
      .set(world.partnerA.auth)
      .send({})
      .expect(200);
    expect(accepted.body).toEqual(expect.objectContaining({ access: 'status', status: 'accepted' }));
  });

  it('withdrawing only the child’s consent (aged 7 or more) is enough to end the sharing', async () => {
    const { kase, id } = await referral();
    const consents = await api.http
      .get(url(`/cases/${kase.id}/consents`))
      .set(world.caseworker.auth)
      .expect(200);
    const childConsent = (consents.body.items as { id: string; giver: string }[]).find((c) => c.giver === 'child')!;
    await api.http
      .post(url(`/cases/${kase.id}/consents/${childConsent.id}/withdraw`))
      .set(world.caseworker.auth)
      .send({})
      .expect(200);
    expect(await read(id)).toEqual(expect.objectContaining({ access: 'status' }));
  });

  it('a declined or a cancelled referral shows the partner status and dates only, consent or not', async () => {
    const declined = await referral();
    await api.http
      .post(url(`/referrals/${declined.id}/decline`))
      .set(world.partnerA.auth)
      .send({ reason: 'No lawyer free' })
      .expect(200);
    const cancelled = await referral();
    await api.http
      .post(url(`/referrals/${cancelled.id}/cancel`))
      .set(world.caseworker.auth)
      .send({ reason: 'Family moved', version: 1 })
      .expect(200);
    for (const { id } of [declined, cancelled]) {
      expect(Object.keys(await read(id)).sort()).toEqual(STATUS_AND_DATES);
      expect(Object.keys(await inboxRow(id)).sort()).toEqual(STATUS_AND_DATES.filter((k) => k !== 'view'));
    }
  });

  it('an emergency referral sent on a supervisor’s override stays readable without consent while it is open', async () => {
    const kase = await sensitiveCase(api, world);
    const { id } = await sendReferral(
      api,
      world.supervisor.auth,
      kase.id,
      referralBody(world.orgA.id, { urgency: 'emergency', overrideConsent: true, justification: 'The child is in danger tonight.' }),
    );
    expect(await read(id)).toEqual(expect.objectContaining({ access: 'full', reason: expect.any(String), caseworker: expect.any(Object) }));
    await api.http
      .post(url(`/referrals/${id}/accept`))
      .set(world.partnerA.auth)
      .send({})
      .expect(200);
    expect(await inboxRow(id)).toEqual(expect.objectContaining({ access: 'full', serviceType: 'legal_aid' }));
  });
});
