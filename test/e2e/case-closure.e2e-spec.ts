import { randomUUID } from 'node:crypto';
import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { caseSteps, isoIn, newReport } from '../support/case-steps';
import { openCase } from '../support/cases';
import { KIM_LONG, signedIn, SignedIn } from '../support/factories';

describe('closure and reopening (HTTP, real PostgreSQL)', () => {
  let api: TestApi;
  let supervisor: SignedIn;
  let otherSupervisor: SignedIn;
  let caseworker: SignedIn;
  let otherCaseworker: SignedIn;
  let manager: SignedIn;
  let intakeOfficer: SignedIn;
  let kimLongSupervisor: SignedIn;
  let otherProvinceManager: SignedIn;
  let steps: ReturnType<typeof caseSteps>;

  beforeAll(async () => {
    api = await startApi();
    [supervisor, otherSupervisor, caseworker, otherCaseworker, manager, intakeOfficer, kimLongSupervisor, otherProvinceManager] = await Promise.all([
      signedIn(api, Role.Supervisor),
      signedIn(api, Role.Supervisor),
      signedIn(api, Role.Caseworker),
      signedIn(api, Role.Caseworker),
      signedIn(api, Role.Manager),
      signedIn(api, Role.IntakeOfficer),
      signedIn(api, Role.Supervisor, { communeCodes: [KIM_LONG] }),
      // Hà Nội: a manager of another province.
      signedIn(api, Role.Manager, { provinceCode: '01' }),
    ]);
    steps = caseSteps(api, { supervisor, caseworker });
  });

  afterAll(async () => {
    await api?.close();
  });

  const post = (path: string, who: SignedIn, body: object) => steps.post(path, who, body);

  const requestClosure = (
    caseId: string,
    version: number,
    reason = 'unfounded',
    who = caseworker,
    note = 'The report was verified as unfounded by a home visit',
  ) => post(`/${caseId}/closure`, who, { reason, note, version });

  /** Closed as unfounded: requested by the caseworker, approved by the supervisor. */
  async function closedCase(): Promise<{ id: string; version: number }> {
    const kase = await steps.assessmentCase();
    const requested = await requestClosure(kase.id, kase.version);
    expect(requested.status).toBe(200);
    const approved = await post(`/${kase.id}/closure/approve`, supervisor, { version: requested.body.version });
    expect(approved.status).toBe(200);
    return { id: kase.id, version: approved.body.version };
  }

  const decisionNote = async (id: unknown) => (await api.db.query(`SELECT kind, body, author_id FROM case_decision_note WHERE id = $1`, [id]))[0];

  describe('request, approve, reject', () => {
    it('the assignee requests closure with a reason and a note: the case shows the pending request; the note stays out of the timeline', async () => {
      const kase = await steps.assessmentCase();
      const res = await requestClosure(kase.id, kase.version);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        stage: 'assessment',
        version: kase.version + 1,
        closedAt: null,
        closure: { reason: 'unfounded', requestedBy: caseworker.user.id, approvedBy: null, closedAt: null },
      });

      const row = await steps.snapshot(kase.id);
      expect(row).toMatchObject({
        closure_request_reason: 'unfounded',
        closure_requested_by: caseworker.user.id,
        closure_request_note: 'The report was verified as unfounded by a home visit',
      });
      const event = (await steps.timeline(kase.id)).at(-1)!;
      expect(event).toMatchObject({ type: 'closure.requested', actorId: caseworker.user.id, payload: { reason: 'unfounded', noteId: expect.any(String) } });
      expect(JSON.stringify(event)).not.toContain('home visit');
      expect(await decisionNote(event.payload.noteId)).toEqual({
        kind: 'closure_request',
        body: 'The report was verified as unfounded by a home visit',
        author_id: caseworker.user.id,
      });
    });

    it('another supervisor approves: the case is closed with its reason, approver and time', async () => {
      const kase = await steps.assessmentCase();
      const requested = await requestClosure(kase.id, kase.version, 'duplicate');
      const before = Date.now();
      const res = await post(`/${kase.id}/closure/approve`, supervisor, {
        comment: 'Same child and incident as the case opened yesterday',
        version: requested.body.version,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        stage: 'closed',
        version: requested.body.version + 1,
        closure: { reason: 'duplicate', requestedBy: caseworker.user.id, approvedBy: supervisor.user.id },
      });
      expect(new Date(res.body.closedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(res.body.closure.closedAt).toBe(res.body.closedAt);

      const events = await steps.timeline(kase.id);
      const approved = events.find((e) => e.type === 'closure.approved')!;
      expect(approved).toMatchObject({
        actorId: supervisor.user.id,
        payload: { reason: 'duplicate', requestedBy: caseworker.user.id, noteId: expect.any(String) },
      });
      expect(events.at(-1)).toMatchObject({ type: 'case.stage_changed', actorId: supervisor.user.id, payload: { from: 'assessment', to: 'closed' } });
      expect(JSON.stringify(events)).not.toContain('Same child');
      expect(await decisionNote(approved.payload.noteId)).toMatchObject({
        kind: 'closure_approval',
        body: 'Same child and incident as the case opened yesterday',
      });
    });

    it('a supervisor rejects: the request and its note are cleared and the case carries on in its stage', async () => {
      const planning = await steps.planningCase();
      // A family's refusal closes only after an assessment without danger and below high risk (issue 12).
      const safer = await steps.assess(planning.id, planning.version, 'needs', { immediateDanger: false, riskLevel: 'medium' });
      const kase = { id: planning.id, version: safer.body.version };
      const requested = await requestClosure(kase.id, kase.version, 'family_refused');
      const res = await post(`/${kase.id}/closure/reject`, otherSupervisor, { comment: 'The child is not safe yet', version: requested.body.version });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ stage: 'planning', closure: null, closedAt: null });
      expect(await steps.snapshot(kase.id)).toMatchObject({ closure_request_reason: null, closure_requested_by: null, closure_request_note: null });
      const event = (await steps.timeline(kase.id)).at(-1)!;
      expect(event).toMatchObject({
        type: 'closure.rejected',
        actorId: otherSupervisor.user.id,
        payload: { reason: 'family_refused', noteId: expect.any(String) },
      });
      expect(JSON.stringify(event)).not.toContain('not safe');

      // Without a comment, no note is written and the event has no noteId.
      const again = await requestClosure(kase.id, res.body.version, 'other');
      const bare = await post(`/${kase.id}/closure/reject`, supervisor, { version: again.body.version });
      expect(bare.status).toBe(200);
      expect((await steps.timeline(kase.id)).at(-1)!.payload).toEqual({ reason: 'other', requestedBy: caseworker.user.id });
    });

    it('while a request waits the case is frozen: an assessment answers 409 naming the pending decision', async () => {
      const kase = await steps.assessmentCase();
      const requested = await requestClosure(kase.id, kase.version);
      const res = await steps.assess(kase.id, requested.body.version, 'initial');
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: [{ stage: 'assessment', missing: ['closure_decision'] }] });
      const second = await requestClosure(kase.id, requested.body.version, 'other');
      expect(second.status).toBe(409);
      expect(second.body.error.details[0].missing).toEqual(['closure_decision']);
    });

    it('closure approved by its requester answers 409 and changes nothing', async () => {
      // A supervisor may request closure (a duplicate caught early), but then another must approve it.
      const kase = await steps.assessmentCase();
      const requested = await requestClosure(kase.id, kase.version, 'duplicate', supervisor);
      expect(requested.status).toBe(200);
      const before = await steps.snapshot(kase.id);
      for (const decision of ['approve', 'reject']) {
        const res = await post(`/${kase.id}/closure/${decision}`, supervisor, { version: requested.body.version });
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: [{ stage: 'assessment', missing: ['approver_not_requester'] }] });
      }
      expect(await steps.snapshot(kase.id)).toEqual(before);
      const byOther = await post(`/${kase.id}/closure/approve`, otherSupervisor, { version: requested.body.version });
      expect(byOther.status).toBe(200);
      expect(byOther.body.closure).toMatchObject({ requestedBy: supervisor.user.id, approvedBy: otherSupervisor.user.id });
    });

    it('approving or rejecting without a pending request answers 409 closure_request', async () => {
      const kase = await steps.assessmentCase();
      const res = await post(`/${kase.id}/closure/approve`, supervisor, { version: kase.version });
      expect(res.status).toBe(409);
      expect(res.body.error.details[0]).toMatchObject({ stage: 'assessment', missing: ['closure_request'] });
    });

    it('`resolved` from assessment answers 409 naming the stage and the review it lacks, and changes nothing', async () => {
      const kase = await steps.assessmentCase();
      const before = await steps.snapshot(kase.id);
      const res = await requestClosure(kase.id, kase.version, 'resolved');
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'TRANSITION_NOT_ALLOWED',
        details: [{ stage: 'assessment', missing: ['stage_review'], command: 'requestClosure' }],
      });
      expect(res.body.error.message).toContain('assessment');
      expect(await steps.snapshot(kase.id)).toEqual(before);
    });

    it('`resolved` from review needs a review finding the child no longer at risk (plan routes used to get there)', async () => {
      const atRisk = await steps.reviewCase(true);
      const refused = await requestClosure(atRisk.id, atRisk.version, 'resolved');
      expect(refused.status).toBe(409);
      expect(refused.body.error.details[0]).toMatchObject({ stage: 'review', missing: ['review_not_at_risk'] });

      const safe = await steps.reviewCase(false);
      const requested = await requestClosure(safe.id, safe.version, 'resolved', caseworker, 'Safe at home for three months; attends school');
      expect(requested.status).toBe(200);
      const approved = await post(`/${safe.id}/closure/approve`, supervisor, { version: requested.body.version });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ stage: 'closed', closure: { reason: 'resolved', approvedBy: supervisor.user.id } });
    });

    it('wrong actors answer 403: a caseworker who does not own the case, a caseworker deciding, a manager requesting', async () => {
      const kase = await openCase(api, otherCaseworker.auth);
      const assigned = await post(`/${kase.id}/assignment`, supervisor, { assigneeId: caseworker.user.id, version: kase.version });
      const version = assigned.body.version;
      const before = await steps.snapshot(kase.id);
      const byReporter = await requestClosure(kase.id, version, 'unfounded', otherCaseworker);
      expect(byReporter.status).toBe(403);
      expect(byReporter.body.error.details[0]).toMatchObject({ missing: ['actor_assignee'] });
      expect((await requestClosure(kase.id, version, 'unfounded', manager)).status).toBe(403);
      expect((await requestClosure(kase.id, version, 'unfounded', intakeOfficer)).status).toBe(403);
      expect((await post(`/${kase.id}/closure/approve`, caseworker, { version })).status).toBe(403);
      expect((await post(`/${kase.id}/closure/reject`, manager, { version })).status).toBe(403);
      expect(await steps.snapshot(kase.id)).toEqual(before);
    });

    it('a stale version answers 409 VERSION_CONFLICT and changes nothing', async () => {
      const kase = await steps.assessmentCase();
      const requested = await requestClosure(kase.id, kase.version);
      const before = await steps.snapshot(kase.id);
      const stale = await post(`/${kase.id}/closure/approve`, supervisor, { version: kase.version });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: [{ field: 'version', currentVersion: requested.body.version }] });
      const staleRequest = await requestClosure(kase.id, kase.version, 'other');
      expect(staleRequest.body.error.code).toBe('VERSION_CONFLICT');
      expect(await steps.snapshot(kase.id)).toEqual(before);
    });

    it('bad input answers 400 VALIDATION_FAILED naming the fields, and leaves the case unchanged', async () => {
      const kase = await steps.assessmentCase();
      const before = await steps.snapshot(kase.id);
      const requests: [object, string[]][] = [
        [{ reason: 'finished', note: 'x', version: kase.version }, ['reason']],
        [{ reason: 'unfounded', version: kase.version }, ['note']],
        [{ reason: 'unfounded', note: '   ', version: kase.version }, ['note']],
        [{ reason: 'unfounded', note: 'x'.repeat(2001), version: kase.version }, ['note']],
        [{ reason: 'unfounded', note: 'x', version: 'one' }, ['version']],
        [{ reason: 'unfounded', note: 'x', version: kase.version, closedAt: isoIn() }, ['closedAt']],
        [{ reason: ['unfounded'], note: 42 }, ['reason', 'note', 'version']],
      ];
      for (const [body, fields] of requests) {
        const res = await post(`/${kase.id}/closure`, caseworker, body);
        expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(fields));
      }
      for (const decision of ['approve', 'reject']) {
        const long = await post(`/${kase.id}/closure/${decision}`, supervisor, { comment: 'x'.repeat(2001), version: kase.version });
        expect(long.status).toBe(400);
        expect(long.body.error.details[0].field).toBe('comment');
        const unknown = await post(`/${kase.id}/closure/${decision}`, supervisor, { version: kase.version, approved: true });
        expect(unknown.status).toBe(400);
        expect(unknown.body.error.details[0].field).toBe('approved');
      }
      for (const path of ['closure', 'closure/approve', 'closure/reject', 'reopen']) {
        const res = await post(`/not-a-uuid/${path}`, supervisor, { version: 1 });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'id' }] });
      }
      expect(await steps.snapshot(kase.id)).toEqual(before);
    });
  });

  describe('reopen', () => {
    it('a manager reopens a closed case: back to assessment, every closure field cleared, the reason kept out of the timeline', async () => {
      const kase = await closedCase();
      const res = await post(`/${kase.id}/reopen`, manager, { ...newReport(), reason: 'A new report from the school: bruises again', version: kase.version });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        stage: 'assessment',
        version: kase.version + 1,
        closure: null,
        closedAt: null,
        reopenCount: 1,
        hasInitialAssessment: false,
        hasNeedsAssessment: false,
        assignee: { id: caseworker.user.id },
      });
      expect(await steps.snapshot(kase.id)).toMatchObject({
        stage: 'assessment',
        closure_reason: null,
        closure_approved_by: null,
        closed_at: null,
        closure_request_reason: null,
        closure_requested_by: null,
        closure_request_note: null,
        reopen_count: 1,
      });
      const events = await steps.timeline(kase.id);
      const reopened = events.find((e) => e.type === 'case.reopened')!;
      expect(reopened).toMatchObject({ actorId: manager.user.id, payload: { reopenCount: 1, noteId: expect.any(String) } });
      expect(events.at(-1)).toMatchObject({ type: 'case.stage_changed', actorId: manager.user.id, payload: { from: 'closed', to: 'assessment' } });
      expect(JSON.stringify(events)).not.toContain('bruises');
      expect(await decisionNote(reopened.payload.noteId)).toEqual({
        kind: 'reopen',
        body: 'A new report from the school: bruises again',
        author_id: manager.user.id,
      });

      // The new episode starts over: the assignee assesses again, and the case can close again.
      const initial = await steps.assess(kase.id, res.body.version, 'initial');
      expect(initial.status).toBe(201);
      const requested = await post(`/${kase.id}/closure`, caseworker, {
        reason: 'transferred',
        receivingCommuneCode: KIM_LONG,
        note: 'The family moved to Kim Long',
        version: initial.body.version,
      });
      const approved = await post(`/${kase.id}/closure/approve`, otherSupervisor, { version: requested.body.version });
      expect(approved.body).toMatchObject({ stage: 'closed', reopenCount: 1, closure: { reason: 'transferred', approvedBy: otherSupervisor.user.id } });
    });

    it('a supervisor of the commune may reopen too', async () => {
      const kase = await closedCase();
      const res = await post(`/${kase.id}/reopen`, otherSupervisor, { ...newReport(), reason: 'Police asked to resume', version: kase.version });
      expect(res.status).toBe(200);
      expect(res.body.stage).toBe('assessment');
    });

    it('a closed case refuses other commands with 409 open_case; reopening an open case answers 409 naming stage closed', async () => {
      const kase = await closedCase();
      const before = await steps.snapshot(kase.id);
      const measures = await post(`/${kase.id}/emergency-measures`, supervisor, { measures: ['first_aid'], takenAt: isoIn(-60_000), version: kase.version });
      expect(measures.status).toBe(409);
      expect(measures.body.error.details[0]).toMatchObject({ stage: 'closed', missing: ['open_case'] });
      const request = await requestClosure(kase.id, kase.version, 'other', supervisor);
      expect(request.status).toBe(409);
      expect(await steps.snapshot(kase.id)).toEqual(before);

      const open = await steps.assessmentCase();
      const res = await post(`/${open.id}/reopen`, supervisor, { ...newReport(), reason: 'Why not', version: open.version });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'TRANSITION_NOT_ALLOWED',
        details: [{ stage: 'assessment', missing: ['stage_closed'], command: 'reopen' }],
      });
    });

    it('caseworkers and intake officers may not reopen (403); a stale version answers 409; bad input 400; nothing changes', async () => {
      const kase = await closedCase();
      const before = await steps.snapshot(kase.id);
      expect((await post(`/${kase.id}/reopen`, caseworker, { ...newReport(), reason: 'x', version: kase.version })).status).toBe(403);
      const stale = await post(`/${kase.id}/reopen`, manager, { ...newReport(), reason: 'New report', version: kase.version - 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      for (const [body, field] of [
        [{ version: kase.version }, 'reason'],
        [{ reason: '  ', version: kase.version }, 'reason'],
        [{ reason: 'x'.repeat(2001), version: kase.version }, 'reason'],
        [{ reason: 'New report', version: kase.version, stage: 'planning' }, 'stage'],
        [{ reason: 'New report' }, 'version'],
      ] as [object, string][]) {
        const res = await post(`/${kase.id}/reopen`, manager, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect(await steps.snapshot(kase.id)).toEqual(before);
    });
  });

  it('the OpenAPI document describes the closure routes with their bodies and answers', async () => {
    const doc = (await api.http.get('/docs-json').expect(200)).body;
    for (const path of ['closure', 'closure/approve', 'closure/reject', 'reopen']) {
      const op = doc.paths[`/api/v1/cases/{id}/${path}`].post;
      expect(op.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/CaseDetailDto');
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409']));
    }
    expect(doc.components.schemas.RequestClosureDto.required).toEqual(expect.arrayContaining(['reason', 'note', 'version']));
    expect(doc.components.schemas.RequestClosureDto.properties.reason.enum).toContain('resolved');
    expect(doc.components.schemas.ReopenDto.required).toEqual(expect.arrayContaining(['reason', 'version']));
  });

  it('every route answers 404 for a case outside the caller’s scope, and changes nothing', async () => {
    const pending = await steps.assessmentCase();
    const requested = await requestClosure(pending.id, pending.version);
    const closed = await closedCase();
    const beforePending = await steps.snapshot(pending.id);
    const beforeClosed = await steps.snapshot(closed.id);
    const v = requested.body.version;

    const calls = [
      () => requestClosure(pending.id, v, 'other', otherCaseworker),
      () => requestClosure(pending.id, v, 'other', kimLongSupervisor),
      () => post(`/${pending.id}/closure/approve`, kimLongSupervisor, { version: v }),
      () => post(`/${pending.id}/closure/reject`, kimLongSupervisor, { version: v }),
      () => post(`/${closed.id}/reopen`, kimLongSupervisor, { ...newReport(), reason: 'x', version: closed.version }),
      () => post(`/${closed.id}/reopen`, otherProvinceManager, { ...newReport(), reason: 'x', version: closed.version }),
      () => post(`/${randomUUID()}/reopen`, manager, { ...newReport(), reason: 'x', version: 1 }),
      () => post(`/${randomUUID()}/closure/approve`, supervisor, { version: 1 }),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect(await steps.snapshot(pending.id)).toEqual(beforePending);
    expect(await steps.snapshot(closed.id)).toEqual(beforeClosed);
  });
});
