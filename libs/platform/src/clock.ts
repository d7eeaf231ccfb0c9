import { Injectable } from '@nestjs/common';

/** The current time, injectable so that deadline tests can move it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
