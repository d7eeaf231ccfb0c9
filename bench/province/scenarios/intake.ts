import type { Pool } from 'pg';
import { CHANNELS, CONCERNS, FAMILY_NAMES, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, pickWeighted } from '../seed/vocabulary';
import { loadCaseDetail } from './cases';
import type { Scenario } from './scenario';
import { BenchActor, BenchContext, randomOf } from './context';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface IntakeInput {
  receivedAt: string;
  channel: string;
  reporter: { relationship: string; identityConsent: boolean };
  child: {
    fullName: string;
    sex: 'female' | 'male';
    dateOfBirth: string;
    communeCode: string;
    address: string;
    caregivers: { name: string; relationship: string }[];
  };
  incident: { concernTypes: string[]; communeCode: string; description: string; immediateDanger: boolean };
}

/** A new report about a new child, as the hotline records it: a different child, commune and concern each time. */
function newReport(communes: string[], seq: number): IntakeInput {
  const female = Math.random() < 0.5;
  const name = (f: boolean) => `${pickWeighted(FAMILY_NAMES)} ${pickWeighted(f ? MIDDLE_FEMALE : MIDDLE_MALE)} ${randomOf(f ? GIVEN_FEMALE : GIVEN_MALE)}`;
  const commune = randomOf(communes);
  const born = new Date(Date.now() - (30 + Math.random() * 17 * 365) * DAY);
  const concern = pickWeighted(CONCERNS);
  const second = Math.random() < 0.25 ? pickWeighted(CONCERNS) : concern;
  return {
    receivedAt: new Date(Date.now() - Math.random() * HOUR).toISOString(),
    channel: pickWeighted(CHANNELS),
    reporter: { relationship: 'neighbour', identityConsent: false },
    child: {
      fullName: name(female),
      sex: female ? 'female' : 'male',
      dateOfBirth: born.toISOString().slice(0, 10),
      communeCode: commune,
      address: `Thôn ${1 + (seq % 12)}, tổ ${1 + (seq % 30)}`,
      caregivers: [{ name: name(true), relationship: 'mother' }],
    },
    incident: {
      concernTypes: second === concern ? [concern] : [concern, second],
      communeCode: commune,
      description: `Báo cáo qua đường dây nóng (bench ${seq})`,
      immediateDanger: Math.random() < 0.08,
    },
  };
}

/** The calendar year in Vietnam, which the case number carries (case-number.ts). */
const vietnamYear = (at: Date) => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(at));

/**
 * IntakeService.open for a new child without an assignee, statement for statement as captured
 * from the server's log, in one transaction: the place checks, the child, the case number
 * (the counter row stays locked until COMMIT, as in the app), the case, its case.opened event
 * (the episode trigger fires), the access log, the deadline policy and calendar, each deadline's
 * "cancel the open one of this kind" and insert, next_due_at, and the detail read back.
 * Due times are approximated (+12 h, +7 days); the API computes them in working days.
 */
async function intakeTransaction(pool: Pool, actor: BenchActor, input: IntakeInput): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('START TRANSACTION');
    await c.query(
      `SELECT 1 AS "row_exists" FROM (SELECT 1 AS dummy_column) "dummy_table" WHERE EXISTS (SELECT 1 FROM "province" "ProvinceEntity" WHERE (("ProvinceEntity"."code" = $1))) LIMIT 1`,
      [actor.provinceCode],
    );
    await c.query(
      `SELECT "CommuneEntity"."code" AS "CommuneEntity_code", "CommuneEntity"."province_code" AS "CommuneEntity_province_code" FROM "commune" "CommuneEntity" WHERE (("CommuneEntity"."code" IN ($1)))`,
      [input.child.communeCode],
    );
    const child = (
      await c.query(
        `INSERT INTO "child"("id", "province_code", "commune_code", "full_name", "given_name", "sex", "date_of_birth", "date_of_birth_estimated", "address", "caregivers", "special_circumstances", "ethnicity", "created_by", "created_at", "updated_at", "version")
         VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, DEFAULT, DEFAULT, 1)
         RETURNING "id", "date_of_birth_estimated", "caregivers", "special_circumstances", "created_at", "updated_at", "version"`,
        [
          actor.provinceCode,
          input.child.communeCode,
          input.child.fullName,
          input.child.fullName.split(' ').at(-1),
          input.child.sex,
          input.child.dateOfBirth,
          false,
          input.child.address,
          JSON.stringify(input.child.caregivers),
          [],
          null,
          actor.id,
        ],
      )
    ).rows[0];
    await c.query(`SELECT 1 FROM commune WHERE code = $1`, [input.incident.communeCode]);
    const now = new Date();
    const year = vietnamYear(now);
    const seq = (
      await c.query(
        `INSERT INTO case_number_counter (province_code, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (province_code, year) DO UPDATE SET last_value = case_number_counter.last_value + 1
         RETURNING last_value`,
        [actor.provinceCode, year],
      )
    ).rows[0].last_value;
    const caseNumber = `${actor.provinceCode}-${year}-${String(seq).padStart(6, '0')}`;
    const receivedAt = new Date(input.receivedAt);
    const kase = (
      await c.query(
        `INSERT INTO "case"("id", "case_number", "province_code", "commune_code", "child_id", "stage", "risk_level", "immediate_danger", "concern_types", "channel", "received_at", "reporter", "incident_occurred_at", "incident_commune_code", "incident_description", "created_by", "assignee_id", "opened_at", "closed_at", "has_initial_assessment", "has_needs_assessment", "last_review_still_at_risk", "emergency_measures_count", "approved_plan_version", "closure_request_reason", "closure_requested_by", "closure_request_note", "closure_reason", "closure_approved_by", "reopen_count", "next_due_at", "updated_at", "version")
         VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, DEFAULT, $18, $19, DEFAULT, $20, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, $21, DEFAULT, $22, $23)
         RETURNING "id"`,
        [
          caseNumber,
          actor.provinceCode,
          input.child.communeCode,
          child.id,
          'intake',
          null,
          input.incident.immediateDanger,
          input.incident.concernTypes,
          input.channel,
          receivedAt,
          JSON.stringify(input.reporter),
          null,
          input.incident.communeCode,
          input.incident.description,
          actor.id,
          null,
          now,
          false,
          false,
          0,
          0,
          now,
          1,
        ],
      )
    ).rows[0];
    await c.query(`INSERT INTO "case_event"("case_id", "at", "actor_id", "type", "payload") VALUES ($1, DEFAULT, $2, $3, $4) RETURNING "id"`, [
      kase.id,
      actor.id,
      'case.opened',
      JSON.stringify({
        immediateDanger: input.incident.immediateDanger,
        caseNumber,
        channel: input.channel,
        concernTypes: input.incident.concernTypes,
        childId: child.id,
      }),
    ]);
    await c.query(`INSERT INTO "case_access_log"("case_id", "actor_id", "at", "action", "what") VALUES ($1, $2, DEFAULT, $3, $4) RETURNING "id"`, [
      kase.id,
      actor.id,
      'write',
      'intake',
    ]);
    await c.query(
      `SELECT "DeadlinePolicyEntity"."province_code" AS "DeadlinePolicyEntity_province_code", "DeadlinePolicyEntity"."policy" AS "DeadlinePolicyEntity_policy", "DeadlinePolicyEntity"."version" AS "DeadlinePolicyEntity_version", "DeadlinePolicyEntity"."updated_by" AS "DeadlinePolicyEntity_updated_by", "DeadlinePolicyEntity"."updated_at" AS "DeadlinePolicyEntity_updated_at" FROM "deadline_policy" "DeadlinePolicyEntity" WHERE (("DeadlinePolicyEntity"."province_code" = $1)) LIMIT 1`,
      [actor.provinceCode],
    );
    await c.query(`SELECT date::text AS date, kind FROM holiday ORDER BY date`);
    const deadlines = [
      { kind: 'initial_assessment', due: receivedAt.getTime() + 12 * HOUR, reminder: receivedAt.getTime() + 6 * HOUR },
      ...(input.incident.immediateDanger
        ? [{ kind: 'emergency_measures', due: receivedAt.getTime() + 12 * HOUR, reminder: receivedAt.getTime() + 6 * HOUR }]
        : []),
      { kind: 'plan_submission', due: receivedAt.getTime() + 7 * DAY, reminder: receivedAt.getTime() + 5 * DAY },
    ];
    for (const d of deadlines) {
      await c.query(
        `UPDATE deadline SET status = 'cancelled', cancelled_at = $2, next_step = NULL, next_step_at = NULL, version = version + 1
          WHERE case_id = $1 AND status = 'open' AND kind = $3`,
        [kase.id, now, d.kind],
      );
      await c.query(
        `INSERT INTO deadline (case_id, referral_id, plan_action_id, kind, variant, province_code, commune_code, owner_id, due_at, next_step, next_step_at, opened_at, counted_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          kase.id,
          null,
          null,
          d.kind,
          'standard',
          actor.provinceCode,
          input.child.communeCode,
          actor.id,
          new Date(d.due),
          'reminder:0',
          new Date(d.reminder),
          now,
          receivedAt,
        ],
      );
    }
    const next = (await c.query(`SELECT min(due_at) AS next FROM deadline WHERE case_id = $1 AND status = 'open'`, [kase.id])).rows[0].next;
    await c.query(`UPDATE "case" SET "next_due_at" = $1 WHERE "id" = $2`, [next, kase.id]);
    await loadCaseDetail(c, kase.id);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

export const intake: Scenario = {
  name: 'intake',
  description: 'POST /cases as a hotline intake officer: a new child each time, in any of the 40 communes',
  target: { minRps: 300 },
  caveat: 'the API also schedules the new deadlines’ reminders on BullMQ (Redis) after the commit; the SQL side does not',
  prepare(ctx: BenchContext) {
    let seq = 0;
    return {
      http: { method: 'POST', next: () => ({ path: '/api/v1/cases', token: ctx.intake.token, body: JSON.stringify(newReport(ctx.communes, ++seq)) }) },
      sql: async (pool: Pool) => {
        await intakeTransaction(pool, ctx.intake, newReport(ctx.communes, ++seq));
        return 'intake officer';
      },
    };
  },
};
