import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { TokenService } from '@haven/auth';
import { JobHandler, JobName, JobPayload } from '@haven/platform';

/** Routine clean-up of tables that would otherwise only grow. */
@Injectable()
export class HousekeepingJobs {
  constructor(private readonly tokens: TokenService) {}

  /** Idempotent: a second run (a retry, a duplicate) finds nothing left and deletes 0. */
  @JobHandler(JobName.PurgeExpiredRefreshTokens)
  async purgeExpiredRefreshTokens(payload: JobPayload<JobName.PurgeExpiredRefreshTokens>): Promise<{ deleted: number }> {
    const days = payload?.olderThanDays;
    if (!Number.isInteger(days) || days < 0) {
      // A malformed payload fails the same way on every retry.
      throw new UnrecoverableError('olderThanDays must be a non-negative integer');
    }
    return { deleted: await this.tokens.purgeExpired(days) };
  }
}
