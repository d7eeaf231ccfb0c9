import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The current time for the rules the application applies: what a command records as its instant,
 * when a deadline counts from, what is overdue. One instance per process (ClockModule), injected
 * wherever a service needs "now", and read once per operation so that one command has one instant.
 * Tests replace it (FixedClock) to run those rules at any instant. Security and infrastructure
 * timing (token expiry, sign-in lockout windows, cache ages, queue delays) stays on real time.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** The one Clock of an application: imported once by each root module (API, worker, CLI). */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
