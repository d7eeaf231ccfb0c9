import { Injectable, Logger } from '@nestjs/common';
import { JOB_QUEUE, JobQueue, QueueName } from '@haven/platform';
import { JOB_SCHEDULES, JobSchedule } from './job-schedules';

/** Makes Redis hold exactly the job schedulers of JOB_SCHEDULES. Idempotent. */
@Injectable()
export class JobScheduler {
  private readonly logger = new Logger(JobScheduler.name);

  constructor(private readonly jobs: JobQueue) {}

  async sync(schedules: readonly JobSchedule[] = JOB_SCHEDULES): Promise<void> {
    for (const queueName of Object.values(QueueName)) {
      const queue = this.jobs.queue(queueName);
      const wanted = schedules.filter((s) => JOB_QUEUE[s.name] === queueName);
      for (const s of wanted) {
        // Same id, pattern and template: BullMQ keeps the one scheduler and its next run.
        await queue.upsertJobScheduler(s.id, { pattern: s.pattern, tz: s.tz }, { name: s.name, data: s.data });
      }
      const ids = new Set(wanted.map((s) => s.id));
      for (const existing of await queue.getJobSchedulers()) {
        if (ids.has(existing.key)) continue;
        await queue.removeJobScheduler(existing.key);
        this.logger.warn({ queue: queueName, scheduler: existing.key }, 'removed a job scheduler that is no longer declared');
      }
      if (wanted.length > 0) this.logger.log({ queue: queueName, schedulers: [...ids] }, 'job schedulers in place');
    }
  }
}
