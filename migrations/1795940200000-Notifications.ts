import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The in-app inbox and its delivery channels (issue 5, notifications). A notification is unique
 * per (recipient, dedupe key) — for a deadline step the key is `<deadline id>:<step>` — so however
 * often a step is processed, a person sees it once. A delivery is unique per (notification,
 * channel, target), so a redelivery never sends twice; its status 'dead' is the dead-letter record.
 * Neither table holds a child's name or details: titles and bodies are built from templates of a
 * case number, a kind, a due time and a link; data holds ids and codes; last_error holds codes.
 */
export class Notifications1795940200000 implements MigrationInterface {
  name = 'Notifications1795940200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      recipient_id uuid NOT NULL REFERENCES app_user(id),
      case_id uuid REFERENCES "case"(id),
      kind text NOT NULL CHECK (kind ~ '^[a-z_]+\\.[a-z_]+$'),
      dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 200),
      title text NOT NULL,
      body text NOT NULL,
      link text,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      CONSTRAINT notification_dedupe_uq UNIQUE (recipient_id, dedupe_key)
    )`);
    // The inbox: a person's notifications, unread first when filtered, newest first.
    await q.query(`CREATE INDEX notification_inbox_idx ON notification (recipient_id, read_at, created_at DESC)`);
    // The delivery reconciler looks at recent notifications only.
    await q.query(`CREATE INDEX notification_created_idx ON notification (created_at)`);
    await q.query(`CREATE INDEX notification_case_idx ON notification (case_id) WHERE case_id IS NOT NULL`);

    await q.query(`CREATE TABLE delivery (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      notification_id uuid NOT NULL REFERENCES notification(id) ON DELETE CASCADE,
      channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
      target text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_error text CHECK (length(last_error) <= 300),
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      dead_at timestamptz,
      CONSTRAINT delivery_target_uq UNIQUE (notification_id, channel, target),
      CONSTRAINT delivery_sent CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
      CONSTRAINT delivery_dead CHECK ((status = 'dead') = (dead_at IS NOT NULL))
    )`);
    // The dead-letter list for admins, newest first.
    await q.query(`CREATE INDEX delivery_status_idx ON delivery (status, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE delivery`);
    await q.query(`DROP TABLE notification`);
  }
}
