import { plainToInstance } from 'class-transformer';
import { IsISO8601, IsOptional, validateSync } from 'class-validator';
import { CleanTextEach, FUTURE_SKEW_MS, IsAfter, IsPastInstant, MultilineText } from './input.validators';

class Sample {
  @IsOptional() @IsISO8601({ strict: true }) startAt?: string;
  @IsOptional() @IsISO8601({ strict: true }) @IsAfter('startAt') dueAt?: string;
  @IsOptional() @IsISO8601({ strict: true }) @IsPastInstant() occurredAt?: string;
  @IsOptional() @MultilineText(1, 20) body?: string;
  @IsOptional() @CleanTextEach(1, 10) goals?: string[];
}

function check(input: Record<string, unknown>): { fields: string[]; value: Sample } {
  const value = plainToInstance(Sample, input);
  return { fields: validateSync(value).map((e) => e.property), value };
}

describe('input validators', () => {
  it('IsAfter: a due time strictly after the start, checked only when both are times', () => {
    expect(check({ startAt: '2026-03-01T08:00:00+07:00', dueAt: '2026-03-01T09:00:00+07:00' }).fields).toEqual([]);
    expect(check({ startAt: '2026-03-01T08:00:00+07:00', dueAt: '2026-03-01T01:00:00Z' }).fields).toEqual(['dueAt']);
    expect(check({ startAt: '2026-03-01T08:00:00+07:00', dueAt: '2026-03-01T08:00:00+07:00' }).fields).toEqual(['dueAt']);
    expect(check({ dueAt: '2026-03-01T08:00:00+07:00' }).fields).toEqual([]);
    // An unparsable start is the start's own error, not the due time's.
    expect(check({ startAt: 'soon', dueAt: '2026-03-01T08:00:00+07:00' }).fields).toEqual(['startAt']);
  });

  it('IsPastInstant (re-exported from the platform): past and now pass, beyond the tolerated skew fails, garbage is left to IsISO8601 (one error)', () => {
    expect(check({ occurredAt: new Date(Date.now() - 60_000).toISOString() }).fields).toEqual([]);
    expect(check({ occurredAt: new Date(Date.now() + FUTURE_SKEW_MS / 2).toISOString() }).fields).toEqual([]);
    expect(check({ occurredAt: new Date(Date.now() + FUTURE_SKEW_MS + 60_000).toISOString() }).fields).toEqual(['occurredAt']);
    const garbage = validateSync(plainToInstance(Sample, { occurredAt: 'yesterday' }));
    expect(Object.keys(garbage[0].constraints ?? {})).toEqual(['isIso8601']);
  });

  it('MultilineText keeps line breaks, trims, normalises to NFC and refuses other control characters', () => {
    const { fields, value } = check({ body: '  Line one\nline two\t \n' });
    expect(fields).toEqual([]);
    expect(value.body).toBe('Line one\nline two');
    expect(check({ body: 'Nguye\u0302\u0303n' }).value.body).toBe('Nguyễn');
    expect(check({ body: 'bad\u0000' }).fields).toEqual(['body']);
    expect(check({ body: '   ' }).fields).toEqual(['body']);
    expect(check({ body: 'x'.repeat(21) }).fields).toEqual(['body']);
  });

  it('CleanTextEach collapses whitespace in every element and checks each', () => {
    const { fields, value } = check({ goals: ['  a   b ', 'c'] });
    expect(fields).toEqual([]);
    expect(value.goals).toEqual(['a b', 'c']);
    expect(check({ goals: ['ok', ''] }).fields).toEqual(['goals']);
    expect(check({ goals: ['ok', 'x'.repeat(11)] }).fields).toEqual(['goals']);
    expect(check({ goals: ['ok', 3] }).fields).toEqual(['goals']);
  });
});
