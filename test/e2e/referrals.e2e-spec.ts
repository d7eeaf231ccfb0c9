import { randomUUID } from 'node:crypto';
import { ageOn, vietnamDate } from '@haven/cases';
import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { caseSteps } from '../support/case-steps';
import { PHU_XUAN, signedIn, SignedIn } from '../support/factories';
import {
  addNote,
  newOrganisation,
  recordSharingConsent,
  referralBody,
  referralSnapshot,
  ReferralWorld,
  referralWorld,
  SECRET,
  sendReferral,
  sensitiveCase,
} from '../support/referrals';

jest.setTimeout(120_000);

interface TimelineEvent {
  type: string;
  actorId: string | null;
  actorName: string | null;
  payload: Record<string, unknown>;
}

interface AccessEntry {
  actorId: string;
  action: string;
  what: string;
}

/** Every key of an object and of the objects inside it (arrays included), with its path. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${prefix}${i}.`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keyPaths(v, `${prefix}${k}.`)]);
}

describe('referrals', () => {
  let api: TestApi;
  let world: ReferralWorld;
  let cw: SignedIn;
  let sup: SignedIn;

  const url = (path: string) => `/api/v1${path}`;
  const timeline = async (caseId: string) =>
    (
      await api.http
        .get(url(`/cases/${caseId}/timeline`))
        .set(sup.auth)
        .expect(200)
    ).body as TimelineEvent[];
  const accessLog = async (caseId: string) =>
    (
      await api.http
        .get(url(`/cases/${caseId}/access-log`))
        .set(sup.auth)
        .expect(200)
    ).body as AccessEntry[];
  const referralEvents = async (caseId: string) => (await timeline(caseId)).filter((e) => e.type.startsWith('referral.') || e.type === 'consent.overridden');

  /** A case of the caseworker with consent to sharing recorded. */
  async function consentedCase(): Promise<{ id: string; caseNumber: string; version: number }> {
    const kase = await sensitiveCase(api, world);
    await recordSharingConsent(api, cw.auth, kase.id);
    return kase;
  }

  beforeAll(async () => {
    api = await startApi();
    world = await referralWorld(api);
    cw = world.caseworker;
    sup = world.supervisor;
  });
  afterAll(() => api.close());

  describe('the full flow', () => {
    it('a caseworker refers to a legal-aid centre; its partner sees only the minimum-necessary view, accepts, reports, completes; the timeline shows each step', async () => {
      const steps = caseSteps(api, { supervisor: sup, caseworker: cw });
      const kase = await consentedCase();
      // An assessment, an internal note and a referral to another organisation: all on the case, none for the partner.
      const assessed = await steps.assess(kase.id, kase.version, 'initial');
      expect(assessed.status).toBe(201);
      const sharedBody = 'Met the mother at home; she agrees to see a lawyer.';
      const sharedNote = await addNote(api, cw.auth, kase.id, 'shared', sharedBody);
      const internalNote = await addNote(api, cw.auth, kase.id, 'internal', SECRET.internalNote);
      const toB = await sendReferral(api, cw.auth, kase.id, referralBody(world.orgB.id, { reason: 'Other organisation: second opinion' }));
      const caseVersion = (await api.db.query(`SELECT version FROM "case" WHERE id = $1`, [kase.id]))[0].version;

      const reason = 'The family needs advice on a protection order.';
      const sent = await api.http
        .post(url(`/cases/${kase.id}/referrals`))
        .set(cw.auth)
        .send(referralBody(world.orgA.id, { reason, sharedNoteIds: [sharedNote] }))
        .expect(201);
      expect(sent.body).toEqual(
        expect.objectContaining({
          view: 'staff',
          caseId: kase.id,
          caseNumber: kase.caseNumber,
          organisation: { id: world.orgA.id, name: world.orgA.name, type: 'legal_aid' },
          serviceType: 'legal_aid',
          urgency: 'normal',
          status: 'pending',
          reason,
          sharedNoteIds: [sharedNote],
          planActionId: null,
          consentOverride: false,
          overrideJustification: null,
          createdBy: { id: cw.user.id, fullName: cw.user.fullName },
          updates: [],
          version: 1,
        }),
      );
      const id = sent.body.id as string;
      // Referrals do not move the lifecycle: the case version is unchanged.
      expect((await api.db.query(`SELECT version FROM "case" WHERE id = $1`, [kase.id]))[0].version).toBe(caseVersion);

      // The inbox: this organisation's referral only, without the case id or any child data.
      const inbox = await api.http.get(url('/referrals')).set(world.partnerA.auth).expect(200);
      expect(inbox.body).toEqual({
        items: [
          {
            id,
            access: 'full',
            caseNumber: kase.caseNumber,
            organisation: { id: world.orgA.id, name: world.orgA.name, type: 'legal_aid' },
            serviceType: 'legal_aid',
            urgency: 'normal',
            status: 'pending',
            createdAt: expect.any(String),
            respondedAt: null,
            completedAt: null,
            cancelledAt: null,
            version: 1,
          },
        ],
        total: 1,
        page: 1,
        pageSize: 20,
      });
      for (const [filter, total] of [
        ['status=pending', 1],
        ['status=accepted', 0],
        ['urgency=normal', 1],
        ['urgency=emergency', 0],
        [`receivedFrom=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`, 1],
        [`receivedFrom=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`, 0],
        [`receivedTo=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`, 0],
        [`organisationId=${world.orgB.id}`, 0],
      ] as const) {
        const res = await api.http
          .get(url(`/referrals?${filter}`))
          .set(world.partnerA.auth)
          .expect(200);
        expect({ filter, total: res.body.total }).toEqual({ filter, total });
      }

      // The minimum-necessary view, exactly.
      const view = await api.http
        .get(url(`/referrals/${id}`))
        .set(world.partnerA.auth)
        .expect(200);
      expect(view.body).toEqual({
        view: 'partner',
        access: 'full',
        id,
        caseNumber: kase.caseNumber,
        child: {
          givenName: SECRET.givenName,
          age: ageOn(SECRET.dateOfBirth, vietnamDate(new Date())),
          ageEstimated: false,
          sex: 'male',
          communeCode: PHU_XUAN,
        },
        organisation: { id: world.orgA.id, name: world.orgA.name, type: 'legal_aid' },
        serviceType: 'legal_aid',
        urgency: 'normal',
        status: 'pending',
        reason,
        sharedNotes: [{ kind: 'visit', occurredAt: expect.any(String), body: sharedBody }],
        caseworker: { fullName: 'Phạm Thị Lan', email: 'lan.caseworker@example.org' },
        declineReason: null,
        outcome: null,
        updates: [],
        createdAt: expect.any(String),
        respondedAt: null,
        completedAt: null,
        cancelledAt: null,
        version: 1,
      });
      // And, field by field, what it must never carry.
      const paths = keyPaths(view.body);
      for (const forbidden of [
        'reporter',
        'fullName',
        'dateOfBirth',
        'address',
        'assessments',
        'referrals',
        'caseId',
        'incident',
        'caregivers',
        'sharedNoteIds',
      ]) {
        expect({ forbidden, found: paths.filter((p) => p.split('.').includes(forbidden) && p !== 'caseworker.fullName') }).toEqual({ forbidden, found: [] });
      }
      const text = JSON.stringify(view.body);
      for (const secret of [
        SECRET.fullName,
        SECRET.address,
        SECRET.reporterName,
        SECRET.reporterPhone,
        SECRET.incident,
        SECRET.internalNote,
        SECRET.dateOfBirth,
        kase.id,
        internalNote,
        toB.id,
        world.orgB.id,
        world.orgB.name,
        'Other organisation',
        'harmSeverity',
        'Bruises on both arms',
      ]) {
        expect({ secret, leaked: text.includes(secret) }).toEqual({ secret, leaked: false });
      }

      // Accept (twice: idempotent), report progress, complete with an outcome.
      const accepted = await api.http
        .post(url(`/referrals/${id}/accept`))
        .set(world.partnerA.auth)
        .send({ version: 1 })
        .expect(200);
      expect(accepted.body).toEqual(expect.objectContaining({ view: 'partner', status: 'accepted', respondedAt: expect.any(String), version: 2 }));
      const again = await api.http
        .post(url(`/referrals/${id}/accept`))
        .set(world.partnerA.auth)
        .send({ version: 1 })
        .expect(200);
      expect(again.body).toEqual(accepted.body);
      const noBody = await api.http
        .post(url(`/referrals/${id}/accept`))
        .set(world.partnerA.auth)
        .expect(200);
      expect(noBody.body.version).toBe(2);
      const update = await api.http
        .post(url(`/referrals/${id}/updates`))
        .set(world.partnerA.auth)
        .send({ body: 'First session held with the mother.' })
        .expect(201);
      expect(update.body).toEqual({
        id: expect.any(String),
        body: 'First session held with the mother.',
        author: { id: world.partnerA.user.id, fullName: 'Hoàng Văn Luật' },
        createdAt: expect.any(String),
      });
      const outcome = 'Protection order obtained; the family knows where to turn.';
      const completed = await api.http
        .post(url(`/referrals/${id}/complete`))
        .set(world.partnerA.auth)
        .send({ outcome })
        .expect(200);
      expect(completed.body).toEqual(
        expect.objectContaining({ status: 'completed', outcome, completedAt: expect.any(String), updates: [update.body], version: 4 }),
      );

      // The case team's view has who did what.
      const staff = await api.http
        .get(url(`/referrals/${id}`))
        .set(cw.auth)
        .expect(200);
      expect(staff.body).toEqual(
        expect.objectContaining({
          view: 'staff',
          status: 'completed',
          respondedBy: { id: world.partnerA.user.id, fullName: 'Hoàng Văn Luật' },
          completedBy: { id: world.partnerA.user.id, fullName: 'Hoàng Văn Luật' },
          outcome,
          updates: [update.body],
        }),
      );

      // The timeline: each step, with the partner as actor, and no free text.
      const events = (await referralEvents(kase.id)).filter((e) => e.payload.referralId === id);
      expect(events.map((e) => [e.type, e.actorId, e.actorName])).toEqual([
        ['referral.sent', cw.user.id, 'Phạm Thị Lan'],
        ['referral.accepted', world.partnerA.user.id, 'Hoàng Văn Luật'],
        ['referral.updated', world.partnerA.user.id, 'Hoàng Văn Luật'],
        ['referral.completed', world.partnerA.user.id, 'Hoàng Văn Luật'],
      ]);
      expect(events[0].payload).toEqual({
        referralId: id,
        organisationId: world.orgA.id,
        serviceType: 'legal_aid',
        urgency: 'normal',
        planActionId: null,
        sharedNoteIds: [sharedNote],
        consentOverride: false,
      });
      expect(events[2].payload).toEqual({ referralId: id, organisationId: world.orgA.id, updateId: update.body.id });
      const history = JSON.stringify(await timeline(kase.id));
      for (const text of [reason, outcome, 'First session', sharedBody]) expect(history).not.toContain(text);

      // The access log: the partner's read and its changes, like staff ones.
      const log = (await accessLog(kase.id)).filter((e) => e.actorId === world.partnerA.user.id).map((e) => `${e.action}:${e.what}`);
      expect(log).toEqual([
        'read:referral',
        'write:referral-acceptance',
        'read:referral',
        'read:referral',
        'write:referral-update',
        'write:referral-completion',
      ]);

      // The case's referrals, for staff in scope.
      const ofCase = await api.http
        .get(url(`/cases/${kase.id}/referrals`))
        .set(cw.auth)
        .expect(200);
      expect(ofCase.body.total).toBe(2);
      expect(ofCase.body.items.map((r: { id: string; caseId: string; status: string }) => [r.id, r.caseId, r.status])).toEqual([
        [id, kase.id, 'completed'],
        [toB.id, kase.id, 'pending'],
      ]);
      const pending = await api.http
        .get(url(`/cases/${kase.id}/referrals?status=pending`))
        .set(sup.auth)
        .expect(200);
      expect(pending.body.items.map((r: { id: string }) => r.id)).toEqual([toB.id]);
      expect((await accessLog(kase.id)).map((e) => `${e.action}:${e.what}`)).toEqual(expect.arrayContaining(['read:referrals', 'write:referral']));
    });

    it('a decline carries its reason to the case team and names whom to tell; the case may then refer again', async () => {
      const kase = await consentedCase();
      const { id } = await sendReferral(api, cw.auth, kase.id, referralBody(world.orgA.id));
      const declined = await api.http
        .post(url(`/referrals/${id}/decline`))
        .set(world.partnerA.auth)
        .send({ reason: 'No lawyer free this month' })
        .expect(200);
      // Declined, the referral is no longer the partner's work: status and dates only, its own reason included (issue 10, item 8).
      expect(declined.body).toEqual(expect.objectContaining({ access: 'status', status: 'declined', respondedAt: expect.any(String) }));
      expect(declined.body).not.toHaveProperty('declineReason');
      const [event] = (await referralEvents(kase.id)).filter((e) => e.type === 'referral.declined');
      expect(event).toEqual(
        expect.objectContaining({
          actorId: world.partnerA.user.id,
          payload: { referralId: id, organisationId: world.orgA.id, serviceType: 'legal_aid', notifyUserIds: [cw.user.id] },
        }),
      );
      const staff = await api.http
        .get(url(`/referrals/${id}`))
        .set(cw.auth)
        .expect(200);
      expect(staff.body).toEqual(expect.objectContaining({ status: 'declined', declineReason: 'No lawyer free this month' }));
      // A declined referral is no longer open: the same service may be asked again.
      await sendReferral(api, cw.auth, kase.id, referralBody(world.orgA.id));
    });

    it('the case side cancels a pending referral; the partner sees the status, not the reason, and can no longer accept', async () => {
      const kase = await consentedCase();
      const { id } = await sendReferral(api, cw.auth, kase.id, referralBody(world.orgA.id));
      const cancelled = await api.http
        .post(url(`/referrals/${id}/cancel`))
        .set(cw.auth)
        .send({ reason: 'The family moved to Đà Nẵng', version: 1 })
        .expect(200);
      expect(cancelled.body).toEqual(
        expect.objectContaining({
          view: 'staff',
          status: 'cancelled',
          cancelReason: 'The family moved to Đà Nẵng',
          cancelledBy: { id: cw.user.id, fullName: cw.user.fullName },
          version: 2,
        }),
      );
      const seen = await api.http
        .get(url(`/referrals/${id}`))
        .set(world.partnerA.auth)
        .expect(200);
      expect(seen.body).toEqual(expect.objectContaining({ status: 'cancelled', cancelledAt: expect.any(String) }));
      expect(JSON.stringify(seen.body)).not.toContain('Đà Nẵng');
      const late = await api.http
        .post(url(`/referrals/${id}/accept`))
        .set(world.partnerA.auth)
        .send({})
        .expect(409);
      expect(late.body.error).toEqual(
        expect.objectContaining({
          code: 'TRANSITION_NOT_ALLOWED',
          details: [expect.objectContaining({ status: 'cancelled', allowedFrom: ['pending'], command: 'accept' })],
        }),
      );
      expect((await referralEvents(kase.id)).map((e) => [e.type, e.actorId])).toEqual([
        ['referral.sent', cw.user.id],
        ['referral.cancelled', cw.user.id],
      ]);
      // A supervisor of the commune may withdraw one too.
      const second = await sendReferral(api, cw.auth, kase.id, referralBody(world.orgA.id));
      await api.http
        .post(url(`/referrals/${second.id}/cancel`))
        .set(sup.auth)
        .send({ reason: 'Sent by mistake' })
        .expect(200);
    });

    it('ties a referral to an action of the approved plan in force, for the same service', async () => {
      const steps = caseSteps(api, { supervisor: sup, caseworker: cw });
      const kase = await steps.interventionCase();
      await recordSharingConsent(api, cw.auth, kase.id);
      const plan = await api.http
        .get(url(`/cases/${kase.id}/plan`))
        .set(cw.auth)
        .expect(200);
      const action = plan.body.actions[0] as { id: string; serviceType: string };
      expect(action.serviceType).toBe('psychological');
      const wrongService = await api.http
        .post(url(`/cases/${kase.id}/referrals`))
        .set(cw.auth)
        .send(referralBody(world.orgA.id, { planActionId: action.id }))
        .expect(400);
      expect(wrongService.body.error.details).toEqual([expect.objectContaining({ field: 'serviceType', message: 'the plan action asks for psychological' })]);
      const sent = await api.http
        .post(url(`/cases/${kase.id}/referrals`))
        .set(cw.auth)
        .send(referralBody(world.orgA.id, { serviceType: 'psychological', planActionId: action.id }))
        .expect(201);
      expect(sent.body).toEqual(expect.objectContaining({ planActionId: action.id, serviceType: 'psychological' }));
      // Another case's plan action is not this case's.
      const other = await consentedCase();
      const foreign = await api.http
        .post(url(`/cases/${other.id}/referrals`))
        .set(cw.auth)
        .send(referralBody(world.orgA.id, { serviceType: 'psychological', planActionId: action.id }))
        .expect(400);
      expect(foreign.body.error.details).toEqual([expect.objectContaining({ field: 'planActionId' })]);
    });
  });

  describe('consent', () => {
    it('without recorded consent to sharing the caseworker is refused with 409 CONSENT_REQUIRED, and nothing is stored', async () => {
      const kase = await sensitiveCase(api, world);
      const before = await referralSnapshot(api, kase.id);
      const refused = await api.http
        .post(url(`/cases/${kase.id}/referrals`))
        .set(cw.auth)
        .send(referralBody(world.orgA.id))
        .expect(409);
      expect(refused.body.error).toEqual(
        expect.objectContaining({
          code: 'CONSENT_REQUIRED',
          details: [expect.objectContaining({ field: 'consent', scope: 'sharing', missing: ['guardian', 'child'] })],
        }),
      );
      expect(refused.body.requestId).toEqual(expect.any(String));
      // The guardian alone is not enough for a 10-year-old: the child's own consent counts too.
      await api.http
        .post(url(`/cases/${kase.id}/consents`))
        .set(cw.auth)
        .send({ giver: 'guardian', scopes: ['sharing'], givenAt: new Date(Date.now() - 60_000).toISOString() })
        .expect(201);
      const stillRefused = await api.http
        .post(url(`/cases/${kase.id}/referrals`))
        .set(cw.auth)
        .send(referralBody(world.orgA.id))
        .expect(409);
      expect(stillRefused.body.error.details[0].missing).toEqual(['child']);
      const after = await referralSnapshot(api, kase.id);
      expect(after).toEqual({ ...before, events: (before.events as number) + 1 });
      expect(after.referrals).toEqual([]);
    });

    it('a supervisor’s emergency override succeeds and is logged with its justification; nobody else may override', async () => {
      const kase = await sensitiveCase(api, world);
      const justification = 'The child is in danger tonight; the guardian cannot be reached.';
      const override = referralBody(world.orgA.id, { urgency: 'emergency', overrideConsent: true, justification });
      const before = await referralSnapshot(api, kase.id);

      const byCaseworker = await api.http
        .post(url(`/cases/${kase.id}/referrals`))
        .set(cw.auth)
        .send(override)
        .expect(403);
      expect(byCaseworker.body.error.code).toBe('FORBIDDEN');
      for (const [body, field] of [
        [{ ...override, urgency: 'normal' }, 'urgency'],
        [{ ...override, justification: undefined }, 'justification'],
        [{ ...override, justification: '   ' }, 'justification'],
        [{ ...referralBody(world.orgA.id), justification }, 'justification'],
        [{ ...override, overrideConsent: 'yes' }, 'overrideConsent'],
      ] as const) {
        const res = await api.http
          .post(url(`/cases/${kase.id}/referrals`))
          .set(sup.auth)
          .send(body);
        expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      // Without the override, the supervisor is refused like anyone.
      await api.http
        .post(url(`/cases/${kase.id}/referrals`))
        .set(sup.auth)
        .send(referralBody(world.orgA.id, { urgency: 'emergency' }))
        .expect(409);
      expect(await referralSnapshot(api, kase.id)).toEqual(before);

      const sent = await api.http
        .post(url(`/cases/${kase.id}/referrals`))
        .set(sup.auth)
        .send(override)
        .expect(201);
      expect(sent.body).toEqual(
        expect.objectContaining({
          urgency: 'emergency',
          consentOverride: true,
          overrideJustification: justification,
          createdBy: expect.objectContaining({ id: sup.user.id }),
        }),
      );
      const notes = await api.db.query(`SELECT kind, body, author_id FROM case_decision_note WHERE case_id = $1`, [kase.id]);
      expect(notes).toEqual([{ kind: 'consent_override', body: justification, author_id: sup.user.id }]);
      const [noteRow] = await api.db.query(`SELECT id FROM case_decision_note WHERE case_id = $1`, [kase.id]);
      const events = await referralEvents(kase.id);
      expect(events.map((e) => [e.type, e.actorId, e.payload])).toEqual([
        ['referral.sent', sup.user.id, expect.objectContaining({ referralId: sent.body.id, urgency: 'emergency', consentOverride: true })],
        ['consent.overridden', sup.user.id, { referralId: sent.body.id, scope: 'sharing', noteId: noteRow.id }],
      ]);
      expect(JSON.stringify(await timeline(kase.id))).not.toContain('danger tonight');
      const log = (await accessLog(kase.id)).filter((e) => e.actorId === sup.user.id && e.action === 'write').map((e) => e.what);
      // The supervisor opened the case (intake), then sent the referral with the override.
      expect(log).toEqual(['intake', 'referral', 'consent-override']);
      // The partner receives it like any other, as an emergency; the justification stays with the case team.
      const inbox = await api.http.get(url('/referrals?urgency=emergency')).set(world.partnerA.auth).expect(200);
      expect(inbox.body.items.map((r: { id: string }) => r.id)).toContain(sent.body.id);
      const seen = await api.http
        .get(url(`/referrals/${sent.body.id}`))
        .set(world.partnerA.auth)
        .expect(200);
      expect(JSON.stringify(seen.body)).not.toContain('danger tonight');
    });

    it('an override is refused when consent is recorded (no override needed)', async () => {
      const kase = await consentedCase();
      const res = await api.http
        .post(url(`/cases/${kase.id}/referrals`))
        .set(sup.auth)
        .send(referralBody(world.orgA.id, { urgency: 'emergency', overrideConsent: true, justification: 'Just in case' }))
        .expect(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'overrideConsent' })]);
    });
  });

  describe('bad input and wrong steps change nothing', () => {
    it('sending: unknown or inactive organisation, service not offered, bad notes, bad fields → 400 with the error shape', async () => {
      const kase = await consentedCase();
      const otherCase = await consentedCase();
      const internal = await addNote(api, cw.auth, kase.id, 'internal', 'internal only');
      const elsewhere = await addNote(api, cw.auth, otherCase.id, 'shared', 'shared, but of another case');
      const inactive = await newOrganisation(api, world.admin.auth, { name: 'Trung tâm đã đóng' });
      await api.http
        .patch(url(`/organisations/${inactive.id}`))
        .set(world.admin.auth)
        .send({ active: false })
        .expect(200);
      const before = await referralSnapshot(api, kase.id);
      const cases: [Record<string, unknown>, string[]][] = [
        [referralBody(randomUUID()), ['organisationId']],
        [referralBody(inactive.id), ['organisationId']],
        [referralBody(world.orgB.id, { serviceType: 'psychological' }), ['serviceType']],
        [referralBody(world.orgA.id, { sharedNoteIds: [internal] }), ['sharedNoteIds.0']],
        [referralBody(world.orgA.id, { sharedNoteIds: [randomUUID(), elsewhere] }), ['sharedNoteIds.0', 'sharedNoteIds.1']],
        [referralBody(world.orgA.id, { planActionId: randomUUID() }), ['planActionId']],
        [referralBody(world.orgA.id, { reason: undefined }), ['reason']],
        [referralBody(world.orgA.id, { reason: '' }), ['reason']],
        [referralBody(world.orgA.id, { reason: 'x'.repeat(2001) }), ['reason']],
        [referralBody(world.orgA.id, { urgency: 'urgent', serviceType: 'lawyer' }), ['urgency', 'serviceType']],
        [referralBody('not-a-uuid', { sharedNoteIds: ['nope'] }), ['organisationId', 'sharedNoteIds']],
        [referralBody(world.orgA.id, { sharedNoteIds: 'all' }), ['sharedNoteIds']],
        [referralBody(world.orgA.id, { caseId: kase.id }), ['caseId']],
      ];
      for (const [body, fields] of cases) {
        const res = await api.http
          .post(url(`/cases/${kase.id}/referrals`))
          .set(cw.auth)
          .send(body);
        expect({ status: res.status, code: res.body.error?.code, message: typeof res.body.error?.message }).toEqual({
          status: 400,
          code: 'VALIDATION_FAILED',
          message: 'string',
        });
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(fields));
        expect(res.body.requestId).toEqual(expect.any(String));
      }
      expect(await referralSnapshot(api, kase.id)).toEqual(before);
    });

    it('sending: a second open referral for the same service → 409 CONFLICT; a closed case → 409; unknown case 404', async () => {
      const kase = await consentedCase();
      const first = await sendReferral(api, cw.auth, kase.id, referralBody(world.orgA.id));
      const dup = await api.http
        .post(url(`/cases/${kase.id}/referrals`))
        .set(cw.auth)
        .send(referralBody(world.orgA.id))
        .expect(409);
      expect(dup.body.error).toEqual(
        expect.objectContaining({ code: 'CONFLICT', details: [expect.objectContaining({ referralId: first.id, status: 'pending' })] }),
      );
      // Another service of the same organisation is a different referral.
      await sendReferral(api, cw.auth, kase.id, referralBody(world.orgA.id, { serviceType: 'psychological' }));

      const closed = await consentedCase();
      const request = await api.http
        .post(url(`/cases/${closed.id}/closure`))
        .set(cw.auth)
        .send({ reason: 'unfounded', note: 'Not confirmed', version: closed.version })
        .expect(200);
      await api.http
        .post(url(`/cases/${closed.id}/closure/approve`))
        .set(sup.auth)
        .send({ version: request.body.version })
        .expect(200);
      const before = await referralSnapshot(api, closed.id);
      const refused = await api.http
        .post(url(`/cases/${closed.id}/referrals`))
        .set(cw.auth)
        .send(referralBody(world.orgA.id))
        .expect(409);
      expect(refused.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
      expect(await referralSnapshot(api, closed.id)).toEqual(before);

      await api.http
        .post(url(`/cases/${randomUUID()}/referrals`))
        .set(cw.auth)
        .send(referralBody(world.orgA.id))
        .expect(404);
      await api.http.post(url('/cases/nope/referrals')).set(cw.auth).send(referralBody(world.orgA.id)).expect(400);
    });

    it('steps: wrong status → 409 TRANSITION_NOT_ALLOWED, missing text → 400, stale version → 409 VERSION_CONFLICT, unknown id → 404', async () => {
      const kase = await consentedCase();
      const { id } = await sendReferral(api, cw.auth, kase.id, referralBody(world.orgA.id));
      const as = world.partnerA.auth;
      const refuse = async (path: string, auth: { Authorization: string }, body: object, status: number, code: string) => {
        const before = await referralSnapshot(api, kase.id);
        const res = await api.http
          .post(url(`/referrals/${id}${path}`))
          .set(auth)
          .send(body);
        expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status, code });
        expect(await referralSnapshot(api, kase.id)).toEqual(before);
      };
      // Pending: no updates, no completion.
      await refuse('/updates', as, { body: 'too early' }, 409, 'TRANSITION_NOT_ALLOWED');
      await refuse('/complete', as, { outcome: 'too early' }, 409, 'TRANSITION_NOT_ALLOWED');
      // Missing or empty reason, outcome, body.
      await refuse('/decline', as, {}, 400, 'VALIDATION_FAILED');
      await refuse('/decline', as, { reason: ' ' }, 400, 'VALIDATION_FAILED');
      await refuse('/cancel', cw.auth, {}, 400, 'VALIDATION_FAILED');
      await refuse('/accept', as, { version: 0 }, 400, 'VALIDATION_FAILED');
      await refuse('/accept', as, { note: 'hi' }, 400, 'VALIDATION_FAILED');
      // Stale version.
      await refuse('/accept', as, { version: 7 }, 409, 'VERSION_CONFLICT');
      await refuse('/cancel', cw.auth, { reason: 'x', version: 7 }, 409, 'VERSION_CONFLICT');

      await api.http
        .post(url(`/referrals/${id}/accept`))
        .set(as)
        .send({})
        .expect(200);
      // Accepted: no decline, no cancel (the partner completes it).
      await refuse('/decline', as, { reason: 'changed our mind' }, 409, 'TRANSITION_NOT_ALLOWED');
      await refuse('/cancel', cw.auth, { reason: 'withdraw' }, 409, 'TRANSITION_NOT_ALLOWED');
      await refuse('/updates', as, {}, 400, 'VALIDATION_FAILED');
      await refuse('/complete', as, { outcome: '' }, 400, 'VALIDATION_FAILED');
      await api.http
        .post(url(`/referrals/${id}/complete`))
        .set(as)
        .send({ outcome: 'done' })
        .expect(200);
      // Completed: the end.
      for (const [path, body] of [
        ['/accept', {}],
        ['/decline', { reason: 'x' }],
        ['/updates', { body: 'x' }],
        ['/complete', { outcome: 'x' }],
      ] as const) {
        await refuse(path, as, body, 409, 'TRANSITION_NOT_ALLOWED');
      }
      await refuse('/cancel', cw.auth, { reason: 'x' }, 409, 'TRANSITION_NOT_ALLOWED');

      await api.http
        .post(url(`/referrals/${randomUUID()}/accept`))
        .set(as)
        .send({})
        .expect(404);
      await api.http
        .get(url(`/referrals/${randomUUID()}`))
        .set(cw.auth)
        .expect(404);
      await api.http.get(url('/referrals/nope')).set(cw.auth).expect(400);
    });

    it('roles and scope: who may send, read, answer and cancel', async () => {
      const kase = await consentedCase();
      const { id } = await sendReferral(api, cw.auth, kase.id, referralBody(world.orgA.id));
      const intake = await signedIn(api, Role.IntakeOfficer);
      const manager = await signedIn(api, Role.Manager);
      const stranger = await signedIn(api, Role.Caseworker);
      const otherSupervisor = await signedIn(api, Role.Supervisor, { communeCodes: ['19774'] });
      const body = referralBody(world.orgA.id, { serviceType: 'psychological' });

      for (const who of [intake, manager, world.admin]) {
        await api.http
          .post(url(`/cases/${kase.id}/referrals`))
          .set(who.auth)
          .send(body)
          .expect(403);
      }
      // To a partner, a case route does not exist.
      await api.http
        .post(url(`/cases/${kase.id}/referrals`))
        .set(world.partnerA.auth)
        .send(body)
        .expect(404);
      for (const who of [stranger, otherSupervisor]) {
        await api.http
          .post(url(`/cases/${kase.id}/referrals`))
          .set(who.auth)
          .send(body)
          .expect(404);
        await api.http
          .get(url(`/cases/${kase.id}/referrals`))
          .set(who.auth)
          .expect(404);
        await api.http
          .get(url(`/referrals/${id}`))
          .set(who.auth)
          .expect(404);
        await api.http
          .post(url(`/referrals/${id}/cancel`))
          .set(who.auth)
          .send({ reason: 'x' })
          .expect(404);
        const list = await api.http.get(url('/referrals')).set(who.auth).expect(200);
        expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
      }
      // The province's manager reads, but neither sends nor answers.
      await api.http
        .get(url(`/cases/${kase.id}/referrals`))
        .set(manager.auth)
        .expect(200);
      await api.http
        .get(url(`/referrals/${id}`))
        .set(manager.auth)
        .expect(200);
      const managerList = await api.http.get(url('/referrals?pageSize=100')).set(manager.auth).expect(200);
      expect(managerList.body.items.map((r: { id: string }) => r.id)).toContain(id);
      // Only partners answer; staff who try get 403.
      for (const step of ['accept', 'decline', 'updates', 'complete']) {
        await api.http
          .post(url(`/referrals/${id}/${step}`))
          .set(cw.auth)
          .send({})
          .expect(403);
      }
      // Partners do not cancel (the route does not exist for them); admins read no referrals at all.
      await api.http
        .post(url(`/referrals/${id}/cancel`))
        .set(world.partnerA.auth)
        .send({ reason: 'x' })
        .expect(404);
      await api.http.get(url('/referrals')).set(world.admin.auth).expect(403);
      await api.http
        .get(url(`/referrals/${id}`))
        .set(world.admin.auth)
        .expect(403);
      await api.http.get(url('/referrals')).expect(401);
      // Staff lists: the caseworker's cases only, filtered.
      const mine = await api.http
        .get(url(`/referrals?organisationId=${world.orgA.id}&status=pending&pageSize=100`))
        .set(cw.auth)
        .expect(200);
      expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(id);
      expect(mine.body.items.every((r: { caseId?: string; status: string }) => r.caseId && r.status === 'pending')).toBe(true);
      for (const bad of ['status=open', 'urgency=high', 'receivedFrom=yesterday', 'organisationId=x', 'pageSize=0']) {
        await api.http
          .get(url(`/referrals?${bad}`))
          .set(cw.auth)
          .expect(400);
      }
      const reversed = await api.http
        .get(
          url(
            `/referrals?receivedFrom=${encodeURIComponent(new Date().toISOString())}&receivedTo=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`,
          ),
        )
        .set(cw.auth)
        .expect(400);
      expect(reversed.body.error.details[0].field).toBe('receivedTo');
    });
  });

  it('describes the referral routes in OpenAPI, with both views of GET /referrals/{id}', async () => {
    const doc = (await api.http.get('/docs-json').expect(200)).body;
    for (const path of [
      '/api/v1/cases/{id}/referrals',
      '/api/v1/referrals',
      '/api/v1/referrals/{id}',
      '/api/v1/referrals/{id}/accept',
      '/api/v1/referrals/{id}/decline',
      '/api/v1/referrals/{id}/updates',
      '/api/v1/referrals/{id}/complete',
      '/api/v1/referrals/{id}/cancel',
    ]) {
      expect({ path, described: !!doc.paths[path] }).toEqual({ path, described: true });
    }
    const oneOf = doc.paths['/api/v1/referrals/{id}'].get.responses['200'].content['application/json'].schema.oneOf;
    expect(oneOf).toEqual([{ $ref: '#/components/schemas/PartnerReferralDto' }, { $ref: '#/components/schemas/StaffReferralDto' }]);
    expect(Object.keys(doc.components.schemas.PartnerReferralDto.properties)).not.toContain('caseId');
    expect(Object.keys(doc.components.schemas.PartnerChildDto.properties).sort()).toEqual(['age', 'ageEstimated', 'communeCode', 'givenName', 'sex']);
  });
});
