import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, ClockModule } from './clock';
import { FixedClock } from './fixed-clock';

@Injectable()
class NeedsTime {
  constructor(readonly clock: Clock) {}
}

/** A feature module that does not import ClockModule: the global one must reach it. */
@Module({ providers: [NeedsTime], exports: [NeedsTime] })
class FeatureModule {}

describe('Clock', () => {
  it('is provided once, globally, by ClockModule: a feature module gets the root’s instance without importing it', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ClockModule, FeatureModule] }).compile();
    expect(moduleRef.get(NeedsTime).clock).toBe(moduleRef.get(Clock));
  });

  it('is replaced everywhere by overriding the one provider', async () => {
    const fixed = new FixedClock('2026-03-02T02:00:00Z');
    const moduleRef = await Test.createTestingModule({ imports: [ClockModule, FeatureModule] })
      .overrideProvider(Clock)
      .useValue(fixed)
      .compile();
    expect(moduleRef.get(NeedsTime).clock.now()).toEqual(new Date('2026-03-02T02:00:00Z'));
  });

  it('reads the real time', () => {
    const before = Date.now();
    const now = new Clock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('FixedClock', () => {
  it('stands still until set or advanced', () => {
    const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
    expect(clock.now()).toEqual(new Date('2026-03-02T02:00:00Z'));
    clock.advance(90_000);
    expect(clock.now()).toEqual(new Date('2026-03-02T02:01:30Z'));
    clock.set('2026-03-09T00:00:00Z');
    expect(clock.now()).toEqual(new Date('2026-03-09T00:00:00Z'));
  });

  it('hands out copies: a caller mutating its Date moves neither the clock nor the Date it was built from', () => {
    const start = new Date('2026-03-02T02:00:00Z');
    const clock = new FixedClock(start);
    start.setUTCFullYear(2030);
    clock.now().setUTCFullYear(2031);
    expect(clock.now()).toEqual(new Date('2026-03-02T02:00:00Z'));
  });
});
