import { SetMetadata } from '@nestjs/common';
import { JobName, JobPayload } from './queue.constants';

/** Metadata key the worker's registry looks for on provider methods. */
export const JOB_HANDLER_METADATA = 'haven:job-handler';

/**
 * What a handler returns. BullMQ stores it as the job's return value (visible
 * in Redis and dashboards), so it is flat JSON about the work done — counts or
 * a skip reason — never rows or personal data.
 */
export type JobResult = Readonly<Record<string, string | number | boolean | null>>;

/** Facts about the job being run, for handlers that log or care about retries. */
export interface JobContext {
  /** The BullMQ job id: the correlation id of every log line about this job. */
  readonly id: string;
  /** 1 on the first run, 2 on the first retry, and so on. */
  readonly attempt: number;
}

export type JobHandlerFn<N extends JobName> = (payload: JobPayload<N>, context: JobContext) => Promise<JobResult>;

/**
 * Marks a provider method as the handler of one job name. The method's payload
 * type is checked against `JobPayloads[name]` at compile time; the worker checks
 * at boot that every job name has exactly one handler.
 */
export function JobHandler<N extends JobName>(name: N) {
  return <T extends JobHandlerFn<N>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    SetMetadata(JOB_HANDLER_METADATA, name)(target, key, descriptor);
  };
}
