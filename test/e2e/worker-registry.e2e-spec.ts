import { Injectable, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { JobHandler, JobName, JobPayload } from '@haven/platform';
import { DiscoveredJobHandler, indexJobHandlers, InvalidJobHandlersError, JobHandlerRegistry } from '../../apps/worker/src/runtime/job-handler.registry';
import { startWorker } from '../support/worker';

@Injectable()
class PurgeHandler {
  @JobHandler(JobName.PurgeExpiredRefreshTokens)
  async purge(payload: JobPayload<JobName.PurgeExpiredRefreshTokens>): Promise<{ days: number }> {
    return { days: payload.olderThanDays };
  }
}

@Injectable()
class SecondPurgeHandler {
  @JobHandler(JobName.PurgeExpiredRefreshTokens)
  async purgeAgain(): Promise<{ skipped: string }> {
    return { skipped: 'duplicate' };
  }
}

@Injectable()
class NoHandlers {
  async unrelated(): Promise<void> {}
}

/** Stub handlers of every other job name, so that these tests are about purge alone, whatever else the worker runs. */
@Injectable()
class OtherJobHandlers {}
const OTHER_JOBS = Object.values(JobName).filter((name) => name !== JobName.PurgeExpiredRefreshTokens);
for (const name of OTHER_JOBS) {
  const descriptor = { value: async () => ({ stub: name }), writable: true, configurable: true };
  Object.defineProperty(OtherJobHandlers.prototype, `handle:${name}`, descriptor);
  JobHandler(name)(OtherJobHandlers.prototype, `handle:${name}`, descriptor as never);
}

/** The real registry with Nest's discovery over the given providers, in a module of their own. */
async function bootRegistry(providers: Provider[]): Promise<JobHandlerRegistry> {
  @Module({ providers })
  class HandlersModule {}
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule, HandlersModule], providers: [JobHandlerRegistry, OtherJobHandlers] }).compile();
  await moduleRef.init();
  return moduleRef.get(JobHandlerRegistry);
}

describe('job handler registry', () => {
  it('finds the one handler of each job name and calls it bound to its provider', async () => {
    const registry = await bootRegistry([PurgeHandler, NoHandlers]);
    await expect(registry.handlerOf(JobName.PurgeExpiredRefreshTokens)({ olderThanDays: 3 }, { id: '1', attempt: 1 })).resolves.toEqual({ days: 3 });
  });

  it('refuses to boot when a job name has no handler', async () => {
    await expect(bootRegistry([NoHandlers])).rejects.toThrow(new InvalidJobHandlersError([`"${JobName.PurgeExpiredRefreshTokens}" has no handler`]));
  });

  it('refuses to boot when a job name has two handlers, naming both', async () => {
    await expect(bootRegistry([PurgeHandler, SecondPurgeHandler])).rejects.toThrow(
      `"${JobName.PurgeExpiredRefreshTokens}" has 2 handlers: PurgeHandler.purge, SecondPurgeHandler.purgeAgain`,
    );
  });

  it('counts a provider aliased with useExisting once', async () => {
    const registry = await bootRegistry([PurgeHandler, { provide: 'alias', useExisting: PurgeHandler }]);
    expect(registry.handlerOf(JobName.PurgeExpiredRefreshTokens)).toEqual(expect.any(Function));
  });

  it('lists every problem at once, including handlers of names that are not JobNames', () => {
    const run = async () => ({});
    const others: DiscoveredJobHandler[] = OTHER_JOBS.map((name) => ({ name, owner: `Other.${name}`, run }));
    const found: DiscoveredJobHandler[] = [...others, { name: 'renamed-job', owner: 'Old.handler', run }];
    expect(() => indexJobHandlers(found)).toThrow(
      new InvalidJobHandlersError([`"${JobName.PurgeExpiredRefreshTokens}" has no handler`, 'Old.handler handles "renamed-job", which is not a JobName']),
    );
  });

  it('stops the real worker from booting when a second handler is registered', async () => {
    await expect(startWorker({}, { providers: [SecondPurgeHandler] })).rejects.toThrow(
      `"${JobName.PurgeExpiredRefreshTokens}" has 2 handlers: HousekeepingJobs.purgeExpiredRefreshTokens, SecondPurgeHandler.purgeAgain`,
    );
  });
});
