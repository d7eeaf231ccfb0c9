import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DeadlineReconciler, DeadlineStepService, StepJob, StepOutcome } from '@haven/deadlines';
import { isDeadlineStep } from '@haven/domain';
import { JobContext, JobHandler, JobName, JobPayload, JobResult, MicroBatcher } from '@haven/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_HORIZON_SECONDS = 3600;

/**
 * Step jobs that arrive within a few milliseconds of each other share a transaction (up to the
 * queue's concurrency): one step waits 5 ms more, a burst of thousands costs a few hundred
 * transactions instead of thousands.
 */
export const STEP_BATCH = { maxSize: 50, lingerMs: 5 };

/**
 * The timers of deadlines: each step job reminds the owner or escalates and schedules the step
 * that follows (DeadlineStepService in libs/deadlines); the reconciler puts back whatever the queue lost.
 */
@Injectable()
export class DeadlineJobs {
  private readonly logger = new Logger(DeadlineJobs.name);
  private readonly batcher: MicroBatcher<StepJob, StepOutcome>;

  constructor(
    steps: DeadlineStepService,
    private readonly reconciler: DeadlineReconciler,
  ) {
    this.batcher = new MicroBatcher((jobs) => steps.processAll(jobs), STEP_BATCH);
  }

  /** One step of one deadline, if still current (else skipped, with the reason in the log and the job's result). */
  @JobHandler(JobName.DeadlineStep)
  async step(payload: JobPayload<JobName.DeadlineStep>, context: JobContext): Promise<JobResult> {
    const { deadlineId, step, dueAtMs } = payload ?? {};
    if (typeof deadlineId !== 'string' || !UUID.test(deadlineId) || !isDeadlineStep(step) || !Number.isSafeInteger(dueAtMs)) {
      throw new UnrecoverableError('a deadline step needs a deadline id, a step name and a due time in ms');
    }
    const outcome = await this.batcher.submit({ deadlineId: deadlineId.toLowerCase(), step, dueAtMs });
    const fields = { correlationId: context.id, deadlineId, step };
    if ('skipped' in outcome) {
      this.logger.log({ ...fields, reason: outcome.skipped }, 'deadline step skipped');
      return { skipped: outcome.skipped };
    }
    if (outcome.recipients === 0) this.logger.warn({ ...fields, kind: outcome.kind }, 'deadline step has nobody to notify');
    return { notified: outcome.notified, recipients: outcome.recipients, next: outcome.next };
  }

  /** Every 30 s: puts back every step due within the horizon (or late) whose job is missing. Idempotent. */
  @JobHandler(JobName.ReconcileDeadlines)
  async reconcile(payload: JobPayload<JobName.ReconcileDeadlines>): Promise<JobResult> {
    const horizon = payload?.horizonSeconds;
    if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON_SECONDS) {
      throw new UnrecoverableError(`horizonSeconds must be an integer from 1 to ${MAX_HORIZON_SECONDS}`);
    }
    return { ...(await this.reconciler.reconcile(horizon)) };
  }
}
