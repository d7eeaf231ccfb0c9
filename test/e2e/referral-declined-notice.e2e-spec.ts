import { createServer, IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '@haven/domain';
import { NotificationsService, verifyWebhookSignature } from '@haven/notifications';
import { JobQueue, QueueName } from '@haven/platform';
import { startApi, TestApi, testQueuePrefix } from '../support/app';
import { createTestDatabase } from '../support/databases';
import { PHU_XUAN, signedIn, SignedIn } from '../support/factories';
import { recordSharingConsent, referralBody, ReferralWorld, referralWorld, SECRET, sendReferral, sensitiveCase } from '../support/referrals';
import { startWorker, TestWorker, waitForJob } from '../support/worker';

jest.setTimeout(120_000);

const WEBHOOK_SECRET = 'whsec-e2e-declined-Z8q3Wm1vK6tR9yP2cN5bJ4hG7fD0sA';
const REASON = 'Không còn luật sư rảnh trong tháng này';

interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  caseId: string | null;
  caseNumber: string | null;
  data: Record<string, string | number>;
}

interface Hit {
  headers: IncomingHttpHeaders;
  rawBody: string;
  verified: boolean;
}

/** A webhook receiver on 127.0.0.1:0 that answers 200 and keeps every POST. */
async function startReceiver() {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhookSignature(WEBHOOK_SECRET, req.headers['x-haven-timestamp'] as string, rawBody, req.headers['x-haven-signature'] as string);
      hits.push({ headers: req.headers, rawBody, verified });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/haven-events`,
    of: (notificationId: string) => hits.filter((h) => (JSON.parse(h.rawBody) as { id: string }).id === notificationId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Issue 11, item 8: a partner's decline tells the case's worker of record and the referral's
 * sender, once each, through the same notification path as deadline notices (in-app inbox, then
 * e-mail and webhook deliveries queued after the commit).
 */
describe('referral.declined notices', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: TestApi;
  let worker: TestWorker | undefined;
  let world: ReferralWorld;
  let cw: SignedIn;
  let sup: SignedIn;
  let otherCaseworker: SignedIn;

  const url = (path: string) => `/api/v1${path}`;

  let env: Record<string, string>;

  beforeAll(async () => {
    [receiver, database] = await Promise.all([startReceiver(), createTestDatabase()]);
    // Both apps read process.env while they start: the same database, prefix and channel. The
    // worker starts in the last test only, so that no delivery reconciler runs before it.
    env = { QUEUE_PREFIX: testQueuePrefix(), PUBLIC_BASE_URL: 'https://haven.test', WEBHOOK_URL: receiver.url, WEBHOOK_SECRET, DELIVERY_BACKOFF_MS: '50' };
    api = await startApi(env, { databaseUrl: database.url });
    world = await referralWorld(api);
    cw = world.caseworker;
    sup = world.supervisor;
    otherCaseworker = await signedIn(api, Role.Caseworker, { fullName: 'Lê Văn Khác', communeCodes: [PHU_XUAN] });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.close(), worker?.close()]);
    await Promise.all([database?.drop(), receiver?.close()]);
  });

  /** The caller's `referral.declined` notices about this referral, from GET /me/notifications. */
  async function declinedNotices(who: SignedIn, referralId: string): Promise<Notice[]> {
    const res = await api.http.get(url('/me/notifications')).query({ pageSize: 100 }).set(who.auth).expect(200);
    return (res.body.items as Notice[]).filter((n) => n.kind === 'referral.declined' && n.data.referralId === referralId);
  }

  /** A case of PHU_XUAN assigned to the caseworker, consented to sharing, and a referral to organisation A sent by `sender`. */
  async function declinedReferral(sender: SignedIn): Promise<{ caseId: string; caseNumber: string; referralId: string }> {
    const kase = await sensitiveCase(api, world);
    await recordSharingConsent(api, cw.auth, kase.id);
    const { id } = await sendReferral(api, sender.auth, kase.id, referralBody(world.orgA.id));
    await api.http
      .post(url(`/referrals/${id}/decline`))
      .set(world.partnerA.auth)
      .send({ reason: REASON })
      .expect(200);
    return { caseId: kase.id, caseNumber: kase.caseNumber, referralId: id };
  }

  const rowsOf = (referralId: string): Promise<{ id: string; recipient_id: string; dedupe_key: string }[]> =>
    api.db.query(`SELECT id, recipient_id, dedupe_key FROM notification WHERE kind = 'referral.declined' AND data->>'referralId' = $1 ORDER BY recipient_id`, [
      referralId,
    ]);

  it('reaches the case’s assignee and the referral’s sender once each, naming the case and the service, never the child or the reason', async () => {
    const { caseId, caseNumber, referralId } = await declinedReferral(sup);

    for (const who of [cw, sup]) {
      const notices = await declinedNotices(who, referralId);
      expect(notices).toHaveLength(1);
      const [n] = notices;
      expect(n).toMatchObject({ caseId, caseNumber, link: `https://haven.test/cases/${caseId}`, data: { referralId, serviceType: 'legal_aid', caseNumber } });
      expect(n.title).toBe(`Giới thiệu dịch vụ bị từ chối: Trợ giúp pháp lý – hồ sơ ${caseNumber}`);
      const text = JSON.stringify(n);
      for (const secret of [SECRET.fullName, SECRET.givenName, SECRET.address, REASON, 'luật sư']) expect(text).not.toContain(secret);
    }
    // Nobody else: another caseworker of the commune, the partner who declined, the other partner.
    for (const who of [otherCaseworker, world.partnerA, world.partnerB, world.admin]) expect(await declinedNotices(who, referralId)).toEqual([]);
    expect((await rowsOf(referralId)).map((r) => r.recipient_id)).toEqual([cw.user.id, sup.user.id].sort());
  });

  it('tells one person once when the assignee sent the referral', async () => {
    const { referralId } = await declinedReferral(cw);
    expect(await declinedNotices(cw, referralId)).toHaveLength(1);
    expect(await declinedNotices(sup, referralId)).toEqual([]);
    expect(await rowsOf(referralId)).toHaveLength(1);
  });

  it('a replay creates no second notice: a second decline is refused, and the same dedupe key notifies nobody again', async () => {
    const { caseId, caseNumber, referralId } = await declinedReferral(sup);
    const before = await rowsOf(referralId);
    expect(before).toHaveLength(2);
    await api.http
      .post(url(`/referrals/${referralId}/decline`))
      .set(world.partnerA.auth)
      .send({ reason: 'again' })
      .expect(409);
    // The notice's key is made of ids only, so a replayed notify (a retried request) finds it taken.
    const [{ dedupe_key: dedupeKey }] = before;
    expect(dedupeKey).toBe(`${referralId}:declined`);
    const replayed = await api.db.transaction((m) =>
      api.app.get(NotificationsService).notify(m, {
        recipientIds: [cw.user.id, sup.user.id],
        caseId,
        caseNumber,
        kind: 'referral.declined',
        dedupeKey,
        params: { referralId, serviceType: 'legal_aid' },
      }),
    );
    expect(replayed).toEqual([]);
    expect(await rowsOf(referralId)).toEqual(before);
    expect(await declinedNotices(cw, referralId)).toHaveLength(1);
    expect(await declinedNotices(sup, referralId)).toHaveLength(1);
  });

  it('skips a sender whose account is no longer active', async () => {
    const sender = await signedIn(api, Role.Supervisor, { fullName: 'Ngô Văn Rời' });
    const kase = await sensitiveCase(api, world);
    await recordSharingConsent(api, cw.auth, kase.id);
    const { id } = await sendReferral(api, sender.auth, kase.id, referralBody(world.orgA.id));
    await api.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [sender.user.id]);
    await api.http
      .post(url(`/referrals/${id}/decline`))
      .set(world.partnerA.auth)
      .send({ reason: REASON })
      .expect(200);
    expect((await rowsOf(id)).map((r) => r.recipient_id)).toEqual([cw.user.id]);
  });

  it('queues the deliveries after the commit: each notice’s webhook is then sent once, signed, without the reason', async () => {
    const { referralId } = await declinedReferral(sup);
    const rows = await rowsOf(referralId);
    expect(rows).toHaveLength(2);
    // No worker has run yet (so no reconciler either): the jobs are the ones the decline queued.
    const waiting = api.app.get(JobQueue).queue(QueueName.Delivery);
    for (const { id } of rows) expect(await waiting.getJobState(`deliver-${id}`)).toBe('waiting');

    worker = await startWorker(env, { databaseUrl: database.url });
    const queue = worker.jobs.queue(QueueName.Delivery);
    for (const { id } of rows) {
      const job = await waitForJob(queue, `deliver-${id}`);
      expect(await job.getState()).toBe('completed');
      const deliveries: { channel: string; status: string }[] = await api.db.query(`SELECT channel, status FROM delivery WHERE notification_id = $1`, [id]);
      expect(deliveries).toEqual([{ channel: 'webhook', status: 'sent' }]);
      const hits = receiver.of(id);
      expect(hits).toHaveLength(1);
      expect(hits[0].verified).toBe(true);
      expect(JSON.parse(hits[0].rawBody)).toMatchObject({ id, kind: 'referral.declined', data: { referralId, serviceType: 'legal_aid' } });
      for (const secret of [SECRET.fullName, REASON]) expect(hits[0].rawBody).not.toContain(secret);
    }
  });
});
