import { randomUUID } from 'node:crypto';
import { Role } from '@haven/domain';
import { startApi, TestApi } from '../support/app';
import { caseSteps, DAY, FINDINGS, isoIn as iso } from '../support/case-steps';
import { openCase } from '../support/cases';
import { KIM_LONG, signedIn, SignedIn } from '../support/factories';

describe('assessments, emergency measures and separations (HTTP, real PostgreSQL)', () => {
  let api: TestApi;
  let supervisor: SignedIn;
  let caseworker: SignedIn;
  let otherCaseworker: SignedIn;
  let manager: SignedIn;
  let intakeOfficer: SignedIn;
  let kimLongSupervisor: SignedIn;

  beforeAll(async () => {
    api = await startApi();
    [supervisor, caseworker, otherCaseworker, manager, intakeOfficer, kimLongSupervisor] = await Promise.all([
      signedIn(api, Role.Supervisor),
      signedIn(api, Role.Caseworker),
      signedIn(api, Role.Caseworker),
      signedIn(api, Role.Manager),
      signedIn(api, Role.IntakeOfficer),
      signedIn(api, Role.Supervisor, { communeCodes: [KIM_LONG] }),
    ]);
    steps = caseSteps(api, { supervisor, caseworker });
  });

  afterAll(async () => {
    await api?.close();
  });

  let steps: ReturnType<typeof caseSteps>;
  const post = (path: string, who: SignedIn, body: object) => steps.post(path, who, body);
  const get = (path: string, who: SignedIn) => steps.get(path, who);
  const assess = (caseId: string, version: number, type: string, extra: object = {}, who = caseworker) => steps.assess(caseId, version, type, extra, who);
  const assignedCase = () => steps.assessmentCase();
  const snapshot = (caseId: string) => steps.snapshot(caseId);
  const timeline = (caseId: string) => steps.timeline(caseId);

  /** Reported by `otherCaseworker`, then assigned to `caseworker`: in the reporter's scope, but not theirs to work. */
  async function reassignedCase(): Promise<{ id: string; version: number }> {
    const kase = await openCase(api, otherCaseworker.auth);
    const res = await post(`/${kase.id}/assignment`, supervisor, { assigneeId: caseworker.user.id, version: kase.version });
    expect(res.status).toBe(200);
    return { id: kase.id, version: res.body.version };
  }

  describe('stage moves', () => {
    it('intake → assessment when an intake officer assigns the case', async () => {
      const kase = await openCase(api, intakeOfficer.auth);
      expect(kase.stage).toBe('intake');
      const res = await post(`/${kase.id}/assignment`, intakeOfficer, { assigneeId: caseworker.user.id, version: kase.version });
      expect(res.status).toBe(200);
      expect(res.body.stage).toBe('assessment');
    });

    it('intake → assessment when the caseworker who took the report records the initial assessment', async () => {
      const kase = await openCase(api, caseworker.auth);
      expect(kase.stage).toBe('intake');
      const res = await assess(kase.id, kase.version, 'initial');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ stage: 'assessment', riskLevel: 'high', hasInitialAssessment: true, version: kase.version + 1 });
    });

    it('assessment → planning once the assignee has recorded an initial and a needs assessment; the timeline names the assessments, not their findings', async () => {
      const kase = await assignedCase();
      expect(kase.stage).toBe('assessment');

      const initial = await assess(kase.id, kase.version, 'initial', { immediateDanger: true });
      expect(initial.status).toBe(201);
      expect(initial.body).toMatchObject({
        stage: 'assessment',
        riskLevel: 'high',
        immediateDanger: true,
        hasInitialAssessment: true,
        hasNeedsAssessment: false,
      });

      const needs = await assess(kase.id, initial.body.version, 'needs', { riskLevel: 'medium' });
      expect(needs.status).toBe(201);
      expect(needs.body).toMatchObject({ stage: 'planning', riskLevel: 'medium', immediateDanger: true, hasNeedsAssessment: true, version: kase.version + 2 });

      const events = await timeline(kase.id);
      const recorded = events.filter((e) => e.type === 'assessment.recorded');
      expect(recorded).toHaveLength(2);
      for (const e of recorded) {
        expect(e.actorId).toBe(caseworker.user.id);
        expect(e.payload.assessmentId).toEqual(expect.any(String));
      }
      expect(recorded.map((e) => e.payload.assessmentType)).toEqual(['initial', 'needs']);
      expect(events.at(-1)).toMatchObject({ type: 'case.stage_changed', actorId: caseworker.user.id, payload: { from: 'assessment', to: 'planning' } });
      expect(JSON.stringify(events)).not.toContain('Bruises');
      expect(JSON.stringify(events)).not.toContain('home visit');
    });

    it('intervention → review when the assignee records a review assessment (plan approved through the plan routes)', async () => {
      const kase = await steps.interventionCase();
      const res = await assess(kase.id, kase.version, 'review', { stillAtRisk: false, riskLevel: 'low' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ stage: 'review', riskLevel: 'low' });
      const events = await timeline(kase.id);
      expect(events.find((e) => e.type === 'assessment.recorded' && e.payload.assessmentType === 'review')?.payload).toMatchObject({ stillAtRisk: false });
      expect(events.at(-1)).toMatchObject({ type: 'case.stage_changed', payload: { from: 'intervention', to: 'review' } });
    });
  });

  describe('POST /cases/:id/assessments', () => {
    it('GET lists the assessments newest first with their findings and who recorded them, and logs the read', async () => {
      const kase = await steps.planningCase();
      const res = await get(`/${kase.id}/assessments`, manager);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
      expect(res.body.items.map((a: { type: string }) => a.type)).toEqual(['needs', 'initial']);
      expect(res.body.items[1]).toEqual({
        id: expect.any(String),
        type: 'initial',
        riskLevel: 'high',
        immediateDanger: true,
        stillAtRisk: null,
        findings: FINDINGS,
        recordedBy: { id: caseworker.user.id, fullName: caseworker.user.fullName },
        recordedAt: expect.any(String),
      });
      expect(res.body.items[0]).toMatchObject({ immediateDanger: null, findings: { summary: FINDINGS.summary } });

      const page2 = await get(`/${kase.id}/assessments?page=2&pageSize=1`, caseworker);
      expect(page2.status).toBe(200);
      expect(page2.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ type: 'initial' }] });

      const log = await get(`/${kase.id}/access-log`, supervisor);
      expect(
        log.body.filter((e: { what: string; action: string }) => e.what === 'assessments' && e.action === 'read').map((e: { actorId: string }) => e.actorId),
      ).toEqual([manager.user.id, caseworker.user.id]);
    });

    it('a review before intervention answers 409 TRANSITION_NOT_ALLOWED naming the stage and what is missing, and changes nothing', async () => {
      const kase = await steps.planningCase();
      const before = await snapshot(kase.id);
      const res = await assess(kase.id, kase.version, 'review', { stillAtRisk: true });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
      expect(res.body.error.details[0]).toMatchObject({ stage: 'planning', missing: ['stage_intervention', 'stage_review'], command: 'recordAssessment' });
      expect(res.body.error.message).toContain('planning');
      expect(await snapshot(kase.id)).toEqual(before);
    });

    it('a needs assessment in intake answers 409 naming intake and the stages it needs', async () => {
      const kase = await openCase(api, caseworker.auth);
      const res = await assess(kase.id, kase.version, 'needs');
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: [{ stage: 'intake', missing: ['stage_assessment', 'stage_planning'] }] });
    });

    it('a caseworker who is not the assignee answers 403 (the report’s creator sees the case but does not own it)', async () => {
      const kase = await reassignedCase();
      const before = await snapshot(kase.id);
      const res = await assess(kase.id, kase.version, 'initial', {}, otherCaseworker);
      expect(res.status).toBe(403);
      expect(res.body.error.details[0]).toMatchObject({ missing: ['actor_assignee'] });
      expect(await snapshot(kase.id)).toEqual(before);
    });

    it('roles other than caseworker answer 403', async () => {
      const kase = await assignedCase();
      for (const who of [supervisor, manager, intakeOfficer]) {
        const res = await assess(kase.id, kase.version, 'initial', {}, who);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    });

    it('a stale version answers 409 VERSION_CONFLICT and changes nothing', async () => {
      const kase = await assignedCase();
      const first = await assess(kase.id, kase.version, 'initial');
      expect(first.status).toBe(201);
      const before = await snapshot(kase.id);
      const res = await assess(kase.id, kase.version, 'needs');
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: [{ field: 'version', currentVersion: first.body.version }] });
      expect(await snapshot(kase.id)).toEqual(before);
    });

    it('bad input answers 400 VALIDATION_FAILED naming each field, and leaves the case unchanged', async () => {
      const kase = await assignedCase();
      const before = await snapshot(kase.id);
      const cases: [object, string[]][] = [
        [{ nonsense: 1 }, ['nonsense']],
        [{ riskLevel: 'extreme', type: 'final' }, ['riskLevel', 'type']],
        [{ version: '1' }, ['version']],
        [{ findings: { ...FINDINGS, childName: 'Nguyễn Văn An' } }, ['findings.childName']],
        [{ findings: { ...FINDINGS, needsByDomain: { spiritual: 'x' } } }, ['findings.needsByDomain.spiritual']],
        [{ findings: { ...FINDINGS, careEnvironmentSafe: 'yes', harmSeverity: 'awful' } }, ['findings.careEnvironmentSafe', 'findings.harmSeverity']],
        [{ findings: { ...FINDINGS, summary: 'x'.repeat(5001) } }, ['findings.summary']],
        [{ findings: { ...FINDINGS, needsByDomain: { legal: '   ' } } }, ['findings.needsByDomain.legal']],
        [{ findings: 'none' }, ['findings']],
        [{ findings: [FINDINGS] }, ['findings']],
        [{ stillAtRisk: true }, ['stillAtRisk']],
        [{ type: 'review' }, ['stillAtRisk']],
        [{ immediateDanger: 'no' }, ['immediateDanger']],
      ];
      for (const [extra, fields] of cases) {
        const res = await assess(kase.id, kase.version, 'initial', extra);
        expect({ extra, status: res.status, code: res.body.error?.code }).toEqual({ extra, status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(expect.arrayContaining(fields.sort()));
      }
      const withoutFindings = await post(`/${kase.id}/assessments`, caseworker, { type: 'initial', riskLevel: 'low', version: kase.version });
      expect(withoutFindings.status).toBe(400);
      expect(withoutFindings.body.error.details.map((d: { field: string }) => d.field)).toContain('findings');

      const badId = await assess('not-a-uuid', kase.version, 'initial');
      expect(badId.status).toBe(400);
      expect(badId.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'id' }] });
      expect(await snapshot(kase.id)).toEqual(before);
    });
  });

  describe('POST /cases/:id/emergency-measures', () => {
    it('the assignee records measures; the timeline gets the record’s id and codes, the note stays out of it', async () => {
      const kase = await assignedCase();
      const takenAt = iso(-2 * 3600_000);
      const res = await post(`/${kase.id}/emergency-measures`, caseworker, {
        measures: ['police_intervention', 'other'],
        note: 'Neighbour Mrs Lan keeps the child overnight',
        takenAt,
        version: kase.version,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ stage: 'assessment', version: kase.version + 1 });

      const [row] = await api.db.query(`SELECT measures, taken_at, recorded_by FROM emergency_measure WHERE case_id = $1`, [kase.id]);
      expect(row).toMatchObject({ measures: ['police_intervention', 'other'], recorded_by: caseworker.user.id });
      expect(new Date(row.taken_at).toISOString()).toBe(takenAt);

      const event = (await timeline(kase.id)).find((e) => e.type === 'emergency_measures.recorded');
      expect(event).toMatchObject({
        actorId: caseworker.user.id,
        payload: { takenAt, measures: ['police_intervention', 'other'], emergencyMeasureId: expect.any(String), noteId: expect.any(String) },
      });
      expect(JSON.stringify(event)).not.toContain('Mrs Lan');
      const [note] = await api.db.query(`SELECT kind, body FROM case_decision_note WHERE id = $1`, [event!.payload.noteId]);
      expect(note).toEqual({ kind: 'emergency_measures', body: 'Neighbour Mrs Lan keeps the child overnight' });
    });

    it('a supervisor of the commune may record them too', async () => {
      const kase = await assignedCase();
      const res = await post(`/${kase.id}/emergency-measures`, supervisor, { measures: ['safe_shelter'], takenAt: iso(-60_000), version: kase.version });
      expect(res.status).toBe(201);
      const event = (await timeline(kase.id)).find((e) => e.type === 'emergency_measures.recorded');
      expect(event).toMatchObject({ actorId: supervisor.user.id });
      expect(Object.keys(event!.payload).sort()).toEqual(['emergencyMeasureId', 'measures', 'takenAt']);
    });

    it('a caseworker who does not own the case answers 403; a manager answers 403', async () => {
      const kase = await reassignedCase();
      const body = { measures: ['first_aid'], takenAt: iso(-60_000), version: kase.version };
      const byCreator = await post(`/${kase.id}/emergency-measures`, otherCaseworker, body);
      expect(byCreator.status).toBe(403);
      expect(byCreator.body.error.details[0]).toMatchObject({ missing: ['actor_assignee'] });
      expect((await post(`/${kase.id}/emergency-measures`, manager, body)).status).toBe(403);
    });

    it('bad input answers 400 naming the field and changes nothing; a stale version answers 409', async () => {
      const kase = await assignedCase();
      const before = await snapshot(kase.id);
      const base = { measures: ['first_aid'], takenAt: iso(-60_000), version: kase.version };
      const cases: [object, string][] = [
        [{ measures: [] }, 'measures'],
        [{ measures: ['prayer'] }, 'measures'],
        [{ measures: ['first_aid', 'first_aid'] }, 'measures'],
        [{ measures: 'first_aid' }, 'measures'],
        [{ measures: ['other'] }, 'note'],
        [{ note: 'x'.repeat(2001) }, 'note'],
        [{ takenAt: iso(DAY) }, 'takenAt'],
        [{ takenAt: 'yesterday' }, 'takenAt'],
        [{ extra: true }, 'extra'],
      ];
      for (const [extra, field] of cases) {
        const res = await post(`/${kase.id}/emergency-measures`, caseworker, { ...base, ...extra });
        expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const stale = await post(`/${kase.id}/emergency-measures`, caseworker, { ...base, version: kase.version + 5 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      expect(await snapshot(kase.id)).toEqual(before);
    });
  });

  describe('separations', () => {
    it('a supervisor starts a separation, lists it, and ends it; the timeline carries ids and times, not the placement', async () => {
      const kase = await assignedCase();
      const startAt = iso(-3600_000);
      const endAt = iso(10 * DAY);
      const started = await post(`/${kase.id}/separations`, supervisor, { startAt, endAt, placement: 'Huế social protection centre', version: kase.version });
      expect(started.status).toBe(201);
      expect(started.body.version).toBe(kase.version + 1);

      const list = await get(`/${kase.id}/separations`, caseworker);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      const separation = list.body.items[0];
      expect(separation).toEqual({
        id: expect.any(String),
        startAt,
        endAt,
        placement: 'Huế social protection centre',
        extendedByAuthority: false,
        authorityReference: null,
        decidedBy: { id: supervisor.user.id, fullName: supervisor.user.fullName },
        active: true,
        endedAt: null,
        endedBy: null,
        createdAt: expect.any(String),
      });

      const second = await post(`/${kase.id}/separations`, supervisor, { startAt, endAt, placement: 'Elsewhere', version: started.body.version });
      expect(second.status).toBe(409);
      expect(second.body.error.details[0]).toMatchObject({ missing: ['separation_ended'] });

      const endedAt = iso(-60_000);
      const ended = await post(`/${kase.id}/separations/${separation.id}/end`, supervisor, { endedAt, version: started.body.version });
      expect(ended.status).toBe(200);
      expect(ended.body.version).toBe(started.body.version + 1);
      const after = await get(`/${kase.id}/separations`, manager);
      expect(after.body.items[0]).toMatchObject({ id: separation.id, active: false, endedAt, endedBy: { id: supervisor.user.id } });

      const again = await post(`/${kase.id}/separations/${separation.id}/end`, supervisor, { version: ended.body.version });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: [{ missing: ['active_separation'] }] });

      const events = await timeline(kase.id);
      expect(events.find((e) => e.type === 'separation.started')).toMatchObject({
        actorId: supervisor.user.id,
        payload: { separationId: separation.id, startAt, endAt, extendedByAuthority: false },
      });
      expect(events.find((e) => e.type === 'separation.ended')).toMatchObject({ payload: { separationId: separation.id, endedAt } });
      expect(JSON.stringify(events)).not.toContain('protection centre');

      const log = await get(`/${kase.id}/access-log`, supervisor);
      expect(log.body.filter((e: { what: string }) => e.what === 'separations').map((e: { actorId: string }) => e.actorId)).toEqual([
        caseworker.user.id,
        manager.user.id,
      ]);
    });

    it('exactly 15 days is allowed; longer without extendedByAuthority answers 400 and changes nothing; an authority’s extension allows it', async () => {
      const startAt = new Date(Date.now() - 3600_000);
      const fifteen = await assignedCase();
      const ok = await post(`/${fifteen.id}/separations`, supervisor, {
        startAt: startAt.toISOString(),
        endAt: new Date(startAt.getTime() + 15 * DAY).toISOString(),
        placement: 'Aunt’s home',
        version: fifteen.version,
      });
      expect(ok.status).toBe(201);

      const kase = await assignedCase();
      const before = await snapshot(kase.id);
      const body = {
        startAt: startAt.toISOString(),
        // Past the 15 calendar days from the day after the start (issue 12), whatever the hour of the start.
        endAt: new Date(startAt.getTime() + 16 * DAY + 60_000).toISOString(),
        placement: 'Aunt’s home',
        version: kase.version,
      };
      const tooLong = await post(`/${kase.id}/separations`, supervisor, body);
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ missing: ['separation_within_limit'], command: 'startSeparation' }] });
      expect(await snapshot(kase.id)).toEqual(before);

      const extended = await post(`/${kase.id}/separations`, supervisor, {
        ...body,
        extendedByAuthority: true,
        authorityReference: 'QĐ 12/2026 of the commune chair',
      });
      expect(extended.status).toBe(201);
      const list = await get(`/${kase.id}/separations`, supervisor);
      expect(list.body.items[0]).toMatchObject({ extendedByAuthority: true, authorityReference: 'QĐ 12/2026 of the commune chair' });
    });

    it('bad input answers 400 naming the field and changes nothing', async () => {
      const kase = await assignedCase();
      const before = await snapshot(kase.id);
      const base = { startAt: iso(-3600_000), endAt: iso(5 * DAY), placement: 'Shelter', version: kase.version };
      const cases: [object, string][] = [
        [{ endAt: iso(-2 * 3600_000) }, 'endAt'],
        [{ startAt: 'today' }, 'startAt'],
        [{ placement: '' }, 'placement'],
        [{ placement: 'x'.repeat(501) }, 'placement'],
        [{ extendedByAuthority: true }, 'authorityReference'],
        [{ authorityReference: 'QĐ 1' }, 'authorityReference'],
        [{ extendedByAuthority: 'yes', authorityReference: 'QĐ 1' }, 'extendedByAuthority'],
        [{ child: 'x' }, 'child'],
      ];
      for (const [extra, field] of cases) {
        const res = await post(`/${kase.id}/separations`, supervisor, { ...base, ...extra });
        expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect(await snapshot(kase.id)).toEqual(before);
    });

    it('a caseworker may not decide a separation (403); ending an unknown separation answers 404, a malformed id 400', async () => {
      const kase = await assignedCase();
      const res = await post(`/${kase.id}/separations`, caseworker, { startAt: iso(-3600_000), endAt: iso(DAY), placement: 'Shelter', version: kase.version });
      expect(res.status).toBe(403);
      const unknown = await post(`/${kase.id}/separations/${randomUUID()}/end`, supervisor, { version: kase.version });
      expect(unknown.status).toBe(404);
      const malformed = await post(`/${kase.id}/separations/42/end`, supervisor, { version: kase.version });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.details[0]).toMatchObject({ field: 'sid' });
      const future = await post(`/${kase.id}/separations/${randomUUID()}/end`, supervisor, { endedAt: iso(DAY), version: kase.version });
      expect(future.status).toBe(400);
    });

    it('a separation of another case cannot be ended through this one (404)', async () => {
      const a = await assignedCase();
      const b = await assignedCase();
      const started = await post(`/${a.id}/separations`, supervisor, { startAt: iso(-3600_000), endAt: iso(DAY), placement: 'Shelter', version: a.version });
      expect(started.status).toBe(201);
      const [{ id }] = (await get(`/${a.id}/separations`, supervisor)).body.items;
      const res = await post(`/${b.id}/separations/${id}/end`, supervisor, { version: b.version });
      expect(res.status).toBe(404);
    });
  });

  it('the OpenAPI document describes the routes, their bodies, answers and errors', async () => {
    const doc = (await api.http.get('/docs-json').expect(200)).body;
    const json = (op: { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> }, status: string) =>
      op.responses[status].content['application/json'].schema.$ref;
    const assessments = doc.paths['/api/v1/cases/{id}/assessments'];
    expect(json(assessments.post, '201')).toBe('#/components/schemas/CaseDetailDto');
    expect(json(assessments.get, '200')).toBe('#/components/schemas/AssessmentPageDto');
    expect(Object.keys(assessments.post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409']));
    expect(json(doc.paths['/api/v1/cases/{id}/emergency-measures'].post, '201')).toBe('#/components/schemas/CaseDetailDto');
    expect(json(doc.paths['/api/v1/cases/{id}/separations'].get, '200')).toBe('#/components/schemas/SeparationPageDto');
    expect(json(doc.paths['/api/v1/cases/{id}/separations/{sid}/end'].post, '200')).toBe('#/components/schemas/CaseDetailDto');
    expect(doc.components.schemas.RecordAssessmentDto.required).toEqual(expect.arrayContaining(['type', 'riskLevel', 'findings', 'version']));
    expect(doc.components.schemas.FindingsDto.required).toEqual(
      expect.arrayContaining(['harmSeverity', 'abuserAccess', 'careEnvironmentSafe', 'caregiverProtectiveCapacity', 'childResilience']),
    );
    expect(doc.components.schemas.RecordEmergencyMeasuresDto.properties.measures.items.enum).toContain('police_intervention');
  });

  it('every route answers 404 for a case outside the caller’s scope, and changes nothing', async () => {
    const kase = await assignedCase();
    const started = await post(`/${kase.id}/separations`, supervisor, {
      startAt: iso(-3600_000),
      endAt: iso(DAY),
      placement: 'Shelter',
      version: kase.version,
    });
    expect(started.status).toBe(201);
    const [{ id: sid }] = (await get(`/${kase.id}/separations`, supervisor)).body.items;
    const before = await snapshot(kase.id);
    const version = before.version as number;

    const calls = [
      () => assess(kase.id, version, 'initial', {}, otherCaseworker),
      () => get(`/${kase.id}/assessments`, otherCaseworker),
      () => get(`/${kase.id}/assessments`, kimLongSupervisor),
      () => get(`/${kase.id}/assessments`, intakeOfficer),
      () => post(`/${kase.id}/emergency-measures`, otherCaseworker, { measures: ['first_aid'], takenAt: iso(-60_000), version }),
      () => post(`/${kase.id}/emergency-measures`, kimLongSupervisor, { measures: ['first_aid'], takenAt: iso(-60_000), version }),
      () => post(`/${kase.id}/separations`, kimLongSupervisor, { startAt: iso(-3600_000), endAt: iso(DAY), placement: 'Shelter', version }),
      () => post(`/${kase.id}/separations/${sid}/end`, kimLongSupervisor, { version }),
      () => get(`/${kase.id}/separations`, kimLongSupervisor),
      () => get(`/${kase.id}/separations`, otherCaseworker),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    for (const path of ['assessments', 'separations']) {
      expect((await get(`/${randomUUID()}/${path}`, supervisor)).status).toBe(404);
    }
    expect(await snapshot(kase.id)).toEqual(before);
  });
});
