/**
 * Every queue and job name, in one place. Payloads carry ids, never rows, and
 * are typed per job name; the worker refuses to boot unless each job name has
 * exactly one handler.
 */
export enum QueueName {
  Housekeeping = 'housekeeping',
}

export enum JobName {
  PurgeExpiredRefreshTokens = 'purge-expired-refresh-tokens',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredRefreshTokens]: QueueName.Housekeeping,
};

export interface JobPayloads {
  [JobName.PurgeExpiredRefreshTokens]: { olderThanDays: number };
}

export type JobPayload<N extends JobName> = JobPayloads[N];
