import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@haven/platform';
import { DeadlineScheduler } from './deadline-scheduler.service';
import { DeadlineRepository, PendingStep } from './deadline.repository';

/** Rows read and re-added per round trip. */
const PAGE = 1_000;
/** At most this many steps per run; the rest wait for the next run (every 30 s). */
const MAX_PER_RUN = 50_000;

/**
 * Puts back on the queue every open deadline's next step that falls within the horizon or is
 * already late and whose job is missing: lost at commit (Redis down), flushed, or finished
 * without the deadline moving on (skipped as early). The jobs still there are left alone (and
 * adding one whose id exists would be a no-op anyway). The step service's checks (skipReason) and the
 * notifications' unique key make a step that runs twice harmless.
 */
@Injectable()
export class DeadlineReconciler {
  private readonly logger = new Logger(DeadlineReconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineRepository,
    private readonly scheduler: DeadlineScheduler,
    private readonly clock: Clock,
  ) {}

  async reconcile(horizonSeconds: number, now = this.clock.now()): Promise<{ pending: number; scheduled: number; late: number }> {
    const until = new Date(now.getTime() + horizonSeconds * 1000);
    let pending = 0;
    let scheduled = 0;
    let late = 0;
    let after: PendingStep['cursor'] | undefined;
    while (pending < MAX_PER_RUN) {
      const page = await this.deadlines.pendingSteps(this.dataSource.manager, until, PAGE, after);
      if (page.length === 0) break;
      pending += page.length;
      const missing = await this.scheduler.missing(page).catch(() => null);
      // Redis is away: the next run tries again.
      if (missing === null) break;
      if (missing.length > 0 && (await this.scheduler.schedule(missing, now.getTime())) === 0) break;
      scheduled += missing.length;
      late += missing.filter((s) => s.at.getTime() < now.getTime() - 60_000).length;
      after = page[page.length - 1].cursor;
      if (page.length < PAGE) break;
    }
    if (late > 0) this.logger.warn({ late }, 'deadline steps more than a minute late had no job and were put back on the queue');
    return { pending, scheduled, late };
  }
}
