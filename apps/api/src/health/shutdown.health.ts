import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

/**
 * Whether the process is draining before it stops (see graceful-shutdown.ts).
 * Readiness reports it so that load balancers stop sending new clients here
 * while the ones already here are still served.
 */
@Injectable()
export class ShutdownHealthIndicator {
  private drainingSince?: number;

  constructor(private readonly health: HealthIndicatorService) {}

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  startDraining(): void {
    this.drainingSince ??= Date.now();
  }

  check(key = 'shutdown') {
    const indicator = this.health.check(key);
    return this.drainingSince === undefined ? indicator.up() : indicator.down({ message: 'shutting down' });
  }
}
