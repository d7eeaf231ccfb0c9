/**
 * Every queue and job name, in one place. Payloads carry ids, never rows, and
 * are typed per job name; the worker refuses to boot unless each job name has
 * exactly one handler.
 */
export enum QueueName {
  Housekeeping = 'housekeeping',
  Delivery = 'delivery',
  Deadlines = 'deadlines',
}

export enum JobName {
  PurgeExpiredRefreshTokens = 'purge-expired-refresh-tokens',
  DeliverNotification = 'deliver-notification',
  ReconcileDeliveries = 'reconcile-deliveries',
  DeadlineStep = 'deadline-step',
  ReconcileDeadlines = 'reconcile-deadlines',
  RollupDeadlines = 'rollup-deadlines',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredRefreshTokens]: QueueName.Housekeeping,
  [JobName.DeliverNotification]: QueueName.Delivery,
  // Housekeeping, not Delivery: a backlog of deliveries must not hold up the job that repairs it.
  [JobName.ReconcileDeliveries]: QueueName.Housekeeping,
  [JobName.DeadlineStep]: QueueName.Deadlines,
  // Like the delivery reconciler: a backlog of steps must not hold up the job that repairs it.
  [JobName.ReconcileDeadlines]: QueueName.Housekeeping,
  [JobName.RollupDeadlines]: QueueName.Housekeeping,
};

export interface JobPayloads {
  [JobName.PurgeExpiredRefreshTokens]: { olderThanDays: number };
  [JobName.DeliverNotification]: { notificationId: string };
  /** Notifications created within the last `lookbackHours` whose delivery is missing are enqueued again. */
  [JobName.ReconcileDeliveries]: { lookbackHours: number };
  /** One step (`reminder:<i>`, `escalation:1`, `escalation:2`) of a deadline, computed when its due time was `dueAtMs`. */
  [JobName.DeadlineStep]: { deadlineId: string; step: string; dueAtMs: number };
  /** Open deadlines whose next step falls within `horizonSeconds` (or is late) are put back on the queue if missing. */
  [JobName.ReconcileDeadlines]: { horizonSeconds: number };
  /** Met and cancelled deadlines are folded into the response-time rollup, `batchSize` per transaction, at most `maxBatches` per run. */
  [JobName.RollupDeadlines]: { batchSize: number; maxBatches: number };
}

export type JobPayload<N extends JobName> = JobPayloads[N];
