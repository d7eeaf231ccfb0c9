import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { CaseCommandKind } from '@haven/domain';
import { ACCESS_KEY, AccessRule, COMMAND_KIND_KEY } from './access.decorator';

const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';

export interface DeclaredRoute {
  controller: string;
  handler: string;
  method: string;
  path: string;
  rule: AccessRule | undefined;
  /** The lifecycle command the route issues (`@CommandRoute`), if any. */
  command: CaseCommandKind | undefined;
}

/** Every route handler of the app with its access rule (undefined if it declares none). */
export function listRoutes(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance) continue;
    const proto = Object.getPrototypeOf(instance) as object;
    const controllerPath = Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) as string | string[] | undefined;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = (proto as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[];
      routes.push({
        controller: wrapper.name,
        handler: name,
        method: RequestMethod[method],
        path: [controllerPath, path]
          .flat()
          .filter((p) => p && p !== '/')
          .join('/'),
        // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
        rule: reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [handler, wrapper.metatype as Function]),
        command: reflector.get<CaseCommandKind | undefined>(COMMAND_KIND_KEY, handler),
      });
    }
  }
  return routes;
}

/** Refuses to start an app with a route that declares no access rule. */
@Injectable()
export class RouteAudit implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): DeclaredRoute[] {
    return listRoutes(this.discovery, this.scanner, this.reflector);
  }

  onApplicationBootstrap(): void {
    const undeclared = this.routes().filter((r) => !r.rule);
    if (undeclared.length > 0) {
      throw new Error(
        `Routes without an access declaration (@Public, @Authenticated or @Roles): ${undeclared.map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`).join(', ')}`,
      );
    }
  }
}
