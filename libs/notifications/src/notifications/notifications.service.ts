import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@haven/platform';
import { guardNotification, NotificationKind, NotificationParams, renderNotification, UnsafeNotificationError } from './notification-templates';
import { guardStaffNotice, renderStaffNotice, StaffNoticeKind, StaffNoticeParams } from './staff-notices';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What to notify whom about. No text: the kind's template writes it from the params. */
export interface NotifyInput<K extends NotificationKind> {
  /** Who gets it; duplicates are ignored. */
  recipientIds: readonly string[];
  /** The case it is about; the link points there. */
  caseId: string;
  /** The case's number; read from the case (in the caller's transaction) when absent. */
  caseNumber?: string;
  kind: K;
  /**
   * What makes it "the same notice": one per recipient and key, however often it is sent.
   * For a deadline step, `${deadlineId}:${step}`. Ids and step names only.
   */
  dedupeKey: string;
  params: NotificationParams[K];
}

/**
 * Writes notifications. The caller owns the transaction: notify runs inside it (with the given
 * EntityManager only), so a notice exists exactly when the change that caused it commits. After
 * the commit the caller hands the returned ids to DeliveryScheduler.enqueue.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly config: AppConfig) {}

  /**
   * Inserts one notification per recipient unless that recipient already has one with this
   * dedupe key (INSERT ... ON CONFLICT DO NOTHING), and returns the ids of those it created:
   * at-least-once processing, exactly-once notices. Concurrent calls with the same key wait on
   * the unique index; exactly one of them creates each row.
   *
   * Throws UnsafeNotificationError (before writing anything) if the kind, case number, dedupe key
   * or params are not ids and codes of the kind's template.
   */
  async notify<K extends NotificationKind>(m: EntityManager, input: NotifyInput<K>): Promise<string[]> {
    // Before anything is read or written; the case number is checked again once known.
    guardNotification(input.kind, input.params, { dedupeKey: input.dedupeKey, ...(input.caseNumber !== undefined && { caseNumber: input.caseNumber }) });
    const recipients = [...new Set(input.recipientIds.map((id) => id.toLowerCase()))];
    if (recipients.some((id) => !UUID.test(id))) throw new UnsafeNotificationError(['recipientIds must be UUIDs']);
    if (!UUID.test(input.caseId)) throw new UnsafeNotificationError(['caseId is not a UUID']);
    if (recipients.length === 0) return [];

    const caseNumber = input.caseNumber ?? (await this.caseNumberOf(m, input.caseId));
    const rendered = renderNotification(input.kind, { caseId: input.caseId, caseNumber, publicBaseUrl: this.config.PUBLIC_BASE_URL }, input.params);
    const rows: { id: string }[] = await m.query(
      `INSERT INTO notification (recipient_id, case_id, kind, dedupe_key, title, body, link, data)
       SELECT r, $2, $3, $4, $5, $6, $7, $8::jsonb FROM unnest($1::uuid[]) AS r
       ON CONFLICT (recipient_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [recipients, input.caseId, input.kind, input.dedupeKey, rendered.title, rendered.body, rendered.link, JSON.stringify(rendered.data)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Several notices at once, in one INSERT (the deadline steps a worker processes in one batch),
   * with the same guarantees as `notify`: guarded and rendered first, one per (recipient, dedupe
   * key), nothing written on an unsafe input. Each input must carry its case number. Resolves to
   * the ids created for each input, in order.
   */
  async notifyMany(m: EntityManager, inputs: readonly NotifyInput<NotificationKind>[]): Promise<string[][]> {
    const rows: { recipient: string; input: number; caseId: string; kind: string; key: string; title: string; body: string; link: string; data: string }[] = [];
    inputs.forEach((input, i) => {
      guardNotification(input.kind, input.params, { dedupeKey: input.dedupeKey, caseNumber: input.caseNumber });
      const recipients = [...new Set(input.recipientIds.map((id) => id.toLowerCase()))];
      if (recipients.some((id) => !UUID.test(id))) throw new UnsafeNotificationError(['recipientIds must be UUIDs']);
      if (!UUID.test(input.caseId)) throw new UnsafeNotificationError(['caseId is not a UUID']);
      const r = renderNotification(
        input.kind,
        { caseId: input.caseId, caseNumber: input.caseNumber!, publicBaseUrl: this.config.PUBLIC_BASE_URL },
        input.params,
      );
      for (const recipient of recipients) {
        rows.push({
          recipient,
          input: i,
          caseId: input.caseId,
          kind: input.kind,
          key: input.dedupeKey,
          title: r.title,
          body: r.body,
          link: r.link,
          data: JSON.stringify(r.data),
        });
      }
    });
    const created: string[][] = inputs.map(() => []);
    if (rows.length === 0) return created;
    const inserted: { id: string; recipient_id: string; dedupe_key: string }[] = await m.query(
      `INSERT INTO notification (recipient_id, case_id, kind, dedupe_key, title, body, link, data)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
       ON CONFLICT (recipient_id, dedupe_key) DO NOTHING
       RETURNING id, recipient_id, dedupe_key`,
      (['recipient', 'caseId', 'kind', 'key', 'title', 'body', 'link', 'data'] as const).map((f) => rows.map((row) => row[f])),
    );
    const owner = new Map(rows.map((row) => [`${row.recipient} ${row.key}`, row.input]));
    for (const n of inserted) created[owner.get(`${n.recipient_id} ${n.dedupe_key}`)!].push(n.id);
    return created;
  }

  /**
   * A notice about staff accounts, not a case (no case id, no case number): same guard, same
   * one-per-(recipient, dedupe key), same delivery channels. Returns the ids it created.
   */
  async notifyStaff<K extends StaffNoticeKind>(
    m: EntityManager,
    input: { recipientIds: readonly string[]; kind: K; dedupeKey: string; params: StaffNoticeParams[K] },
  ): Promise<string[]> {
    guardStaffNotice(input.kind, input.params, input.dedupeKey);
    const recipients = [...new Set(input.recipientIds.map((id) => id.toLowerCase()))];
    if (recipients.some((id) => !UUID.test(id))) throw new UnsafeNotificationError(['recipientIds must be UUIDs']);
    if (recipients.length === 0) return [];
    const rendered = renderStaffNotice(input.kind, input.params, this.config.PUBLIC_BASE_URL);
    const rows: { id: string }[] = await m.query(
      `INSERT INTO notification (recipient_id, case_id, kind, dedupe_key, title, body, link, data)
       SELECT r, NULL, $2, $3, $4, $5, $6, $7::jsonb FROM unnest($1::uuid[]) AS r
       ON CONFLICT (recipient_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [recipients, input.kind, input.dedupeKey, rendered.title, rendered.body, rendered.link, JSON.stringify(rendered.data)],
    );
    return rows.map((r) => r.id);
  }

  private async caseNumberOf(m: EntityManager, caseId: string): Promise<string> {
    const rows: { case_number: string }[] = await m.query(`SELECT case_number FROM "case" WHERE id = $1`, [caseId]);
    if (rows.length === 0) throw new Error(`notify: case ${caseId} does not exist`);
    return rows[0].case_number;
  }
}
