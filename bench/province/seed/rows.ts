import type { Client } from 'pg';
import {
  CAREGIVER_RELATIONSHIPS,
  ETHNICITIES,
  FAMILY_NAMES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  MIDDLE_FEMALE,
  MIDDLE_MALE,
  REPORTER_RELATIONSHIPS,
  SEXES,
  SPECIAL_CIRCUMSTANCE_CODES,
  sqlPick,
} from './vocabulary';

/**
 * The app's tables, generated from bench_story a range of cases at a time (INSERT … SELECT:
 * no round trip per row). Shapes follow what the services write: see each statement.
 */

/** A Date as JSON.stringify writes it in timeline payloads (CaseRecordService serialises with it). */
const iso = (t: string) => `to_char(${t} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const vnDate = (t: string) => `(${t} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** Each child's first and last receipt, and its first case (which registered it). */
export async function createChildSpans(db: Client): Promise<void> {
  await db.query(`CREATE UNLOGGED TABLE bench_child AS
    SELECT child_k, min(n) AS first_n, min(received_at) AS first_received, max(received_at) AS last_received FROM bench_story GROUP BY child_k`);
  await db.query(`CREATE UNIQUE INDEX bench_child_first_idx ON bench_child (first_n)`);
}

const personName = (sexDraw: string, v: (i: number) => string) =>
  `${sqlPick(FAMILY_NAMES, v(1))} || ' ' || CASE WHEN ${sexDraw} THEN ${sqlPick(MIDDLE_FEMALE, v(2))} ELSE ${sqlPick(MIDDLE_MALE, v(2))} END
   || CASE WHEN ${v(3)} < 0.3 THEN ' ' || CASE WHEN ${sexDraw} THEN ${sqlPick(MIDDLE_FEMALE, v(4))} ELSE ${sqlPick(MIDDLE_MALE, v(4))} END ELSE '' END
   || ' ' || CASE WHEN ${sexDraw} THEN ${sqlPick(GIVEN_FEMALE, v(5))} ELSE ${sqlPick(GIVEN_MALE, v(5))} END`;

/**
 * Children registered by the cases n in [from, to] (a child is registered by its first case, at
 * its opening). The date of birth makes the child 0–17 at every one of its reports; 2% have none,
 * 8% an estimated one (1 July, as ChildrenService records an estimated age).
 */
export async function insertChildren(db: Client, from: number, to: number): Promise<number> {
  const v = (i: number) => `v[${i}]`;
  const w = (i: number) => `v[${i + 12}]`;
  const res = await db.query(
    `INSERT INTO child (id, province_code, commune_code, full_name, given_name, sex, date_of_birth, date_of_birth_estimated, address, caregivers,
                        special_circumstances, ethnicity, created_by, created_at, updated_at, version)
     SELECT child_id, '46', code, full_name, regexp_replace(full_name, '^.* ', ''), sex,
            CASE WHEN ${v(7)} < 0.02 THEN NULL WHEN ${v(8)} < 0.09 AND estimated_ok THEN estimated ELSE dob END,
            ${v(7)} >= 0.02 AND ${v(8)} < 0.09 AND estimated_ok,
            CASE WHEN ${v(9)} < 0.85 THEN 'Thôn ' || (1 + floor(${v(10)} * 12)) || ', tổ ' || (1 + floor(${v(6)} * 30)) END,
            CASE WHEN ${v(9)} < 0.9
                 THEN jsonb_build_array(jsonb_build_object('name', ${personName(`${w(6)} < 0.5`, w)}, 'relationship', ${sqlPick(CAREGIVER_RELATIONSHIPS, w(7))}))
                 ELSE '[]'::jsonb END,
            CASE WHEN ${w(8)} < 0.7 THEN '{}'::text[]
                 WHEN ${w(8)} < 0.92 OR ${sqlPick(SPECIAL_CIRCUMSTANCE_CODES, w(9))} = ${sqlPick(SPECIAL_CIRCUMSTANCE_CODES, w(10))}
                   THEN ARRAY[${sqlPick(SPECIAL_CIRCUMSTANCE_CODES, w(9))}]
                 ELSE ARRAY[${sqlPick(SPECIAL_CIRCUMSTANCE_CODES, w(9))}, ${sqlPick(SPECIAL_CIRCUMSTANCE_CODES, w(10))}] END,
            CASE WHEN ${w(11)} < 0.9 THEN ${sqlPick(ETHNICITIES, w(12))} END,
            creator, t_open, t_open, 1
       FROM (SELECT *, ${personName(`sex = 'female' OR (sex = 'unknown' AND ${v(6)} < 0.5)`, v)} AS full_name,
                    make_date(extract(year FROM dob)::int, 7, 1) AS estimated,
                    make_date(extract(year FROM dob)::int, 7, 1) <= ${vnDate('first_received')}
                      AND make_date(extract(year FROM dob)::int, 7, 1) > (${vnDate('last_received')} - interval '18 years')::date AS estimated_ok
               FROM (SELECT s.child_id, s.creator, s.t_open, bc.code, c.first_received, c.last_received, v,
                            ${sqlPick(SEXES, 'v[11]')} AS sex,
                            -- Under 18 at the last report, born by the first one.
                            ${vnDate('c.first_received')} - floor(v[12] * (18 * 365 - 2 - (${vnDate('c.last_received')} - ${vnDate('c.first_received')})))::int AS dob
                       FROM (SELECT c.*, ARRAY[${Array.from({ length: 24 }, () => 'random()').join(', ')}] AS v
                               FROM bench_child c WHERE c.first_n BETWEEN $1 AND $2 OFFSET 0) c
                       JOIN bench_story s ON s.n = c.first_n
                       JOIN bench_commune bc ON bc.i = s.commune_i
                     OFFSET 0) born
             OFFSET 0) named`,
    [from, to],
  );
  return res.rowCount ?? 0;
}

/**
 * Cases n in [from, to], in their final state as CaseStateMapper stores it: a closed case keeps
 * who requested and approved its closure (the pending request fields are cleared); a reopened
 * one that is open again has no closure at all. next_due_at is set after the deadlines exist.
 */
export async function insertCases(db: Client, from: number, to: number): Promise<number> {
  const res = await db.query(
    `INSERT INTO "case" (id, case_number, province_code, commune_code, child_id, stage, risk_level, immediate_danger, concern_types, channel, received_at,
                         reporter, incident_occurred_at, incident_commune_code, incident_description, created_by, assignee_id, opened_at, closed_at,
                         has_initial_assessment, has_needs_assessment, last_review_still_at_risk, emergency_measures_count, approved_plan_version,
                         closure_requested_by, closure_reason, closure_approved_by, reopen_count, updated_at, version)
     SELECT s.case_id, s.case_number, '46', bc.code, s.child_id,
            CASE WHEN s.closed THEN 'closed' WHEN s.reopen_open THEN 'assessment' ELSE s.stage1 END,
            CASE WHEN s.depth >= 2 OR s.reached_init2 THEN s.risk END,
            s.immediate, s.concern_types, s.channel, s.received_at,
            CASE WHEN r < 0.2 THEN NULL
                 WHEN r < 0.8 THEN jsonb_build_object('relationship', ${sqlPick(REPORTER_RELATIONSHIPS, 'r2')}, 'identityConsent', false)
                 ELSE jsonb_build_object('relationship', ${sqlPick(REPORTER_RELATIONSHIPS, 'r2')}, 'name', 'Người báo tin ' || s.n,
                                         'phone', '0900 ' || lpad((s.n % 1000000)::text, 6, '0'), 'identityConsent', true) END,
            CASE WHEN r2 < 0.7 THEN s.received_at - r3 * interval '72 hours' END,
            bc.code, 'Nội dung phản ánh (bench)', s.creator,
            CASE WHEN s.depth >= 2 THEN s.assignee END,
            s.t_open,
            CASE WHEN s.closed THEN coalesce(s.t_closed2, s.t_closed) END,
            CASE WHEN s.reopened THEN s.reached_init2 ELSE s.depth >= 2 END,
            NOT s.reopened AND s.depth >= 3,
            CASE WHEN NOT s.reopened AND s.depth = 5 THEN false END,
            (s.immediate AND s.depth >= 2)::int,
            CASE WHEN s.depth >= 4 THEN 1 END,
            CASE WHEN s.closed THEN CASE WHEN s.depth >= 2 THEN s.assignee ELSE s.creator END END,
            CASE WHEN s.closed THEN coalesce(s.reason2, s.reason1) END,
            CASE WHEN s.closed THEN s.supervisor END,
            s.reopened::int, s.t_last,
            1 + 2 * s.depth + CASE WHEN s.closed THEN 2 ELSE 0 END + 3 * s.reopened::int
       FROM (SELECT *, random() AS r, random() AS r2, random() AS r3 FROM bench_story WHERE n BETWEEN $1 AND $2 OFFSET 0) s
       JOIN bench_commune bc ON bc.i = s.commune_i
      ORDER BY s.n`,
    [from, to],
  );
  return res.rowCount ?? 0;
}

/** One timeline entry: [order among same-time events, type, at, actor, payload]. The payload is built only for events that happened. */
const event = (ord: number, type: string, at: string, actor: string, payload: string) =>
  `(${ord}, ${type.startsWith('CASE') ? type : `'${type}'`}, ${at}, ${actor}, CASE WHEN ${at} IS NOT NULL THEN ${payload} END)`;
const stageChanged = (from: string, to: string) => `jsonb_build_object('from', ${from}, 'to', ${to})`;
const assessed = (type: string, stillAtRisk: string) =>
  `jsonb_build_object('assessmentType', '${type}', 'riskLevel', s.risk, 'immediateDanger', s.immediate, 'stillAtRisk', ${stillAtRisk})`;
const referralIds = `'referralId', s.referral_id, 'organisationId', o.id`;

/**
 * The timeline of cases n in [from, to], in time order per case (ids follow it, as the app's
 * inserts do). Types and payloads are the app's: CaseEvent (libs/domain lifecycle), intake's extra
 * case.opened fields, and the referral services' referral.* events. The episode trigger is off
 * meanwhile: case_episode is written from the story directly.
 */
export async function insertEvents(db: Client, from: number, to: number): Promise<number> {
  // Who owns the case: the assignee once there is one, else whoever recorded it (workerOfRecord).
  const worker = `CASE WHEN s.depth >= 2 THEN s.assignee ELSE s.creator END`;
  const assigner = `CASE WHEN s.creator = s.assignee THEN s.creator ELSE s.supervisor END`;
  const closureApproved = (reason: string, requestedBy: string, at: string) =>
    `jsonb_build_object('reason', ${reason}, 'requestedBy', ${requestedBy}, 'closedAt', ${iso(at)})`;
  const events = [
    event(
      1,
      'case.opened',
      's.t_open',
      's.creator',
      `jsonb_build_object('immediateDanger', s.immediate, 'caseNumber', s.case_number, 'channel', s.channel, 'concernTypes', to_jsonb(s.concern_types), 'childId', s.child_id)`,
    ),
    event(2, 'case.assigned', 's.t_assign', assigner, `jsonb_build_object('assigneeId', s.assignee, 'previousAssigneeId', NULL)`),
    event(3, 'case.stage_changed', 's.t_assign', assigner, stageChanged(`'intake'`, `'assessment'`)),
    event(4, 'emergency_measures.recorded', 's.t_emerg', 's.assignee', `jsonb_build_object('takenAt', ${iso('s.t_emerg')})`),
    event(5, 'assessment.recorded', 's.t_init', 's.assignee', assessed('initial', 'NULL')),
    event(6, 'assessment.recorded', 's.t_needs', 's.assignee', assessed('needs', 'NULL')),
    event(7, 'case.stage_changed', 's.t_needs', 's.assignee', stageChanged(`'assessment'`, `'planning'`)),
    event(8, 'plan.drafted', 's.t_draft', 's.assignee', `jsonb_build_object('planVersion', 1, 'newVersion', true)`),
    event(9, 'plan.submitted', 's.t_submit', 's.assignee', `jsonb_build_object('planVersion', 1)`),
    event(10, 'plan.approved', 's.t_approve', 's.supervisor', `jsonb_build_object('planVersion', 1, 'supersededVersion', NULL)`),
    event(11, 'case.stage_changed', 's.t_approve', 's.supervisor', stageChanged(`'planning'`, `'intervention'`)),
    event(
      12,
      'referral.sent',
      's.t_ref',
      's.assignee',
      `jsonb_build_object(${referralIds}, 'serviceType', o.service, 'urgency', s.urgency, 'planActionId', NULL, 'sharedNoteIds', '[]'::jsonb, 'consentOverride', false)`,
    ),
    event(
      13,
      `CASE s.referral_status WHEN 'declined' THEN 'referral.declined' WHEN 'cancelled' THEN 'referral.cancelled' ELSE 'referral.accepted' END`,
      's.t_resp',
      `CASE WHEN s.referral_status = 'cancelled' THEN s.assignee ELSE o.partner END`,
      `CASE s.referral_status WHEN 'declined' THEN jsonb_build_object(${referralIds}, 'serviceType', o.service, 'notifyUserIds', jsonb_build_array(s.assignee))
                              ELSE jsonb_build_object(${referralIds}) END`,
    ),
    event(14, 'referral.completed', 's.t_done', 'o.partner', `jsonb_build_object(${referralIds})`),
    event(15, 'assessment.recorded', 's.t_review', 's.assignee', assessed('review', 'false')),
    event(16, 'case.stage_changed', 's.t_review', 's.assignee', stageChanged(`'intervention'`, `'review'`)),
    event(17, 'closure.requested', 's.t_closereq', worker, `jsonb_build_object('reason', s.reason1)`),
    event(18, 'closure.approved', 's.t_closed', 's.supervisor', closureApproved('s.reason1', worker, 's.t_closed')),
    event(19, 'case.stage_changed', 's.t_closed', 's.supervisor', stageChanged('s.stage1', `'closed'`)),
    event(20, 'case.reopened', 's.t_reopen', 's.supervisor', `jsonb_build_object('reopenCount', 1)`),
    event(21, 'case.stage_changed', 's.t_reopen', 's.supervisor', stageChanged(`'closed'`, `'assessment'`)),
    event(22, 'assessment.recorded', 's.t_init2', 's.assignee', assessed('initial', 'NULL')),
    event(23, 'closure.requested', 's.t_closereq2', 's.assignee', `jsonb_build_object('reason', s.reason2)`),
    event(24, 'closure.approved', 's.t_closed2', 's.supervisor', closureApproved('s.reason2', 's.assignee', 's.t_closed2')),
    event(25, 'case.stage_changed', 's.t_closed2', 's.supervisor', stageChanged(`'assessment'`, `'closed'`)),
  ];
  const res = await db.query(
    `INSERT INTO case_event (case_id, at, actor_id, type, payload)
     SELECT s.case_id, e.at, e.actor, e.type, e.payload
       FROM bench_story s
       LEFT JOIN bench_org o ON o.k = s.org_k
      CROSS JOIN LATERAL (VALUES ${events.join(',\n')}) AS e(ord, type, at, actor, payload)
      WHERE s.n BETWEEN $1 AND $2 AND e.at IS NOT NULL
      ORDER BY s.n, e.at, e.ord`,
    [from, to],
  );
  return res.rowCount ?? 0;
}

/** Referrals of cases n in [from, to], one per case in intervention or later (95%), each step by whom the app records. */
export async function insertReferrals(db: Client, from: number, to: number): Promise<number> {
  const res = await db.query(
    `INSERT INTO referral (id, case_id, organisation_id, service_type, urgency, status, reason, created_by, created_at, responded_by, responded_at,
                           decline_reason, completed_by, completed_at, outcome, cancelled_by, cancelled_at, cancel_reason, updated_at, version)
     SELECT s.referral_id, s.case_id, o.id, o.service, s.urgency, s.referral_status, 'Đề nghị hỗ trợ theo kế hoạch (bench)', s.assignee, s.t_ref,
            CASE WHEN s.referral_status IN ('accepted', 'declined', 'completed') THEN o.partner END,
            CASE WHEN s.referral_status IN ('accepted', 'declined', 'completed') THEN s.t_resp END,
            CASE WHEN s.referral_status = 'declined' THEN 'Không đủ khả năng tiếp nhận (bench)' END,
            CASE WHEN s.referral_status = 'completed' THEN o.partner END,
            CASE WHEN s.referral_status = 'completed' THEN s.t_done END,
            CASE WHEN s.referral_status = 'completed' THEN 'Đã hoàn thành dịch vụ (bench)' END,
            CASE WHEN s.referral_status = 'cancelled' THEN s.assignee END,
            CASE WHEN s.referral_status = 'cancelled' THEN s.t_resp END,
            CASE WHEN s.referral_status = 'cancelled' THEN 'Không còn cần thiết (bench)' END,
            coalesce(s.t_done, s.t_resp, s.t_ref),
            1 + (s.referral_status <> 'pending')::int + (s.referral_status = 'completed')::int
       FROM bench_story s JOIN bench_org o ON o.k = s.org_k
      WHERE s.n BETWEEN $1 AND $2 AND s.has_referral
      ORDER BY s.n`,
    [from, to],
  );
  return res.rowCount ?? 0;
}

/**
 * One deadline: [kind, referral, variant, owner, counted_from, opened_at, due_at, met_at, cancelled_at].
 * A deadline exists when counted_from is set; it is met when met_at is, else cancelled when the
 * episode closed (closure cancels every open deadline), else still open.
 */
const deadline = (kind: string, variant: string, owner: string, countedFrom: string, openedAt: string, dueAt: string, metAt: string, cancelledAt: string) =>
  `('${kind}', ${kind === 'referral_response' ? 's.referral_id' : 'NULL::uuid'}, ${variant}, ${owner}, ${countedFrom}, ${openedAt}, ${dueAt}, ${metAt}, ${cancelledAt})`;

/**
 * Deadlines of cases n in [from, to] as DeadlinesService opens them, with counted_from as
 * caseDeadlineChanges / referralDeadlineChanges set it (receipt for the intake deadlines and the
 * plan under the default 'receipt' policy; the submission for the plan decision; the approval or
 * the last review for a review; the referral for its answer; the reopening for a reopened case's
 * new ones). Due times use calendar approximations of the working-day rules (5 working days ≈ 7
 * days, 2 ≈ 2): response-time figures do not depend on holidays.
 */
export async function insertDeadlines(db: Client, from: number, to: number): Promise<number> {
  const owner = `CASE WHEN s.depth >= 2 THEN s.assignee ELSE s.creator END`;
  const closed1 = `CASE WHEN NOT s.ep1_open THEN s.t_closed END`;
  const reviewDue = (from: string) => `${from} + CASE WHEN s.risk = 'high' THEN interval '30 days' ELSE interval '90 days' END`;
  const reviewVariant = `CASE WHEN s.risk = 'high' THEN 'high_risk' ELSE 'standard' END`;
  const answered = `CASE WHEN s.referral_status IN ('accepted', 'declined', 'completed') THEN s.t_resp END`;
  const deadlines = [
    deadline('initial_assessment', `'standard'`, owner, 's.received_at', 's.t_open', `s.received_at + interval '12 hours'`, 's.t_init', closed1),
    deadline(
      'emergency_measures',
      `'standard'`,
      owner,
      'CASE WHEN s.immediate THEN s.received_at END',
      's.t_open',
      `s.received_at + interval '12 hours'`,
      's.t_emerg',
      closed1,
    ),
    deadline('plan_submission', `'standard'`, owner, 's.received_at', 's.t_open', `s.received_at + interval '7 days'`, 's.t_submit', closed1),
    deadline('plan_approval', `'standard'`, 'NULL::uuid', 's.t_submit', 's.t_submit', `s.t_submit + interval '2 days'`, 's.t_approve', closed1),
    deadline('review', reviewVariant, 's.assignee', 's.t_approve', 's.t_approve', reviewDue('s.t_approve'), 's.t_review', closed1),
    deadline('review', reviewVariant, 's.assignee', 's.t_review', 's.t_review', reviewDue('s.t_review'), 'NULL::timestamptz', closed1),
    deadline(
      'referral_response',
      `CASE WHEN s.urgency = 'emergency' THEN 'emergency' ELSE 'standard' END`,
      'NULL::uuid',
      's.t_ref',
      's.t_ref',
      `s.t_ref + CASE WHEN s.urgency = 'emergency' THEN interval '4 hours' ELSE interval '2 days' END`,
      answered,
      `CASE WHEN s.referral_status = 'cancelled' THEN s.t_resp END`,
    ),
    deadline('initial_assessment', `'standard'`, 's.assignee', 's.t_reopen', 's.t_reopen', `s.t_reopen + interval '12 hours'`, 's.t_init2', 's.t_closed2'),
    deadline('plan_submission', `'standard'`, 's.assignee', 's.t_reopen', 's.t_reopen', `s.t_reopen + interval '7 days'`, 'NULL::timestamptz', 's.t_closed2'),
  ];
  const res = await db.query(
    `INSERT INTO deadline (case_id, referral_id, kind, variant, province_code, commune_code, owner_id, due_at, status, met_at, cancelled_at,
                           opened_at, counted_from, version, rolled_up)
     SELECT s.case_id, d.referral_id, d.kind, d.variant, '46', bc.code, d.owner, d.due_at,
            CASE WHEN d.met_at IS NOT NULL THEN 'met' WHEN d.cancelled_at IS NOT NULL THEN 'cancelled' ELSE 'open' END,
            d.met_at, CASE WHEN d.met_at IS NULL THEN d.cancelled_at END,
            d.opened_at, d.counted_from, CASE WHEN d.met_at IS NULL AND d.cancelled_at IS NULL THEN 1 ELSE 2 END,
            -- Met and cancelled deadlines go straight into the response-time rollup (built after the load), as the worker would have folded them.
            d.met_at IS NOT NULL OR d.cancelled_at IS NOT NULL
       FROM bench_story s
       JOIN bench_commune bc ON bc.i = s.commune_i
      CROSS JOIN LATERAL (VALUES ${deadlines.join(',\n')}) AS d(kind, referral_id, variant, owner, counted_from, opened_at, due_at, met_at, cancelled_at)
      WHERE s.n BETWEEN $1 AND $2 AND d.counted_from IS NOT NULL
      ORDER BY s.n, d.opened_at`,
    [from, to],
  );
  return res.rowCount ?? 0;
}

/** Episodes as the case_event_episode trigger would have kept them: the first from receipt, a reopened case's second from its reopening. */
export async function insertEpisodes(db: Client, from: number, to: number): Promise<number> {
  const res = await db.query(
    `INSERT INTO case_episode (case_id, seq, province_code, commune_code, opened_at, closed_at, closure_reason)
     SELECT s.case_id, e.seq, '46', bc.code, e.opened_at, e.closed_at, e.reason
       FROM bench_story s
       JOIN bench_commune bc ON bc.i = s.commune_i
      CROSS JOIN LATERAL (VALUES (1, s.received_at, s.t_closed, s.reason1), (2, s.t_reopen, s.t_closed2, s.reason2)) AS e(seq, opened_at, closed_at, reason)
      WHERE s.n BETWEEN $1 AND $2 AND e.opened_at IS NOT NULL
      ORDER BY s.n, e.seq`,
    [from, to],
  );
  return res.rowCount ?? 0;
}

/** What the app keeps in step with the rows: next_due_at (DeadlineRepository.nextDueAt) and the case number counters. */
export async function finishCases(db: Client): Promise<void> {
  await db.query(`UPDATE "case" c SET next_due_at = d.next
    FROM (SELECT case_id, min(due_at) AS next FROM deadline WHERE status = 'open' GROUP BY case_id) d WHERE c.id = d.case_id`);
  // Later intakes continue each year's sequence (allocateCaseNumber), so the numbers never collide.
  await db.query(`INSERT INTO case_number_counter (province_code, year, last_value)
    SELECT '46', year, max(seq) FROM bench_story GROUP BY year
    ON CONFLICT (province_code, year) DO UPDATE SET last_value = greatest(case_number_counter.last_value, EXCLUDED.last_value)`);
}
