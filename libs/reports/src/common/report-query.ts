import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { FILTER_INSTANT_RULE, IsFilterInstant } from '@haven/platform';

/** A date, or a date-time with its offset: a time without one would be read in the server's zone. */
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_MESSAGE = 'must be a date (2026-01-31) or a date-time with an offset (2026-01-31T08:00:00+07:00)';

/** `a,b,c` (or a repeated parameter) as a list of distinct, trimmed, non-empty values. */
export const toList = ({ value }: { value: unknown }): unknown => {
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  return [...new Set(parts.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== ''))];
};

export const PERIOD_DESCRIPTION =
  '`from` and `to` are ISO-8601 dates or date-times. A date means that whole day in Vietnam time (Asia/Ho_Chi_Minh): `from=2026-01-01&to=2026-12-31` ' +
  'is the year 2026. A date-time `to` is exclusive. Without them the period is the 365 days up to now.';

/** The reporting period of the time-based reports. */
export class PeriodQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: `Start of the period (inclusive). ${FILTER_INSTANT_RULE}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsFilterInstant()
  @Matches(DATE_OR_INSTANT, { message: `from ${DATE_MESSAGE}` })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: `End of the period: a date is inclusive, a date-time exclusive. ${FILTER_INSTANT_RULE}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsFilterInstant()
  @Matches(DATE_OR_INSTANT, { message: `to ${DATE_MESSAGE}` })
  to?: string;

  @ApiPropertyOptional({ example: '19753', description: 'Only this commune (within the caller’s scope)' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be five digits' })
  communeCode?: string;
}
