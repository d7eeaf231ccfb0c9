import { JobName, JobPayload } from '@haven/platform';

interface ScheduleOf<N extends JobName> {
  /** The BullMQ job scheduler id: stable, so re-upserting at every boot replaces rather than adds. */
  id: string;
  name: N;
  /** Cron pattern, read in `tz`. */
  pattern: string;
  tz: string;
  data: JobPayload<N>;
}

/** A schedule whose payload type follows from its job name. */
export type JobSchedule = { [N in JobName]: ScheduleOf<N> }[JobName];

/** Where the office is: "3 a.m." means 3 a.m. in Vietnam, whatever the server's clock zone. */
export const SCHEDULE_TZ = 'Asia/Ho_Chi_Minh';

/**
 * Every recurring job. The worker owns job schedulers: at boot it upserts
 * these and removes any other scheduler it finds, so deleting a line here
 * stops that schedule in every environment.
 */
export const JOB_SCHEDULES: readonly JobSchedule[] = [
  {
    id: 'purge-expired-refresh-tokens',
    name: JobName.PurgeExpiredRefreshTokens,
    // Quiet hours; a week past expiry, a token is no longer needed even to detect re-use.
    pattern: '0 3 * * *',
    tz: SCHEDULE_TZ,
    data: { olderThanDays: 7 },
  },
  {
    id: 'reconcile-deliveries',
    name: JobName.ReconcileDeliveries,
    // A notification whose delivery job was lost (Redis down at commit, a flushed queue) waits a minute at most.
    pattern: '* * * * *',
    tz: SCHEDULE_TZ,
    data: { lookbackHours: 48 },
  },
  {
    id: 'reconcile-deadlines',
    name: JobName.ReconcileDeadlines,
    // Every 30 s (a six-field pattern counts seconds): a step whose job was lost waits a minute at most.
    pattern: '*/30 * * * * *',
    tz: SCHEDULE_TZ,
    data: { horizonSeconds: 60 },
  },
  {
    id: 'rollup-deadlines',
    name: JobName.RollupDeadlines,
    // Every minute; the report reads what is not folded yet from the rows, so this only keeps it fast.
    pattern: '* * * * *',
    tz: SCHEDULE_TZ,
    data: { batchSize: 20_000, maxBatches: 25 },
  },
];
