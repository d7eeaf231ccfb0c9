import { Role } from '@haven/domain';
import type { TestApi } from './app';
import { HUE, KIM_LONG, login, newUser, PHU_XUAN, SignedIn } from './factories';

/**
 * A small province with known answers for the reports (issue 6), written straight into the tables
 * with exact times (the lifecycle routes would stamp "now"). The timeline events are inserted too,
 * so `case_episode` is built by its trigger exactly as in production. Period of interest: the
 * first half of 2026 (`from=2026-01-01&to=2026-06-30`).
 *
 * | case | child (sex, born, groups)   | commune  | concerns                        | received   | history                                   |
 * |------|-----------------------------|----------|---------------------------------|------------|-------------------------------------------|
 * | C1   | ch1 (female, 2020-05-01, b) | PHU_XUAN | physical_violence, neglect      | 02-10 09:00| open, intervention, high, cwA1, overdue   |
 * | C2   | ch1                         | PHU_XUAN | neglect                         | 03-05 10:00| closed 04-01 resolved, reopened 05-01; open, assessment, cwA1 |
 * | C3   | ch2 (male, 2014-01-10, —)   | PHU_XUAN | sexual_abuse                    | 01-20 08:00| open, planning, medium, cwA2, not overdue |
 * | C4   | ch3 (female, 2009-03-01, d i)| KIM_LONG| labour_exploitation             | 03-15 08:00| closed 06-10 unfounded                    |
 * | C5   | ch4 (unknown, no birth date)| KIM_LONG | other                           | 07-15 08:00| open, intake, unassigned, overdue (after the period) |
 * | C6   | ch2                         | PHU_XUAN | neglect                         | 2025-12-20 | closed 2026-01-15 transferred             |
 *
 * Deadlines (counted from → due, outcome): C1 initial 02-10 09:00 → 21:00 met 15:00 (6 h); C1 plan
 * submission 02-10 09:00 → 02-17 end of day, met 02-20 10:00 (late: 10 d 1 h); C2 initial 03-05 10:00
 * → 22:00 met 03-06 10:00 (late: 24 h); C3 initial 01-20 08:00 → 20:00 met 10:00 (2 h); C3 referral
 * 02-01 08:00 → 02-03 end of day, never answered; C4 initial 03-15 08:00 → 20:00 met 12:00 (4 h);
 * C4 referral 04-01 08:00 → 12:00 cancelled; C5 initial 07-15 08:00 → 20:00 open (outside the period).
 */
export interface ReportWorld {
  manager: SignedIn;
  otherManager: SignedIn;
  supervisorA: SignedIn;
  supervisorB: SignedIn;
  caseworkerA1: { id: string };
  caseworkerA2: { id: string };
  caseworkerB: { id: string };
  cases: Record<'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6', string>;
}

const vn = (local: string): string => `${local}+07:00`;

export async function seedReportWorld(api: TestApi): Promise<ReportWorld> {
  const manager = await login(api, (await newUser(api, Role.Manager)).username);
  // A manager of another province: every report of theirs must come out empty.
  const otherManager = await login(api, (await newUser(api, Role.Manager, { provinceCode: '01' })).username);
  const supervisorA = await login(api, (await newUser(api, Role.Supervisor, { communeCodes: [PHU_XUAN] })).username);
  const supervisorB = await login(api, (await newUser(api, Role.Supervisor, { communeCodes: [KIM_LONG] })).username);
  const caseworkerA1 = await newUser(api, Role.Caseworker, { communeCodes: [PHU_XUAN], fullName: 'Caseworker A1' });
  const caseworkerA2 = await newUser(api, Role.Caseworker, { communeCodes: [PHU_XUAN], fullName: 'Caseworker A2' });
  const caseworkerB = await newUser(api, Role.Caseworker, { communeCodes: [KIM_LONG], fullName: 'Caseworker B' });
  const by = supervisorA.user.id;
  const q = (sql: string, params: unknown[]) => api.db.query(sql, params) as Promise<{ id: string }[]>;

  const child = async (commune: string, sex: string, dob: string | null, groups: string[]): Promise<string> =>
    (
      await q(
        `INSERT INTO child (province_code, commune_code, full_name, given_name, sex, date_of_birth, special_circumstances, created_by)
         VALUES ($1, $2, 'Trẻ Thử Nghiệm', 'Nghiệm', $3, $4, $5, $6) RETURNING id`,
        [HUE, commune, sex, dob, groups, by],
      )
    )[0].id;
  const ch1 = await child(PHU_XUAN, 'female', '2020-05-01', ['b']);
  const ch2 = await child(PHU_XUAN, 'male', '2014-01-10', []);
  const ch3 = await child(KIM_LONG, 'female', '2009-03-01', ['d', 'i']);
  const ch4 = await child(KIM_LONG, 'unknown', null, []);

  let n = 0;
  const kase = async (c: {
    child: string;
    commune: string;
    concerns: string[];
    received: string;
    stage: string;
    risk?: string;
    assignee?: string;
    nextDue?: string;
    closed?: { at: string; reason: string };
    reopenCount?: number;
  }): Promise<string> => {
    n += 1;
    const [row] = await q(
      `INSERT INTO "case" (case_number, province_code, commune_code, child_id, stage, risk_level, concern_types, channel, received_at,
                           incident_commune_code, incident_description, created_by, assignee_id, opened_at, next_due_at,
                           closed_at, closure_reason, closure_approved_by, reopen_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'hotline_111', $8, $3, 'Seeded for reports', $9, $10, $8, $11, $12, $13, $14, $15) RETURNING id`,
      [
        `46-2026-9${String(n).padStart(5, '0')}`,
        HUE,
        c.commune,
        c.child,
        c.stage,
        c.risk ?? null,
        c.concerns,
        vn(c.received),
        by,
        c.assignee ?? null,
        c.nextDue ? vn(c.nextDue) : null,
        c.closed ? vn(c.closed.at) : null,
        c.closed?.reason ?? null,
        c.closed ? by : null,
        c.reopenCount ?? 0,
      ],
    );
    return row.id;
  };
  const event = (caseId: string, at: string, type: string, payload: object = {}) =>
    q(`INSERT INTO case_event (case_id, at, actor_id, type, payload) VALUES ($1, $2, $3, $4, $5)`, [caseId, vn(at), by, type, JSON.stringify(payload)]);
  const closure = (caseId: string, at: string, reason: string) =>
    event(caseId, at, 'closure.approved', { reason, requestedBy: by, closedAt: new Date(vn(at)).toISOString() });

  const C1 = await kase({
    child: ch1,
    commune: PHU_XUAN,
    concerns: ['physical_violence', 'neglect'],
    received: '2026-02-10T09:00:00',
    stage: 'intervention',
    risk: 'high',
    assignee: caseworkerA1.id,
    nextDue: '2026-03-01T17:00:00',
  });
  const C2 = await kase({
    child: ch1,
    commune: PHU_XUAN,
    concerns: ['neglect'],
    received: '2026-03-05T10:00:00',
    stage: 'assessment',
    assignee: caseworkerA1.id,
    reopenCount: 1,
  });
  const C3 = await kase({
    child: ch2,
    commune: PHU_XUAN,
    concerns: ['sexual_abuse'],
    received: '2026-01-20T08:00:00',
    stage: 'planning',
    risk: 'medium',
    assignee: caseworkerA2.id,
    nextDue: '2099-01-01T00:00:00',
  });
  const C4 = await kase({
    child: ch3,
    commune: KIM_LONG,
    concerns: ['labour_exploitation'],
    received: '2026-03-15T08:00:00',
    stage: 'closed',
    closed: { at: '2026-06-10T09:00:00', reason: 'unfounded' },
  });
  const C5 = await kase({
    child: ch4,
    commune: KIM_LONG,
    concerns: ['other'],
    received: '2026-07-15T08:00:00',
    stage: 'intake',
    nextDue: '2026-07-15T20:00:00',
  });
  const C6 = await kase({
    child: ch2,
    commune: PHU_XUAN,
    concerns: ['neglect'],
    received: '2025-12-20T08:00:00',
    stage: 'closed',
    closed: { at: '2026-01-15T09:00:00', reason: 'transferred' },
  });

  await event(C1, '2026-02-10T09:05:00', 'case.opened', { immediateDanger: false });
  await event(C2, '2026-03-05T10:05:00', 'case.opened', { immediateDanger: false });
  await closure(C2, '2026-04-01T09:00:00', 'resolved');
  await event(C2, '2026-05-01T09:00:00', 'case.reopened', { reopenCount: 1 });
  await event(C3, '2026-01-20T08:05:00', 'case.opened', { immediateDanger: false });
  await event(C4, '2026-03-15T08:05:00', 'case.opened', { immediateDanger: false });
  await closure(C4, '2026-06-10T09:00:00', 'unfounded');
  await event(C5, '2026-07-15T08:05:00', 'case.opened', { immediateDanger: false });
  await event(C6, '2025-12-20T08:05:00', 'case.opened', { immediateDanger: false });
  await closure(C6, '2026-01-15T09:00:00', 'transferred');

  const [org] = await q(
    `INSERT INTO organisation (name, type, service_types, province_code, commune_codes) VALUES ('Legal aid', 'legal_aid', '{legal_aid}', $1, '{}') RETURNING id`,
    [HUE],
  );
  const referral = async (caseId: string, at: string, status: 'pending' | 'cancelled'): Promise<string> =>
    (
      await q(
        `INSERT INTO referral (case_id, organisation_id, service_type, urgency, status, reason, created_by, created_at, cancelled_by, cancelled_at, cancel_reason)
         VALUES ($1, $2, 'legal_aid', 'normal', $3, 'Legal advice', $4, $5, $6, $7, $8) RETURNING id`,
        [
          caseId,
          org.id,
          status,
          by,
          vn(at),
          status === 'cancelled' ? by : null,
          status === 'cancelled' ? vn(at) : null,
          status === 'cancelled' ? 'No longer needed' : null,
        ],
      )
    )[0].id;
  const r3 = await referral(C3, '2026-02-01T08:00:00', 'pending');
  const r4 = await referral(C4, '2026-04-01T08:00:00', 'cancelled');

  const deadline = (
    caseId: string,
    commune: string,
    kind: string,
    from: string,
    due: string,
    outcome: { met?: string; cancelled?: string },
    referralId: string | null = null,
  ) =>
    q(
      `INSERT INTO deadline (case_id, referral_id, kind, variant, province_code, commune_code, due_at, status, met_at, cancelled_at, opened_at, counted_from)
       VALUES ($1, $2, $3, 'standard', $4, $5, $6, $7, $8, $9, $10, $10)`,
      [
        caseId,
        referralId,
        kind,
        HUE,
        commune,
        vn(due),
        outcome.met ? 'met' : outcome.cancelled ? 'cancelled' : 'open',
        outcome.met ? vn(outcome.met) : null,
        outcome.cancelled ? vn(outcome.cancelled) : null,
        vn(from),
      ],
    );
  await deadline(C1, PHU_XUAN, 'initial_assessment', '2026-02-10T09:00:00', '2026-02-10T21:00:00', { met: '2026-02-10T15:00:00' });
  await deadline(C1, PHU_XUAN, 'plan_submission', '2026-02-10T09:00:00', '2026-02-17T23:59:59.999', { met: '2026-02-20T10:00:00' });
  await deadline(C2, PHU_XUAN, 'initial_assessment', '2026-03-05T10:00:00', '2026-03-05T22:00:00', { met: '2026-03-06T10:00:00' });
  await deadline(C3, PHU_XUAN, 'initial_assessment', '2026-01-20T08:00:00', '2026-01-20T20:00:00', { met: '2026-01-20T10:00:00' });
  await deadline(C3, PHU_XUAN, 'referral_response', '2026-02-01T08:00:00', '2026-02-03T23:59:59.999', {}, r3);
  await deadline(C4, KIM_LONG, 'initial_assessment', '2026-03-15T08:00:00', '2026-03-15T20:00:00', { met: '2026-03-15T12:00:00' });
  await deadline(C4, KIM_LONG, 'referral_response', '2026-04-01T08:00:00', '2026-04-01T12:00:00', { cancelled: '2026-04-01T09:00:00' }, r4);
  await deadline(C5, KIM_LONG, 'initial_assessment', '2026-07-15T08:00:00', '2026-07-15T20:00:00', {});

  return {
    manager,
    otherManager,
    supervisorA,
    supervisorB,
    caseworkerA1: { id: caseworkerA1.id },
    caseworkerA2: { id: caseworkerA2.id },
    caseworkerB: { id: caseworkerB.id },
    cases: { C1, C2, C3, C4, C5, C6 },
  };
}
