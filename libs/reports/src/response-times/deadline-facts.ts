/**
 * The pieces of SQL the response-times report and the rollup share, so a deadline is counted the
 * same way whether it was folded into `deadline_rollup` or read from its row.
 */

/** The month (first day, Vietnam time) in which the deadline started counting. */
export const FACT_MONTH = (d: string): string => `(date_trunc('month', ${d}.counted_from AT TIME ZONE 'Asia/Ho_Chi_Minh'))::date`;

/** met on time, met late, cancelled; open ones are overdue or not yet due as of `nowParam`. */
export const FACT_OUTCOME = (d: string, nowParam?: string): string => `CASE
    WHEN ${d}.status = 'met' THEN CASE WHEN ${d}.met_at <= ${d}.due_at THEN 'met_on_time' ELSE 'met_late' END
    WHEN ${d}.status = 'cancelled' THEN 'cancelled'
    ${nowParam ? `WHEN ${d}.due_at < ${nowParam} THEN 'open_overdue' ELSE 'open_not_due'` : `ELSE 'open'`} END`;

/** The duration's bucket (see the ResponseTimeRollup migration); 0 for deadlines not met. */
export const FACT_BUCKET = (d: string): string =>
  `CASE WHEN ${d}.status = 'met' THEN haven_duration_bucket(extract(epoch FROM ${d}.met_at - ${d}.counted_from)) ELSE 0 END`;
