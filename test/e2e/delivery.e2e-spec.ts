import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer, AddressInfo, Server } from 'node:net';
import { Queue } from 'bullmq';
import { ModuleRef } from '@nestjs/core';
import { Role } from '@haven/domain';
import {
  DeliveryScheduler,
  NotificationKind,
  NotificationParams,
  NotificationsService,
  NotifyInput,
  UnsafeNotificationError,
  verifyWebhookSignature,
} from '@haven/notifications';
import { AppConfig, bullConnectionFromUrl, JobName, JobQueue, QueueName } from '@haven/platform';
import { startApi, TestApi, testQueuePrefix } from '../support/app';
import { openCase, OpenedCase } from '../support/cases';
import { createTestDatabase } from '../support/databases';
import { signedIn, SignedIn } from '../support/factories';
import { startWorker, TestWorker, waitForJob } from '../support/worker';

const SECRET = 'whsec-e2e-Q7x2Lm9vR4tY8wZ1bN6cK3jH5fD0sA';
const ATTEMPTS = 5;
const CHILD_NAME = 'Trần Thị Bích Ngọc';

/** One POST the receiver got, as it got it. */
interface Hit {
  notificationId: string;
  deliveryId: string;
  status: number;
  verified: boolean;
  rawBody: string;
  headers: IncomingHttpHeaders;
}

/**
 * A webhook receiver on 127.0.0.1:0 that checks every signature with verifyWebhookSignature and
 * answers per deadline id (from the payload's data): fail the first n tries, always fail, or 200.
 */
async function startReceiver() {
  const hits: Hit[] = [];
  const plans = new Map<string, { failFirst: number } | 'always-fail'>();
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhookSignature(SECRET, req.headers['x-haven-timestamp'] as string, rawBody, req.headers['x-haven-signature'] as string);
      const event = JSON.parse(rawBody) as { id: string; data: { deadlineId?: string } };
      const plan = plans.get(event.data.deadlineId ?? '');
      const tries = hits.filter((h) => h.notificationId === event.id).length;
      const status = !verified ? 401 : plan === 'always-fail' ? 503 : plan && tries < plan.failFirst ? 500 : 200;
      hits.push({ notificationId: event.id, deliveryId: String(req.headers['x-haven-delivery']), status, verified, rawBody, headers: req.headers });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver says no: this text must not reach last_error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/haven-events`,
    hits,
    plans,
    of: (notificationId: string) => hits.filter((h) => h.notificationId === notificationId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Mail {
  rcptTo: string[];
  raw: string;
}

/** The least SMTP server nodemailer will talk to (no TLS, no auth): keeps every message. */
async function startSmtpSink() {
  const mails: Mail[] = [];
  const server: Server = createTcpServer((socket) => {
    let buffer = '';
    let data: string[] | undefined;
    let rcptTo: string[] = [];
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line === '.') {
            mails.push({ rcptTo, raw: data.join('\r\n') });
            data = undefined;
            rcptTo = [];
            socket.write('250 queued\r\n');
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 sink\r\n');
        else if (verb === 'RCPT') {
          rcptTo.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1'));
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          data = [];
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n'); // MAIL, RSET, NOOP
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text of a single-part message, whatever transfer encoding nodemailer chose, with its headers. */
function decodeMail(raw: string): { headers: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return { headers, text: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
    return { headers, text: decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25')) };
  }
  return { headers, text: body };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('delivery of notifications (e-mail, signed webhooks)', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: TestApi;
  let worker: TestWorker;
  let notifications: NotificationsService;
  let scheduler: DeliveryScheduler;
  let caseworker: SignedIn;
  let kase: OpenedCase;

  beforeAll(async () => {
    [receiver, smtp, database] = await Promise.all([startReceiver(), startSmtpSink(), createTestDatabase()]);
    // Both apps read process.env while they start: the same database, prefix and channels.
    const env = {
      QUEUE_PREFIX: testQueuePrefix(),
      PUBLIC_BASE_URL: 'https://haven.test',
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: SECRET,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Haven <haven@example.test>',
      DELIVERY_ATTEMPTS: String(ATTEMPTS),
      DELIVERY_BACKOFF_MS: '50',
    };
    api = await startApi(env, { databaseUrl: database.url });
    worker = await startWorker(env, { databaseUrl: database.url });
    notifications = api.app.get(NotificationsService);
    scheduler = api.app.get(DeliveryScheduler);
    const supervisor = await signedIn(api, Role.Supervisor);
    caseworker = await signedIn(api, Role.Caseworker, { email: 'caseworker@example.test' });
    kase = await openCase(api, supervisor.auth, {
      child: { fullName: CHILD_NAME, sex: 'female', dateOfBirth: '2015-02-03', communeCode: '19753' },
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.close(), worker?.close()]);
    await Promise.all([database?.drop(), receiver?.close(), smtp?.close()]);
  });

  /** Notifies in a committed transaction, as a case or deadline command would, and returns the new ids. */
  async function notifyAbout<K extends NotificationKind>(
    kind: K,
    params: NotificationParams[K],
    dedupeKey: string,
    recipientIds = [caseworker.user.id],
    extra: Partial<NotifyInput<K>> = {},
  ): Promise<string[]> {
    return api.db.transaction((m) =>
      notifications.notify(m, { recipientIds, caseId: kase.id, caseNumber: kase.caseNumber, kind, dedupeKey, params, ...extra }),
    );
  }

  async function remind(deadlineId = randomUUID()): Promise<{ deadlineId: string; id: string }> {
    const [id] = await notifyAbout(
      'deadline.reminder',
      { deadlineId, step: 'reminder:0', deadlineKind: 'review', dueAt: new Date(Date.now() + 86400_000) },
      `${deadlineId}:reminder:0`,
    );
    return { deadlineId, id };
  }

  const deliveryQueue = () => worker.jobs.queue(QueueName.Delivery);
  const deliveryRows = async (notificationId: string): Promise<Record<string, { id: string; status: string; attempts: number; last_error: string | null }>> => {
    const rows: { id: string; channel: string; status: string; attempts: number; last_error: string | null }[] = await api.db.query(
      `SELECT id, channel, status, attempts, last_error FROM delivery WHERE notification_id = $1`,
      [notificationId],
    );
    return Object.fromEntries(rows.map(({ channel, ...row }) => [channel, row]));
  };
  const mailsOf = (deliveryId: string) => smtp.mails.filter((m) => m.raw.includes(`X-Haven-Delivery: ${deliveryId}`));

  it('sends a signed webhook the receiver can verify, and an e-mail, once each', async () => {
    const { id } = await remind();
    await scheduler.enqueue([id]);
    const job = await waitForJob(deliveryQueue(), `deliver-${id}`);
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toEqual({ sent: 2, dead: 0, alreadyDone: 0 });

    const [hit] = receiver.of(id);
    expect(receiver.of(id)).toHaveLength(1);
    expect(hit.verified).toBe(true);
    expect(hit.headers['content-type']).toBe('application/json');
    // A tampered body or an old timestamp would not verify.
    expect(
      verifyWebhookSignature(
        SECRET,
        hit.headers['x-haven-timestamp'] as string,
        hit.rawBody.replace('review', 'other'),
        hit.headers['x-haven-signature'] as string,
      ),
    ).toBe(false);
    const event = JSON.parse(hit.rawBody);
    expect(Object.keys(event).sort()).toEqual(['caseNumber', 'createdAt', 'data', 'id', 'kind', 'link', 'recipientId']);
    expect(event).toMatchObject({
      id,
      kind: 'deadline.reminder',
      caseNumber: kase.caseNumber,
      recipientId: caseworker.user.id,
      link: `https://haven.test/cases/${kase.id}`,
    });

    const rows = await deliveryRows(id);
    expect(rows.webhook).toMatchObject({ status: 'sent', attempts: 1, last_error: null, id: hit.deliveryId });
    expect(rows.email).toMatchObject({ status: 'sent', attempts: 1 });
    const [mail] = mailsOf(rows.email.id);
    expect(mailsOf(rows.email.id)).toHaveLength(1);
    expect(mail.rcptTo).toEqual(['caseworker@example.test']);
    expect(decodeMail(mail.raw).text).toContain(`Case ${kase.caseNumber}: Review is due at`);

    // A second enqueue of the same notification (a retried request, the reconciler) sends nothing more.
    await scheduler.enqueue([id]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.of(id)).toHaveLength(1);
    expect(mailsOf(rows.email.id)).toHaveLength(1);
  });

  it('retries a receiver that fails three times with backoff, and it gets the event exactly once successfully', async () => {
    const deadlineId = randomUUID();
    receiver.plans.set(deadlineId, { failFirst: 3 });
    const { id } = await remind(deadlineId);
    await scheduler.enqueue([id]);
    const job = await waitForJob(deliveryQueue(), `deliver-${id}`);

    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBe(4);
    const hits = receiver.of(id);
    expect(hits.map((h) => h.status)).toEqual([500, 500, 500, 200]);
    expect(hits.filter((h) => h.status >= 200 && h.status < 300)).toHaveLength(1);
    expect(hits.every((h) => h.verified)).toBe(true);
    // Every try carries the same delivery id (receivers drop repeats by it) and is signed afresh.
    expect(new Set(hits.map((h) => h.deliveryId)).size).toBe(1);
    const rows = await deliveryRows(id);
    expect(rows.webhook).toMatchObject({ id: hits[0].deliveryId, status: 'sent', attempts: 4, last_error: 'HTTP 500' });
    // The e-mail went out on the first try; the retries of the webhook did not send it again.
    expect(rows.email).toMatchObject({ status: 'sent', attempts: 1 });
    expect(mailsOf(rows.email.id)).toHaveLength(1);
  });

  it('dead-letters a delivery whose receiver always fails, after DELIVERY_ATTEMPTS tries, and stops retrying', async () => {
    const deadlineId = randomUUID();
    receiver.plans.set(deadlineId, 'always-fail');
    const { id } = await remind(deadlineId);
    await scheduler.enqueue([id]);
    const job = await waitForJob(deliveryQueue(), `deliver-${id}`);

    // The job ends normally once the dead-letter mark is written: nothing is left to retry.
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toEqual({ sent: 0, dead: 1, alreadyDone: 1 });
    const rows = await deliveryRows(id);
    expect(rows.webhook).toMatchObject({ status: 'dead', attempts: ATTEMPTS, last_error: 'HTTP 503' });
    expect(rows.email).toMatchObject({ status: 'sent', attempts: 1 });
    expect(receiver.of(id)).toHaveLength(ATTEMPTS);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.of(id)).toHaveLength(ATTEMPTS);

    // The dead-letter record, for admins only.
    const admin = await signedIn(api, Role.Admin);
    const res = await api.http.get('/api/v1/deliveries').query({ status: 'dead' }).set(admin.auth).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: rows.webhook.id,
        notificationId: id,
        channel: 'webhook',
        target: receiver.url,
        status: 'dead',
        attempts: ATTEMPTS,
        lastError: 'HTTP 503',
      }),
    ]);
    expect(res.body.items[0].deadAt).toEqual(expect.any(String));
    await api.http.get('/api/v1/deliveries').query({ status: 'dead' }).set(caseworker.auth).expect(403);
    // Re-running the reconciler does not bring a dead delivery back.
    const reconcile = await worker.jobs.add(JobName.ReconcileDeliveries, { lookbackHours: 1 });
    await waitForJob(worker.jobs.queue(QueueName.Housekeeping), reconcile.id!);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.of(id)).toHaveLength(ATTEMPTS);
  });

  it('gives a fresh job to a delivery whose job failed without its dead-letter mark', async () => {
    const deadlineId = randomUUID();
    receiver.plans.set(deadlineId, { failFirst: 2 });
    const { id } = await remind(deadlineId);
    // A job that gives up after one try, as one does whose last try could not record the failure.
    await worker.jobs.add(JobName.DeliverNotification, { notificationId: id }, { jobId: `deliver-${id}`, attempts: 1 });
    const failed = await waitForJob(deliveryQueue(), `deliver-${id}`);
    expect(await failed.getState()).toBe('failed');
    expect((await deliveryRows(id)).webhook).toMatchObject({ status: 'pending', attempts: 1 });

    const reconcile = await worker.jobs.add(JobName.ReconcileDeliveries, { lookbackHours: 1 });
    await waitForJob(worker.jobs.queue(QueueName.Housekeeping), reconcile.id!);
    await waitFor('the retried delivery', async () => ((await deliveryRows(id)).webhook.status === 'sent' ? true : undefined));
    expect(receiver.of(id).map((h) => h.status)).toEqual([500, 500, 200]);
    expect((await deliveryRows(id)).webhook).toMatchObject({ status: 'sent', attempts: 3 });
    expect(mailsOf((await deliveryRows(id)).email.id)).toHaveLength(1);
  });

  it('commits the notification when Redis is unreachable for the enqueue, and the reconciler then delivers it exactly once', async () => {
    // The API side's queue points at a port nothing listens on; the worker's Redis is fine.
    const unreachable = new Queue(QueueName.Delivery, {
      connection: bullConnectionFromUrl(`redis://127.0.0.1:${await closedPort()}`),
      prefix: worker.queuePrefix,
    });
    unreachable.on('error', () => undefined);
    // A JobQueue whose every queue is that one.
    const jobs = new JobQueue({ get: () => unreachable } as unknown as ModuleRef, api.app.get(AppConfig));
    const cutOff = new DeliveryScheduler(jobs, api.app.get(AppConfig));
    try {
      const { id } = await remind();
      const started = Date.now();
      await expect(cutOff.enqueue([id])).resolves.toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      // Committed, but no job anywhere and nothing delivered.
      expect(await api.db.query(`SELECT id FROM notification WHERE id = $1`, [id])).toEqual([{ id }]);
      expect(await deliveryQueue().getJobState(`deliver-${id}`)).toBe('unknown');
      expect(receiver.of(id)).toHaveLength(0);

      // The reconciler (every minute in production; run now) finds it and enqueues it.
      const reconcile = await worker.jobs.add(JobName.ReconcileDeliveries, { lookbackHours: 1 });
      expect(await (await waitForJob(worker.jobs.queue(QueueName.Housekeeping), reconcile.id!)).getState()).toBe('completed');
      const job = await waitForJob(deliveryQueue(), `deliver-${id}`);
      expect(await job.getState()).toBe('completed');
      await waitFor('the webhook', () => (receiver.of(id).length > 0 ? true : undefined));
      expect(receiver.of(id).map((h) => h.status)).toEqual([200]);
      const rows = await deliveryRows(id);
      expect(mailsOf(rows.email.id)).toHaveLength(1);

      // Nothing is left to reconcile, and running it again sends nothing twice.
      const again = await worker.jobs.add(JobName.ReconcileDeliveries, { lookbackHours: 1 });
      expect((await waitForJob(worker.jobs.queue(QueueName.Housekeeping), again.id!)).returnvalue).toEqual({ undelivered: 0, enqueued: 0, requeued: 0 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.of(id)).toHaveLength(1);
      expect(mailsOf(rows.email.id)).toHaveLength(1);
    } finally {
      // close(), not disconnect(): the latter waits for a connection that never comes.
      await unreachable.close();
    }
  }, 60_000);

  it('never puts the child’s name in a title, body, e-mail, webhook or inbox', async () => {
    const deadlineId = randomUUID();
    const referralId = randomUUID();
    const due = new Date(Date.now() - 60_000);
    const ids = [
      ...(await notifyAbout('deadline.reminder', { deadlineId, step: 'reminder:1', deadlineKind: 'plan_action', dueAt: due }, `${deadlineId}:reminder:1`)),
      // No case number given: notify reads it from the case.
      ...(await notifyAbout(
        'deadline.escalation',
        { deadlineId, step: 'escalation:1', deadlineKind: 'plan_action', dueAt: due, level: 1 },
        `${deadlineId}:escalation:1`,
        undefined,
        {
          caseNumber: undefined,
        },
      )),
      ...(await notifyAbout('referral.declined', { referralId, serviceType: 'health_care' }, `${referralId}:declined`)),
    ];
    expect(ids).toHaveLength(3);
    await scheduler.enqueue(ids);
    for (const id of ids) expect(await (await waitForJob(deliveryQueue(), `deliver-${id}`)).getState()).toBe('completed');

    const family = CHILD_NAME.split(' ')[0];
    const given = CHILD_NAME.split(' ').slice(-1)[0];
    const leaks = (text: string) => text.includes(CHILD_NAME) || text.includes(`${given}`) || text.includes(`${family} Thị`);

    const stored: { title: string; body: string; link: string; data: object }[] = await api.db.query(
      `SELECT title, body, link, data FROM notification WHERE id = ANY($1)`,
      [ids],
    );
    expect(stored).toHaveLength(3);
    for (const n of stored) {
      expect(leaks(`${n.title}\n${n.body}\n${n.link}\n${JSON.stringify(n.data)}`)).toBe(false);
      expect(n.body).toContain(kase.caseNumber);
    }
    for (const id of ids) {
      const [hit] = receiver.of(id);
      expect(hit.status).toBe(200);
      expect(leaks(hit.rawBody)).toBe(false);
      const rows = await deliveryRows(id);
      const [mail] = mailsOf(rows.email.id);
      const { headers, text } = decodeMail(mail.raw);
      expect(text).toContain(kase.caseNumber);
      expect(leaks(`${headers}\n${text}`)).toBe(false);
    }
    const inbox = await api.http.get('/api/v1/me/notifications').query({ pageSize: 100 }).set(caseworker.auth).expect(200);
    expect(inbox.body.total).toBeGreaterThanOrEqual(3);
    expect(leaks(JSON.stringify(inbox.body))).toBe(false);
    const deliveries: { target: string; last_error: string | null }[] = await api.db.query(`SELECT target, last_error FROM delivery`);
    expect(deliveries.some((d) => leaks(`${d.target} ${d.last_error}`) || (d.last_error ?? '').includes('receiver says no'))).toBe(false);

    // And a caller cannot slip it in: the guard refuses before anything is written.
    await expect(
      notifyAbout('referral.declined', { referralId, serviceType: 'health_care' }, `${referralId}:declined-again`, undefined, { caseNumber: CHILD_NAME }),
    ).rejects.toThrow(UnsafeNotificationError);
  });
});
