import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_HANDLER_METADATA, JobContext, JobHandlerFn, JobName, JobResult } from '@haven/platform';

/** One method found with @JobHandler, bound to its provider instance. */
export interface DiscoveredJobHandler {
  name: string;
  /** `Provider.method`, for error messages. */
  owner: string;
  run: (payload: unknown, context: JobContext) => Promise<JobResult>;
}

export class InvalidJobHandlersError extends Error {
  constructor(readonly problems: string[]) {
    super(`The worker cannot start: every job name needs exactly one @JobHandler.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidJobHandlersError';
  }
}

const JOB_NAMES = new Set<string>(Object.values(JobName));

/**
 * Checks the handlers against the JobName enum and indexes them. Lists every
 * problem at once, so a developer fixes them in one go: a job with no handler
 * would sit in Redis retrying until it fails, and two handlers would make
 * which one runs an accident of module order.
 */
export function indexJobHandlers(found: readonly DiscoveredJobHandler[]): Map<JobName, DiscoveredJobHandler> {
  const problems: string[] = [];
  const index = new Map<JobName, DiscoveredJobHandler>();
  for (const name of Object.values(JobName)) {
    const handlers = found.filter((h) => h.name === name);
    const owners = handlers.map((h) => h.owner).sort();
    if (handlers.length === 0) problems.push(`"${name}" has no handler`);
    else if (handlers.length > 1) problems.push(`"${name}" has ${handlers.length} handlers: ${owners.join(', ')}`);
    else index.set(name, handlers[0]);
  }
  for (const h of found) {
    if (!JOB_NAMES.has(h.name)) problems.push(`${h.owner} handles "${h.name}", which is not a JobName`);
  }
  if (problems.length > 0) throw new InvalidJobHandlersError(problems);
  return index;
}

/** Every @JobHandler method on the app's providers. */
export function discoverJobHandlers(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): DiscoveredJobHandler[] {
  const found: DiscoveredJobHandler[] = [];
  // An alias (useExisting) yields the same instance under a second wrapper; count it once.
  const seen = new Set<object>();
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
    seen.add(instance);
    const proto = Object.getPrototypeOf(instance) as object | null;
    if (!proto) continue;
    for (const method of scanner.getAllMethodNames(proto)) {
      const fn = (proto as Record<string, unknown>)[method];
      if (typeof fn !== 'function') continue;
      const name = reflector.get<string | undefined>(JOB_HANDLER_METADATA, fn as (...args: unknown[]) => unknown);
      if (name === undefined) continue;
      const owner = `${wrapper.name}.${method}`;
      if (!wrapper.isDependencyTreeStatic()) {
        // A request-scoped provider has no instance outside a request; a job is not one.
        throw new InvalidJobHandlersError([`${owner} handles "${name}" but its provider is not a singleton`]);
      }
      found.push({ name, owner, run: (fn as DiscoveredJobHandler['run']).bind(instance) });
    }
  }
  return found;
}

/**
 * Finds the @JobHandler methods when the modules initialise — before any
 * worker takes a job — and refuses to boot unless each JobName has exactly one.
 */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private handlers = new Map<JobName, DiscoveredJobHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.handlers = indexJobHandlers(discoverJobHandlers(this.discovery, this.scanner, this.reflector));
  }

  /** The handler of a job name; its payload type follows from the name. */
  handlerOf<N extends JobName>(name: N): JobHandlerFn<N> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no handler for job "${name}": the registry has not been initialised`);
    // The decorator only accepts methods typed JobHandlerFn<N> for this N.
    return handler.run as JobHandlerFn<N>;
  }
}
