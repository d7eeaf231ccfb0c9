import { randomUUID } from 'node:crypto';
import { Role } from '@haven/domain';
import { NotificationsService, NotifyInput, UnsafeNotificationError } from '@haven/notifications';
import { startApi, TestApi } from '../support/app';
import { openCase, OpenedCase } from '../support/cases';
import { signedIn, SignedIn } from '../support/factories';

const BASE = '/api/v1/me/notifications';

describe('notifications: notify and the in-app inbox', () => {
  let api: TestApi;
  let notifications: NotificationsService;
  let supervisor: SignedIn;
  let caseworker: SignedIn;
  let intake: SignedIn;
  let kase: OpenedCase;

  beforeAll(async () => {
    api = await startApi({ PUBLIC_BASE_URL: 'https://haven.test' });
    notifications = api.app.get(NotificationsService);
    [supervisor, caseworker, intake] = await Promise.all([signedIn(api, Role.Supervisor), signedIn(api, Role.Caseworker), signedIn(api, Role.IntakeOfficer)]);
    kase = await openCase(api, supervisor.auth);
  });
  afterAll(() => api.close());

  const reminder = (recipientIds: string[], deadlineId = randomUUID(), step = 'reminder:0'): NotifyInput<'deadline.reminder'> => ({
    recipientIds,
    caseId: kase.id,
    caseNumber: kase.caseNumber,
    kind: 'deadline.reminder',
    dedupeKey: `${deadlineId}:${step}`,
    params: { deadlineId, step, deadlineKind: 'initial_assessment', dueAt: new Date(Date.now() + 3600_000) },
  });

  const rowsWithKey = async (key: string): Promise<{ recipient_id: string }[]> =>
    api.db.query(`SELECT recipient_id FROM notification WHERE dedupe_key = $1 ORDER BY recipient_id`, [key]);

  describe('notify', () => {
    it('creates one notification per (recipient, dedupe key), even when called concurrently, and returns only the ids it created', async () => {
      const recipients = [supervisor.user.id, caseworker.user.id, intake.user.id];
      const input = reminder([...recipients, caseworker.user.id]); // a duplicate recipient counts once
      const created = await Promise.all(Array.from({ length: 8 }, () => api.db.transaction((m) => notifications.notify(m, input))));

      expect(created.flat()).toHaveLength(3);
      expect(new Set(created.flat()).size).toBe(3);
      expect((await rowsWithKey(input.dedupeKey)).map((r) => r.recipient_id)).toEqual([...recipients].sort());
      // At least once in, exactly once out: processing the same step again creates nothing.
      expect(await api.db.transaction((m) => notifications.notify(m, input))).toEqual([]);
      // A new recipient of the same step gets theirs; the others are not notified twice.
      const admin = await signedIn(api, Role.Manager);
      expect(await api.db.transaction((m) => notifications.notify(m, { ...input, recipientIds: [...recipients, admin.user.id] }))).toHaveLength(1);
    });

    it('runs inside the caller’s transaction: rolled back with it, visible only after its commit', async () => {
      const input = reminder([caseworker.user.id]);
      await expect(
        api.db.transaction(async (m) => {
          expect(await notifications.notify(m, input)).toHaveLength(1);
          throw new Error('the caller’s change failed');
        }),
      ).rejects.toThrow('the caller’s change failed');
      expect(await rowsWithKey(input.dedupeKey)).toEqual([]);
      // After the rollback the same key is free, so the retried change notifies once.
      expect(await api.db.transaction((m) => notifications.notify(m, input))).toHaveLength(1);
    });

    it('reads the case number in the transaction when the caller does not give it, and writes title, body and link from the template', async () => {
      const deadlineId = randomUUID();
      const [id] = await api.db.transaction((m) =>
        notifications.notify(m, {
          recipientIds: [caseworker.user.id],
          caseId: kase.id,
          kind: 'deadline.escalation',
          dedupeKey: `${deadlineId}:escalation:1`,
          params: { deadlineId, step: 'escalation:1', deadlineKind: 'plan_submission', dueAt: new Date('2026-12-01T03:00:00Z'), level: 1 },
        }),
      );
      const [row] = await api.db.query(`SELECT kind, title, body, link, data, case_id FROM notification WHERE id = $1`, [id]);
      expect(row).toMatchObject({
        kind: 'deadline.escalation',
        title: `Quá hạn (cấp 1): Nộp kế hoạch hỗ trợ, can thiệp – hồ sơ ${kase.caseNumber}`,
        link: `https://haven.test/cases/${kase.id}`,
        case_id: kase.id,
        data: { caseNumber: kase.caseNumber, deadlineId, step: 'escalation:1', deadlineKind: 'plan_submission', dueAt: '2026-12-01T03:00:00.000Z', level: 1 },
      });
      expect(row.body).toContain('10:00 01/12/2026');
      expect(row.body.endsWith(`https://haven.test/cases/${kase.id}`)).toBe(true);
    });

    it('refuses free text anywhere (params, case number, dedupe key) before writing anything', async () => {
      const input = reminder([caseworker.user.id]);
      const attempts: NotifyInput<'deadline.reminder'>[] = [
        { ...input, params: { ...input.params, note: 'Nguyễn Văn An' } as typeof input.params },
        { ...input, caseNumber: 'Nguyễn Văn An' },
        { ...input, dedupeKey: 'Nguyễn Văn An' },
        { ...input, params: { ...input.params, deadlineKind: 'Nguyễn Văn An' as 'review' } },
      ];
      for (const bad of attempts) {
        const failure = api.db.transaction((m) => notifications.notify(m, bad));
        await expect(failure).rejects.toThrow(UnsafeNotificationError);
        await expect(failure).rejects.not.toThrow(/Nguyễn/);
      }
      expect(await rowsWithKey(input.dedupeKey)).toEqual([]);
    });
  });

  describe('the inbox routes', () => {
    let reader: SignedIn;
    let mine: string[];
    let theirs: string;

    beforeAll(async () => {
      reader = await signedIn(api, Role.Caseworker);
      // Separate transactions: created_at is the transaction's start, so the order is known.
      mine = [];
      for (let i = 0; i < 3; i++) mine.push(...(await api.db.transaction((m) => notifications.notify(m, reminder([reader.user.id])))));
      [theirs] = await api.db.transaction((m) => notifications.notify(m, reminder([intake.user.id])));
    });

    it('lists the caller’s own notifications, newest first, paged, with the unread count', async () => {
      const res = await api.http.get(BASE).set(reader.auth).expect(200);
      expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 20, unread: 3 });
      expect(res.body.items.map((n: { id: string }) => n.id)).toEqual([...mine].reverse());
      expect(Object.keys(res.body.items[0]).sort()).toEqual(['body', 'caseId', 'caseNumber', 'createdAt', 'data', 'id', 'kind', 'link', 'readAt', 'title']);
      expect(res.body.items[0]).toMatchObject({ kind: 'deadline.reminder', caseId: kase.id, caseNumber: kase.caseNumber, readAt: null });

      const page2 = await api.http.get(BASE).query({ page: 2, pageSize: 2 }).set(reader.auth).expect(200);
      expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page2.body.items.map((n: { id: string }) => n.id)).toEqual([mine[0]]);
    });

    it('marks one read (idempotently); another person’s answers 404 and stays unread', async () => {
      await api.http.post(`${BASE}/${theirs}/read`).set(reader.auth).expect(404);
      await api.http.post(`${BASE}/${randomUUID()}/read`).set(reader.auth).expect(404);
      const first = await api.http.post(`${BASE}/${mine[0]}/read`).set(reader.auth).expect(200);
      expect(first.body).toMatchObject({ id: mine[0], readAt: expect.any(String) });
      const again = await api.http.post(`${BASE}/${mine[0]}/read`).set(reader.auth).expect(200);
      expect(again.body.readAt).toBe(first.body.readAt);

      const unread = await api.http.get(BASE).query({ unread: true }).set(reader.auth).expect(200);
      expect(unread.body.items.map((n: { id: string }) => n.id).sort()).toEqual([mine[1], mine[2]].sort());
      expect(unread.body).toMatchObject({ total: 2, unread: 2 });
      const read = await api.http.get(BASE).query({ unread: false }).set(reader.auth).expect(200);
      expect(read.body.items.map((n: { id: string }) => n.id)).toEqual([mine[0]]);

      const owner = await api.http.get(BASE).set(intake.auth).expect(200);
      expect(owner.body.items.find((n: { id: string }) => n.id === theirs)).toMatchObject({ readAt: null });
    });

    it('marks all of the caller’s read and says how many', async () => {
      expect((await api.http.post(`${BASE}/read-all`).set(reader.auth).expect(200)).body).toEqual({ updated: 2 });
      expect((await api.http.post(`${BASE}/read-all`).set(reader.auth).expect(200)).body).toEqual({ updated: 0 });
      expect((await api.http.get(BASE).set(reader.auth).expect(200)).body.unread).toBe(0);
      // Nobody else's.
      const [{ unread }] = await api.db.query(`SELECT count(*)::int AS unread FROM notification WHERE id = $1 AND read_at IS NULL`, [theirs]);
      expect(unread).toBe(1);
    });

    it('validates input and needs a signed-in caller', async () => {
      await api.http.get(BASE).expect(401);
      await api.http.post(`${BASE}/read-all`).expect(401);
      await api.http.post(`${BASE}/not-a-uuid/read`).set(reader.auth).expect(400);
      await api.http.get(BASE).query({ unread: 'maybe' }).set(reader.auth).expect(400);
      await api.http.get(BASE).query({ pageSize: 1000 }).set(reader.auth).expect(400);
    });

    it('the OpenAPI document describes the inbox, the deliveries and the webhook signature scheme', async () => {
      const doc = (await api.http.get('/docs-json').expect(200)).body;
      const json = (op: { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> }, status: string) =>
        op.responses[status].content['application/json'].schema.$ref;
      expect(json(doc.paths['/api/v1/me/notifications'].get, '200')).toBe('#/components/schemas/NotificationPageDto');
      expect(json(doc.paths['/api/v1/me/notifications/{id}/read'].post, '200')).toBe('#/components/schemas/NotificationDto');
      expect(Object.keys(doc.paths['/api/v1/me/notifications/{id}/read'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
      expect(json(doc.paths['/api/v1/me/notifications/read-all'].post, '200')).toBe('#/components/schemas/ReadAllResponseDto');
      const deliveries = doc.paths['/api/v1/deliveries'].get;
      expect(json(deliveries, '200')).toBe('#/components/schemas/DeliveryPageDto');
      for (const term of ['X-Haven-Timestamp', 'X-Haven-Signature: v1=', 'HMAC-SHA256', 'X-Haven-Delivery', 'verifyWebhookSignature']) {
        expect(deliveries.description).toContain(term);
      }
    });

    it('lets admins only see deliveries', async () => {
      await api.http.get('/api/v1/deliveries').query({ status: 'dead' }).set(reader.auth).expect(403);
      const admin = await signedIn(api, Role.Admin);
      const res = await api.http.get('/api/v1/deliveries').query({ status: 'dead' }).set(admin.auth).expect(200);
      expect(res.body).toMatchObject({ items: [], total: 0 });
      await api.http.get('/api/v1/deliveries').query({ status: 'lost' }).set(admin.auth).expect(400);
    });
  });
});
