import type { JobsOptions } from 'bullmq';
import type { EnvironmentVariables } from '../config/env.dto';

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

/** What an operator tunes about how jobs are added (see env.dto.ts). */
export type JobTuning = Pick<EnvironmentVariables, 'DELIVERY_ATTEMPTS' | 'DELIVERY_BACKOFF_MS'>;

/**
 * Deadline steps: retried quickly (a step is a few database statements; a failure is the database
 * or Redis blinking), and removed once finished so that the reconciler can add the same id again
 * if the deadline still needs that step (a job lost, flushed, or skipped as early). A failed job
 * is kept ten minutes for investigation; it blocks its id until then.
 */
export const STEP_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 600 },
};

/**
 * How each job is added, beside the queue it goes to: one record, so a new job name cannot be
 * added without deciding its retries. `{}` means the queue's defaults (DEFAULT_JOB_OPTIONS:
 * slow retries, finished jobs kept a while). Ids and delays are the producer's (JobQueue.optionsFor).
 */
export const JOB_OPTIONS: Record<JobName, (tuning: JobTuning) => JobsOptions> = {
  [JobName.PurgeExpiredRefreshTokens]: () => ({}),
  // Retries back off exponentially from DELIVERY_BACKOFF_MS, DELIVERY_ATTEMPTS tries in all.
  [JobName.DeliverNotification]: (t) => ({ attempts: t.DELIVERY_ATTEMPTS, backoff: { type: 'exponential', delay: t.DELIVERY_BACKOFF_MS } }),
  [JobName.ReconcileDeliveries]: () => ({}),
  [JobName.DeadlineStep]: () => STEP_JOB_OPTIONS,
  [JobName.ReconcileDeadlines]: () => ({}),
  [JobName.RollupDeadlines]: () => ({}),
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
