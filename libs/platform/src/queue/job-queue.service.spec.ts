import type { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { AppConfig } from '../config/config.module';
import { JobQueue } from './job-queue.service';
import { JobName, QueueName, STEP_JOB_OPTIONS } from './queue.constants';

type Added = { name: string; data: unknown; opts: Record<string, unknown> };

function jobQueue(addBulk: (queue: string, jobs: Added[]) => Promise<unknown>): JobQueue {
  const queues = new Map(Object.values(QueueName).map((name) => [getQueueToken(name), { addBulk: (jobs: Added[]) => addBulk(name, jobs) }]));
  const moduleRef = { get: (token: string) => queues.get(token) } as unknown as ModuleRef;
  return new JobQueue(moduleRef, { DELIVERY_ATTEMPTS: 3, DELIVERY_BACKOFF_MS: 50 } as AppConfig);
}

describe('JobQueue.enqueueAfterCommit', () => {
  it('adds each job to its queue with the options of its name, its id and its delay (never negative)', async () => {
    const added: [string, Added[]][] = [];
    const jobs = jobQueue(async (queue, list) => added.push([queue, list]));
    const count = await jobs.enqueueAfterCommit([
      { name: JobName.DeadlineStep, data: { deadlineId: 'd1', step: 'reminder:0', dueAtMs: 1 }, id: 'dl-d1', delayMs: -5 },
      { name: JobName.DeliverNotification, data: { notificationId: 'n1' }, id: 'deliver-n1' },
    ]);
    expect(count).toBe(2);
    expect(added).toEqual([
      [
        QueueName.Deadlines,
        [{ name: JobName.DeadlineStep, data: { deadlineId: 'd1', step: 'reminder:0', dueAtMs: 1 }, opts: { ...STEP_JOB_OPTIONS, jobId: 'dl-d1', delay: 0 } }],
      ],
      [
        QueueName.Delivery,
        [
          {
            name: JobName.DeliverNotification,
            data: { notificationId: 'n1' },
            opts: { attempts: 3, backoff: { type: 'exponential', delay: 50 }, jobId: 'deliver-n1' },
          },
        ],
      ],
    ]);
  });

  it('never throws: a refusal or no answer within the timeout resolves to 0', async () => {
    const job = { name: JobName.DeliverNotification, data: { notificationId: 'n1' }, id: 'deliver-n1' } as const;
    await expect(jobQueue(() => Promise.reject(new Error('down'))).enqueueAfterCommit([job])).resolves.toBe(0);
    const started = Date.now();
    await expect(jobQueue(() => new Promise(() => undefined)).enqueueAfterCommit([job], { timeoutMs: 50 })).resolves.toBe(0);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('adds nothing for no jobs', async () => {
    const addBulk = jest.fn();
    await expect(jobQueue(addBulk).enqueueAfterCommit([])).resolves.toBe(0);
    expect(addBulk).not.toHaveBeenCalled();
  });
});
