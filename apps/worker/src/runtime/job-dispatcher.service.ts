import { performance } from 'node:perf_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayload, JobResult, QueueName } from '@haven/platform';
import { JobHandlerRegistry } from './job-handler.registry';

const JOB_NAMES = new Set<string>(Object.values(JobName));
const isJobName = (name: string): name is JobName => JOB_NAMES.has(name);

/**
 * Name, message and stack only: pino's default serializer would also log an
 * error's own fields, and a database error carries the query's parameters.
 */
const describeError = (err: unknown) => (err instanceof Error ? { type: err.name, message: err.message, stack: err.stack } : { message: String(err) });

/**
 * Runs a job taken from a queue with the handler of its name. Logs name, id
 * and outcome only: payloads carry ids, but they stay out of the logs anyway
 * so that a careless payload can never leak into them.
 */
@Injectable()
export class JobDispatcher {
  private readonly logger = new Logger(JobDispatcher.name);

  constructor(private readonly registry: JobHandlerRegistry) {}

  async dispatch(queue: QueueName, job: Job<unknown, JobResult, string>): Promise<JobResult> {
    const fields = { correlationId: job.id, queue, job: job.name, attempt: job.attemptsMade + 1 };
    if (!isJobName(job.name) || JOB_QUEUE[job.name] !== queue) {
      // Retrying cannot help: fail it now instead of backing off five times.
      this.logger.error(fields, 'job name has no handler on this queue');
      throw new UnrecoverableError(`job "${job.name}" has no handler on queue "${queue}"`);
    }
    const started = performance.now();
    try {
      // Producers add jobs through JobQueue.add, typed by name; handlers still check what they rely on.
      const payload = job.data as JobPayload<typeof job.name>;
      const result = await this.registry.handlerOf(job.name)(payload, { id: job.id ?? '', attempt: fields.attempt });
      this.logger.log({ ...fields, result, ms: Math.round(performance.now() - started) }, 'job completed');
      return result;
    } catch (err) {
      const final = err instanceof UnrecoverableError || fields.attempt >= (job.opts.attempts ?? 1);
      this.logger[final ? 'error' : 'warn'](
        { ...fields, err: describeError(err), ms: Math.round(performance.now() - started), final },
        final ? 'job failed' : 'job failed, will retry',
      );
      throw err;
    }
  }
}
