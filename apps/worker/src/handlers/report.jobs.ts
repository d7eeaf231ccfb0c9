import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { JobHandler, JobName, JobPayload } from '@haven/platform';
import { DeadlineRollupService } from '@haven/reports';

/** Keeps the reports' rollups current. */
@Injectable()
export class ReportJobs {
  constructor(private readonly rollup: DeadlineRollupService) {}

  /** Idempotent: each deadline is folded once (marked in the same statement); a rerun folds what is left. */
  @JobHandler(JobName.RollupDeadlines)
  async rollupDeadlines(payload: JobPayload<JobName.RollupDeadlines>): Promise<{ folded: number; batches: number }> {
    const { batchSize, maxBatches } = payload ?? {};
    if (!Number.isInteger(batchSize) || batchSize < 1 || !Number.isInteger(maxBatches) || maxBatches < 1) {
      throw new UnrecoverableError('batchSize and maxBatches must be positive integers');
    }
    return this.rollup.foldPending(batchSize, maxBatches);
  }
}
