import type { Client } from 'pg';
import { CHANNELS, CLOSURE_AFTER_REVIEW, CLOSURE_EARLY, CLOSURE_MIDWAY, CONCERNS, ORGANISATIONS, sqlPick } from './vocabulary';

/** The five years of reports: received_at is uniform over this range (Vietnam time). */
export const RECEIVED_FROM = '2022-01-01 00:00:00+07';
export const RECEIVED_TO = '2026-11-28 23:59:59+07';
/** Children per case: 85% of cases each bring a child of their own. */
export const CHILD_SHARE = 0.85;

/**
 * Random draws of a case, by position in its `u` array. Everything about a case is a function of
 * its draws, so the tables generated from the story (cases, events, deadlines, referrals,
 * episodes) agree with each other by construction.
 */
const U = [
  'open', 'reopen', 'depth', 'reopenOpen', 'init2', 'immediate', 'risk', 'channel', 'concern1', 'concern2', 'twoConcerns',
  'caseworker', 'referral', 'organisation', 'emergency', 'pending', 'opened', 'assigned', 'lateInitial', 'initial', 'needs',
  'draft', 'submit', 'approve', 'review', 'closureRequest', 'closed', 'reopened', 'initial2', 'closureRequest2', 'referred',
  'answered', 'completed', 'referralStatus', 'reason1', 'reason2', 'creator',
] as const; // prettier-ignore
const u = (name: (typeof U)[number]) => `u[${U.indexOf(name) + 1}]`;

/** A stable id from a text key, shaped as a version-4 UUID (the API only ever sees well-formed ids). */
const uuidOf = (key: string) => `overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17)::uuid`;

/**
 * bench_base: n (1..cases, in order of receipt), received_at, the case number's year and
 * sequence, and the child: 85% of cases (a random subset) each get a child of their own, the
 * rest a random one of those children, so most children have one case and some two or three.
 */
export async function createBase(db: Client, cases: number): Promise<void> {
  const children = Math.round(cases * CHILD_SHARE);
  await db.query(`CREATE UNLOGGED TABLE bench_base AS
    SELECT n, received_at, year, row_number() OVER (PARTITION BY year ORDER BY n)::int AS seq, child_k
      FROM (SELECT row_number() OVER (ORDER BY received_at)::int AS n, received_at,
                   extract(year FROM received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year,
                   CASE WHEN p <= ${children} THEN p ELSE 1 + floor(random() * ${children})::int END AS child_k
              FROM (SELECT received_at, row_number() OVER (ORDER BY perm)::int AS p
                      FROM (SELECT timestamptz '${RECEIVED_FROM}' + random() * (timestamptz '${RECEIVED_TO}' - timestamptz '${RECEIVED_FROM}') AS received_at,
                                   random() AS perm
                              FROM generate_series(1, ${cases}) OFFSET 0) r) q) z`);
}

/**
 * One level of the story query: the rows of `inner` with more columns computed from them.
 * OFFSET 0 keeps PostgreSQL from folding the levels into one, which would copy each
 * expression into every later one that uses it (and random() into each copy).
 */
const level = (inner: string, columns: Record<string, string>) =>
  `SELECT *, ${Object.entries(columns)
    .map(([name, sql]) => `${sql} AS ${name}`)
    .join(',\n  ')} FROM (${inner} OFFSET 0) AS l`;

const openDepth = `CASE WHEN age_h < 24 THEN CASE WHEN ${u('depth')} < 0.6 THEN 1 ELSE 2 END
  WHEN age_h < 24 * 7 THEN CASE WHEN ${u('depth')} < 0.1 THEN 1 WHEN ${u('depth')} < 0.6 THEN 2 ELSE 3 END
  WHEN age_h < 24 * 30 THEN CASE WHEN ${u('depth')} < 0.03 THEN 1 WHEN ${u('depth')} < 0.28 THEN 2 WHEN ${u('depth')} < 0.68 THEN 3 ELSE 4 END
  WHEN age_h < 24 * 90 THEN CASE WHEN ${u('depth')} < 0.01 THEN 1 WHEN ${u('depth')} < 0.05 THEN 2 WHEN ${u('depth')} < 0.15 THEN 3 ELSE 4 END
  ELSE CASE WHEN ${u('depth')} < 0.01 THEN 1 WHEN ${u('depth')} < 0.04 THEN 2 WHEN ${u('depth')} < 0.1 THEN 3 WHEN ${u('depth')} < 0.25 THEN 4 ELSE 5 END END`;
const closedDepth = `CASE WHEN ${u('depth')} < 0.05 THEN 1 WHEN ${u('depth')} < 0.4 THEN 2 WHEN ${u('depth')} < 0.5 THEN 3 WHEN ${u('depth')} < 0.65 THEN 4 ELSE 5 END`;

/**
 * bench_story: one row per case with everything the generators need.
 *
 * - Open or closed: a case received `a` days ago is still open with probability e^(−a/125)
 *   (≈ 7% of five years' cases), so open cases are mostly recent, as in real caseloads.
 * - depth 1..5: how far the (first) episode got: 1 reported, 2 assigned and assessed, 3 needs
 *   assessed and plan submitted, 4 plan approved (intervention), 5 reviewed. Open cases get a
 *   depth that grows with their age (a case open for months is in intervention or review, a few
 *   are stuck earlier, overdue); closed ones a fixed mix.
 * - Milestones as offsets in hours after receipt (o_*), squeezed by a factor s ≤ 1 where needed
 *   so that the last one lies in the past: t_* = received_at + o_* × s. About 15% of initial
 *   assessments, and more plan decisions and referral answers, come after their deadline.
 * - ~3% of cases were closed and reopened (two episodes); about a third of those are open again.
 */
export async function createStory(db: Client, communes: number, intakeOfficers: string[]): Promise<void> {
  const draws = U.map(() => 'random()').join(', ');
  const concern1 = sqlPick(CONCERNS, u('concern1'));
  const concern2 = sqlPick(CONCERNS, u('concern2'));
  const caseworker = `caseworkers[1 + floor(${u('caseworker')} * cardinality(caseworkers))::int]`;
  const intakeOfficer = `(ARRAY[${intakeOfficers.map((id) => `'${id}'`).join(',')}]::uuid[])[1 + floor(${u('creator')} * ${intakeOfficers.length})::int]`;

  const drawn = `SELECT b.*, bc.supervisor, bc.caseworkers, ARRAY[${draws}] AS u, extract(epoch FROM now() - b.received_at) / 3600 AS age_h
    FROM bench_base b JOIN bench_commune bc ON bc.i = b.child_k % ${communes}`;
  const kinds = level(drawn, {
    commune_i: `child_k % ${communes}`,
    ep1_open: `age_h < 6 OR ${u('open')} < exp(-age_h / 24 / 125)`,
    immediate: `${u('immediate')} < 0.08`,
    risk: `CASE WHEN ${u('risk')} < 0.15 THEN 'high' WHEN ${u('risk')} < 0.55 THEN 'medium' ELSE 'low' END`,
    channel: sqlPick(CHANNELS, u('channel')),
    concern_types: `CASE WHEN ${u('twoConcerns')} < 0.25 AND ${concern1} <> ${concern2} THEN ARRAY[${concern1}, ${concern2}] ELSE ARRAY[${concern1}] END`,
    assignee: caseworker,
  });
  const paths = level(kinds, {
    depth: `CASE WHEN ep1_open THEN ${openDepth} ELSE ${closedDepth} END`,
    // The hotline's reports are recorded by an intake officer; the others by the commune's caseworker.
    creator: `CASE WHEN channel = 'hotline_111' THEN ${intakeOfficer} ELSE ${caseworker} END`,
  });
  const branches = level(paths, {
    // Reopened: closed cases that had been assigned (3.4% of those, ~3% of all cases).
    reopened: `NOT ep1_open AND depth >= 2 AND ${u('reopen')} < 0.034`,
    has_referral: `depth >= 4 AND ${u('referral')} < 0.95`,
    referral_status: `CASE WHEN depth >= 4 AND ${u('referral')} < 0.95 THEN
        CASE WHEN ep1_open AND depth = 4 AND ${u('pending')} < 0.15 THEN 'pending'
             WHEN ${u('referralStatus')} < 0.6 THEN 'completed' WHEN ${u('referralStatus')} < 0.8 THEN 'accepted'
             WHEN ${u('referralStatus')} < 0.92 THEN 'declined' ELSE 'cancelled' END END`,
    // The first steps, in hours after receipt: recorded 5–120 min later, assigned within hours.
    o_open: `(5 + ${u('opened')} * 115) / 60.0`,
    o_assign: `(5 + ${u('opened')} * 115) / 60.0 + 0.2 + ${u('assigned')} * 6`,
    // The initial assessment is due 12 h after receipt: 85% within it, the rest up to 48 h.
    target_init: `CASE WHEN ${u('lateInitial')} < 0.85 THEN 0.5 + ${u('initial')} * 11 ELSE 12 + ${u('initial')} * 36 END`,
  });
  const firstEpisode = level(branches, {
    reopen_open: `reopened AND ${u('reopenOpen')} < 0.35 AND age_h < 24 * 365`,
    reached_init2: `reopened AND (${u('reopenOpen')} >= 0.35 OR age_h >= 24 * 365 OR ${u('init2')} < 0.8)`,
    o_init: `greatest(o_assign + 0.17, target_init)`,
    o_needs: `greatest(o_assign + 0.17, target_init) + 24 * (1 + ${u('needs')} * 4)`,
    o_draft: `greatest(o_assign + 0.17, target_init) + 24 * (1 + ${u('needs')} * 4) + 2 + ${u('draft')} * 22`,
    // Submitted ~5 days after receipt (due in 5 working days), decided 0.2–2.8 days later (due in 2 working days).
    o_submit: `greatest(o_assign + 0.17, target_init) + 24 * (1 + ${u('needs')} * 4) + 2 + ${u('draft')} * 22 + 24 * (0.5 + ${u('submit')} * 2.5)`,
    o_approve: `greatest(o_assign + 0.17, target_init) + 24 * (1 + ${u('needs')} * 4) + 2 + ${u('draft')} * 22 + 24 * (0.5 + ${u('submit')} * 2.5)
      + 24 * (0.2 + ${u('approve')} * 2.6)`,
  });
  const review = level(firstEpisode, {
    // Reviews are due 90 days after the plan or the last review (30 for high risk). A case open for
    // months has been reviewed since: its last review lies within the current review period.
    o_review: `CASE WHEN ep1_open AND depth = 5
      THEN greatest(o_approve + 24 * 20, age_h - 24 * CASE WHEN risk = 'high' THEN 30 ELSE 90 END * 1.1 * ${u('review')})
      ELSE o_approve + 24 * CASE WHEN risk = 'high' THEN 20 + ${u('review')} * 15 ELSE 60 + ${u('review')} * 40 END END`,
  });
  const milestone = level(review, {
    o_mile: `CASE depth WHEN 1 THEN o_open WHEN 2 THEN o_init WHEN 3 THEN o_submit WHEN 4 THEN o_approve ELSE o_review END`,
  });
  const closure = level(milestone, {
    o_closereq: `o_mile + 24 * CASE WHEN depth = 4 THEN 10 + ${u('closureRequest')} * 80 ELSE 1 + ${u('closureRequest')} * 20 END`,
  });
  const later = level(closure, {
    o_closed: `o_closereq + 24 * (0.1 + ${u('closed')} * 4)`,
    o_reopen: `o_closereq + 24 * (0.1 + ${u('closed')} * 4) + 24 * (5 + ${u('reopened')} * 200)`,
    // Referrals go out between the plan's approval and the next step (review or closure).
    o_gap_end: `CASE WHEN depth >= 5 THEN o_review ELSE o_closereq END`,
  });
  const afterReopen = level(later, {
    o_init2: `o_reopen + 0.5 + ${u('initial2')} * 20`,
    o_closereq2: `o_reopen + 0.5 + ${u('initial2')} * 20 + 24 * (2 + ${u('closureRequest2')} * 40)`,
    o_closed2: `o_reopen + 0.5 + ${u('initial2')} * 20 + 24 * (2 + ${u('closureRequest2')} * 40) + 24 * (0.1 + ${u('closed')} * 3)`,
    o_ref: `o_approve + (o_gap_end - o_approve) * (0.05 + ${u('referred')} * 0.3)`,
    // Answered within 2 working days mostly (an emergency within 4 h), some later.
    ref_answer: `least((o_gap_end - o_approve) * 0.1,
      CASE WHEN ${u('emergency')} < 0.06 THEN 0.3 + ${u('answered')} * 6 ELSE 24 * (0.05 + ${u('answered')} * 3) END)`,
  });
  const ends = level(afterReopen, {
    o_resp: `o_ref + ref_answer`,
    o_done: `o_ref + ref_answer + (o_gap_end - o_approve) * (0.1 + ${u('completed')} * 0.3)`,
    o_end: `CASE WHEN reopened THEN CASE WHEN NOT reopen_open THEN o_closed2 WHEN reached_init2 THEN o_init2 ELSE o_reopen END
                 WHEN NOT ep1_open THEN o_closed
                 WHEN depth = 4 THEN o_gap_end -- open in intervention: its referral's steps lie before this
                 ELSE o_mile END`,
  });
  const scaled = level(ends, { s: `least(1.0, greatest(0.0001, (age_h - 0.1) / o_end))` });
  const at = (o: string) => `received_at + (${o}) * s * interval '1 hour'`;

  await db.query(`CREATE UNLOGGED TABLE bench_story AS
    SELECT n, ${uuidOf(`'case:' || n`)} AS case_id, child_k, ${uuidOf(`'child:' || child_k`)} AS child_id, commune_i, received_at, year, seq,
           '46-' || year || '-' || lpad(seq::text, 6, '0') AS case_number,
           channel, concern_types, immediate, risk, depth, ep1_open, reopened, reopen_open, reached_init2,
           NOT ep1_open AND NOT reopen_open AS closed,
           creator, assignee, supervisor,
           (ARRAY['intake', 'assessment', 'planning', 'intervention', 'review'])[depth] AS stage1,
           ${at('o_open')} AS t_open,
           CASE WHEN depth >= 2 THEN ${at('o_assign')} END AS t_assign,
           CASE WHEN depth >= 2 AND immediate THEN ${at('o_init - 0.1')} END AS t_emerg,
           CASE WHEN depth >= 2 THEN ${at('o_init')} END AS t_init,
           CASE WHEN depth >= 3 THEN ${at('o_needs')} END AS t_needs,
           CASE WHEN depth >= 3 THEN ${at('o_draft')} END AS t_draft,
           CASE WHEN depth >= 3 THEN ${at('o_submit')} END AS t_submit,
           CASE WHEN depth >= 4 THEN ${at('o_approve')} END AS t_approve,
           CASE WHEN depth >= 5 THEN ${at('o_review')} END AS t_review,
           CASE WHEN NOT ep1_open THEN ${at('o_closereq')} END AS t_closereq,
           CASE WHEN NOT ep1_open THEN ${at('o_closed')} END AS t_closed,
           CASE WHEN reopened THEN ${at('o_reopen')} END AS t_reopen,
           CASE WHEN reached_init2 THEN ${at('o_init2')} END AS t_init2,
           CASE WHEN reopened AND NOT reopen_open THEN ${at('o_closereq2')} END AS t_closereq2,
           CASE WHEN reopened AND NOT reopen_open THEN ${at('o_closed2')} END AS t_closed2,
           CASE WHEN NOT ep1_open THEN CASE WHEN depth = 5 THEN ${sqlPick(CLOSURE_AFTER_REVIEW, u('reason1'))}
                                            WHEN depth <= 2 THEN ${sqlPick(CLOSURE_EARLY, u('reason1'))}
                                            ELSE ${sqlPick(CLOSURE_MIDWAY, u('reason1'))} END END AS reason1,
           CASE WHEN reopened AND NOT reopen_open THEN ${sqlPick(CLOSURE_EARLY, u('reason2'))} END AS reason2,
           has_referral, CASE WHEN has_referral THEN ${uuidOf(`'referral:' || n`)} END AS referral_id,
           CASE WHEN has_referral THEN floor(${u('organisation')} * ${ORGANISATIONS.length})::int END AS org_k,
           CASE WHEN has_referral THEN CASE WHEN ${u('emergency')} < 0.06 THEN 'emergency' ELSE 'normal' END END AS urgency,
           referral_status,
           CASE WHEN has_referral THEN ${at('o_ref')} END AS t_ref,
           CASE WHEN referral_status <> 'pending' THEN ${at('o_resp')} END AS t_resp,
           CASE WHEN referral_status = 'completed' THEN ${at('o_done')} END AS t_done,
           ${at('o_end')} AS t_last
      FROM (${scaled} OFFSET 0) AS story`);
  await db.query(`CREATE UNIQUE INDEX bench_story_n_idx ON bench_story (n)`);
  await db.query(`ANALYZE bench_story`);
}
