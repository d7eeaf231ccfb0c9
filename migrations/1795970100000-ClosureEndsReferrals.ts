import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing a case ends its referrals (issue 12, item 2; law-review §2b-2): a new terminal status
 * `withdrawn` (an accepted referral ended by the case side), its who/when/why, and the mark that
 * lets an accepted referral go on after closure. Existing referrals of closed cases move forward
 * by the closure's rule: pending → cancelled, accepted → withdrawn, each by the closure's approver
 * at its time, reason `case_closed:<closure reason>`, and each on the case's history.
 *
 * Down puts back what the old schema can hold: closure-cancelled referrals pending again and
 * withdrawn ones accepted again (completed, the withdrawal as outcome, where a newer open referral
 * of the same case, organisation and service now holds the one-open slot; cancelled then stays),
 * and removes the history events of kinds the old code does not know, and those it undoes.
 */
export class ClosureEndsReferrals1795970100000 implements MigrationInterface {
  name = 'ClosureEndsReferrals1795970100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referral
      ADD COLUMN withdrawn_by uuid REFERENCES app_user(id),
      ADD COLUMN withdrawn_at timestamptz,
      ADD COLUMN withdraw_reason text,
      ADD COLUMN continues_after_closure_reason text,
      ADD COLUMN continues_after_closure_by uuid REFERENCES app_user(id),
      ADD COLUMN continues_after_closure_at timestamptz`);
    await q.query(`ALTER TABLE referral DROP CONSTRAINT referral_status_check`);
    await q.query(
      `ALTER TABLE referral ADD CONSTRAINT referral_status_check CHECK (status IN ('pending', 'accepted', 'declined', 'completed', 'cancelled', 'withdrawn'))`,
    );
    // A withdrawn referral had been accepted: it keeps its answer.
    await q.query(`ALTER TABLE referral DROP CONSTRAINT referral_answered`);
    await q.query(
      `ALTER TABLE referral ADD CONSTRAINT referral_answered CHECK ((status IN ('accepted', 'declined', 'completed', 'withdrawn')) = (responded_at IS NOT NULL AND responded_by IS NOT NULL))`,
    );
    await q.query(
      `ALTER TABLE referral ADD CONSTRAINT referral_withdrawn CHECK ((status = 'withdrawn') = (withdraw_reason IS NOT NULL AND withdrawn_at IS NOT NULL AND withdrawn_by IS NOT NULL))`,
    );
    await q.query(`ALTER TABLE referral ADD CONSTRAINT referral_continues_after_closure CHECK (
      (continues_after_closure_reason IS NULL) = (continues_after_closure_by IS NULL) AND (continues_after_closure_reason IS NULL) = (continues_after_closure_at IS NULL))`);

    // Existing data, by the same rule (nothing was marked to continue before this migration).
    // An UPDATE answers [rows, count] through the query runner.
    const [moved]: [{ id: string; case_id: string; organisation_id: string; status: string; actor: string }[], number] = await q.query(`
      WITH closed AS (
        SELECT r.id, r.status AS old_status, c.closure_approved_by AS actor, c.closed_at, 'case_closed:' || c.closure_reason AS reason
          FROM referral r JOIN "case" c ON c.id = r.case_id
         WHERE c.stage = 'closed' AND r.status IN ('pending', 'accepted')
      )
      UPDATE referral r SET
        status = CASE WHEN closed.old_status = 'pending' THEN 'cancelled' ELSE 'withdrawn' END,
        cancelled_by = CASE WHEN closed.old_status = 'pending' THEN closed.actor ELSE r.cancelled_by END,
        cancelled_at = CASE WHEN closed.old_status = 'pending' THEN closed.closed_at ELSE r.cancelled_at END,
        cancel_reason = CASE WHEN closed.old_status = 'pending' THEN closed.reason ELSE r.cancel_reason END,
        withdrawn_by = CASE WHEN closed.old_status = 'accepted' THEN closed.actor END,
        withdrawn_at = CASE WHEN closed.old_status = 'accepted' THEN closed.closed_at END,
        withdraw_reason = CASE WHEN closed.old_status = 'accepted' THEN closed.reason END,
        version = r.version + 1
      FROM closed WHERE closed.id = r.id
      RETURNING r.id, r.case_id, r.organisation_id, r.status, closed.actor`);
    for (const r of moved) {
      await q.query(`INSERT INTO case_event (case_id, actor_id, type, payload) VALUES ($1, $2, $3, $4::jsonb)`, [
        r.case_id,
        r.actor,
        r.status === 'cancelled' ? 'referral.cancelled' : 'referral.withdrawn',
        JSON.stringify({ referralId: r.id, organisationId: r.organisation_id, byClosure: true }),
      ]);
    }
    // The closure's open referral_response deadlines were cancelled with the rest of the case's deadlines.
  }

  async down(q: QueryRunner): Promise<void> {
    const free = `NOT EXISTS (SELECT 1 FROM referral o WHERE o.id <> r.id AND o.case_id = r.case_id AND o.organisation_id = r.organisation_id
                                 AND o.service_type = r.service_type AND o.status IN ('pending', 'accepted'))`;
    const undone: { id: string }[] = [];
    // Withdrawn → accepted where the one-open slot is free, else completed with the withdrawal as its outcome.
    undone.push(
      ...(
        (await q.query(`UPDATE referral r SET status = 'accepted', withdrawn_by = NULL, withdrawn_at = NULL, withdraw_reason = NULL
                            WHERE r.status = 'withdrawn' AND ${free} RETURNING r.id`)) as [{ id: string }[], number]
      )[0],
    );
    await q.query(`UPDATE referral r SET status = 'completed', completed_by = withdrawn_by, completed_at = withdrawn_at, outcome = 'withdrawn: ' || withdraw_reason,
                     withdrawn_by = NULL, withdrawn_at = NULL, withdraw_reason = NULL WHERE r.status = 'withdrawn'`);
    undone.push(
      ...(
        (await q.query(`UPDATE referral r SET status = 'pending', cancelled_by = NULL, cancelled_at = NULL, cancel_reason = NULL
                            WHERE r.status = 'cancelled' AND r.cancel_reason LIKE 'case\\_closed:%' AND ${free} RETURNING r.id`)) as [{ id: string }[], number]
      )[0],
    );
    // History: the kinds the old code does not know, and the closure's steps just undone.
    await q.query(`ALTER TABLE case_event DISABLE TRIGGER case_event_append_only`);
    await q.query(`DELETE FROM case_event WHERE type IN ('referral.withdrawn', 'referral.continues_after_closure', 'closure.open_referrals')`);
    await q.query(`DELETE FROM case_event WHERE type = 'referral.cancelled' AND payload->>'byClosure' = 'true' AND payload->>'referralId' = ANY($1::text[])`, [
      undone.map((r) => r.id),
    ]);
    await q.query(`ALTER TABLE case_event ENABLE TRIGGER case_event_append_only`);

    await q.query(`ALTER TABLE referral DROP CONSTRAINT referral_continues_after_closure`);
    await q.query(`ALTER TABLE referral DROP CONSTRAINT referral_withdrawn`);
    await q.query(`ALTER TABLE referral DROP CONSTRAINT referral_answered`);
    await q.query(
      `ALTER TABLE referral ADD CONSTRAINT referral_answered CHECK ((status IN ('accepted', 'declined', 'completed')) = (responded_at IS NOT NULL AND responded_by IS NOT NULL))`,
    );
    await q.query(`ALTER TABLE referral DROP CONSTRAINT referral_status_check`);
    await q.query(`ALTER TABLE referral ADD CONSTRAINT referral_status_check CHECK (status IN ('pending', 'accepted', 'declined', 'completed', 'cancelled'))`);
    await q.query(`ALTER TABLE referral
      DROP COLUMN continues_after_closure_at,
      DROP COLUMN continues_after_closure_by,
      DROP COLUMN continues_after_closure_reason,
      DROP COLUMN withdraw_reason,
      DROP COLUMN withdrawn_at,
      DROP COLUMN withdrawn_by`);
  }
}
