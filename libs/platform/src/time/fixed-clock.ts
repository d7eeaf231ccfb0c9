import { Clock } from './clock';

/** A Clock that stands still until told otherwise: for tests of time-dependent rules (`overrideProvider(Clock).useValue(clock)`). */
export class FixedClock extends Clock {
  private at: Date;

  constructor(at: Date | string) {
    super();
    this.at = new Date(at);
  }

  override now(): Date {
    return new Date(this.at.getTime());
  }

  set(at: Date | string): void {
    this.at = new Date(at);
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}
