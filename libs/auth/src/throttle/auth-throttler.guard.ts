import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { AppException, ErrorCode } from '@haven/platform';

/** The throttler, answering in the API's error shape with a standard Retry-After header. */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire || detail.timeToExpire);
    throw new AppException(
      ErrorCode.RateLimited,
      `Too many requests; try again in ${seconds} seconds`,
      [{ message: 'rate limited', retryAfterSeconds: seconds }],
      {
        'retry-after': String(seconds),
      },
    );
  }
}
