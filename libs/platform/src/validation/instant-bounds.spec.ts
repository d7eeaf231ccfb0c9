import { plainToInstance } from 'class-transformer';
import { IsISO8601, IsOptional, validateSync } from 'class-validator';
import { EVENT_HISTORY_YEARS, FUTURE_SKEW_MS, IsFilterInstant, IsPastInstant, IsPlannedInstant, PLANNING_HORIZON_YEARS } from './instant-bounds';

class Sample {
  @IsOptional() @IsISO8601({ strict: true }) @IsPastInstant() occurredAt?: string;
  @IsOptional() @IsISO8601({ strict: true }) @IsPlannedInstant() dueAt?: string;
  @IsOptional() @IsISO8601({ strict: true }) @IsFilterInstant() from?: string;
}

/** A fixed clock: 2026-03-10 08:00 in Vietnam. */
const NOW = Date.parse('2026-03-10T01:00:00Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const YEAR = 365.25 * 86_400_000;

const errors = (input: Record<string, unknown>) => validateSync(plainToInstance(Sample, input)).map((e) => [e.property, Object.keys(e.constraints ?? {})]);
const fields = (input: Record<string, unknown>) => errors(input).map(([f]) => f);

describe('instant bounds (fixed clock)', () => {
  beforeAll(() => jest.useFakeTimers({ now: NOW }));
  afterAll(() => jest.useRealTimers());

  it('IsPastInstant: now, the skew and the history window pass; beyond either end fails', () => {
    expect(fields({ occurredAt: at(0) })).toEqual([]);
    expect(fields({ occurredAt: at(FUTURE_SKEW_MS) })).toEqual([]);
    expect(fields({ occurredAt: at(FUTURE_SKEW_MS + 1000) })).toEqual(['occurredAt']);
    expect(fields({ occurredAt: at(-EVENT_HISTORY_YEARS * YEAR + 86_400_000) })).toEqual([]);
    expect(fields({ occurredAt: at(-EVENT_HISTORY_YEARS * YEAR - 86_400_000) })).toEqual(['occurredAt']);
    for (const occurredAt of ['2030-01-01T00:00:00Z', '1900-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z'])
      expect(fields({ occurredAt })).toEqual(['occurredAt']);
  });

  it('IsPlannedInstant: ahead up to the planning horizon, back to the history window', () => {
    expect(fields({ dueAt: at(4 * YEAR) })).toEqual([]);
    expect(fields({ dueAt: at(PLANNING_HORIZON_YEARS * YEAR - 86_400_000) })).toEqual([]);
    expect(fields({ dueAt: at(PLANNING_HORIZON_YEARS * YEAR + 86_400_000) })).toEqual(['dueAt']);
    expect(fields({ dueAt: at(-YEAR) })).toEqual([]);
    expect(fields({ dueAt: '1900-01-01T00:00:00Z' })).toEqual(['dueAt']);
    expect(fields({ dueAt: '9999-12-31T23:59:59Z' })).toEqual(['dueAt']);
  });

  it('IsFilterInstant: dates and date-times from 1900 to the planning horizon', () => {
    expect(fields({ from: '1900-01-01' })).toEqual([]);
    expect(fields({ from: '2026-12-31' })).toEqual([]);
    expect(fields({ from: '1899-12-31' })).toEqual(['from']);
    expect(fields({ from: '9999-12-31' })).toEqual(['from']);
    expect(fields({ from: at(PLANNING_HORIZON_YEARS * YEAR + 86_400_000) })).toEqual(['from']);
  });

  it('leaves what is not ISO-8601 to IsISO8601 (one error), and names the rule, not the value', () => {
    expect(errors({ occurredAt: 'yesterday' })).toEqual([['occurredAt', ['isIso8601']]]);
    expect(errors({ occurredAt: 42 })).toEqual([['occurredAt', ['isIso8601']]]);
    const [error] = validateSync(plainToInstance(Sample, { occurredAt: '9999-12-31T23:59:59Z' }));
    expect(error.constraints).toEqual({ instantWithin: `occurredAt must be not in the future and not more than ${EVENT_HISTORY_YEARS} years ago` });
  });

  it('moves with the clock', () => {
    jest.setSystemTime(NOW + 10 * YEAR);
    expect(fields({ occurredAt: at(5 * YEAR) })).toEqual([]);
    jest.setSystemTime(NOW);
    expect(fields({ occurredAt: at(5 * YEAR) })).toEqual(['occurredAt']);
  });
});
