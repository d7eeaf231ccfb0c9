import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, TransformFnParams, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import { CALENDAR_DAY_KINDS, isLocalDate } from '@haven/domain';
import type { CalendarDayKind } from '@haven/domain';
import type { HolidayEntity } from './holiday.entity';

/** The years the calendar may hold: a typo such as 0226 is refused. */
export const HOLIDAY_MIN_YEAR = 2000;
export const HOLIDAY_MAX_YEAR = 2100;
export const HOLIDAY_NAME_MAX_LENGTH = 300;
export const HOLIDAY_SOURCE_MAX_LENGTH = 2000;

const NO_CONTROL = /^\P{Cc}*$/u;
const nfcTrim = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.normalize('NFC').trim() : value);

/** A real calendar day written `YYYY-MM-DD`, within the years the calendar may hold. */
export const IsCalendarDay = () =>
  ValidateBy({
    name: 'isCalendarDay',
    validator: {
      validate: (value: unknown) => isCalendarDay(value),
      defaultMessage: () => `$property must be a calendar day written YYYY-MM-DD, in ${HOLIDAY_MIN_YEAR}–${HOLIDAY_MAX_YEAR}`,
    },
  });

export function isCalendarDay(value: unknown): value is string {
  if (!isLocalDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= HOLIDAY_MIN_YEAR && year <= HOLIDAY_MAX_YEAR;
}

export class ListHolidaysQueryDto {
  @ApiPropertyOptional({ minimum: HOLIDAY_MIN_YEAR, maximum: HOLIDAY_MAX_YEAR, example: 2026, description: 'Only this year; every year on file when absent' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(HOLIDAY_MIN_YEAR)
  @Max(HOLIDAY_MAX_YEAR)
  year?: number;
}

export class CreateHolidayDto {
  @ApiProperty({ example: '2027-02-04', description: 'The local day (Asia/Ho_Chi_Minh), YYYY-MM-DD' })
  @IsCalendarDay()
  date: string;

  @ApiProperty({
    enum: CALENDAR_DAY_KINDS,
    description: '`holiday` or `compensatory` (a day given in lieu or swapped): a weekday taken off; `makeup_workday`: a Saturday worked instead',
  })
  @IsIn(CALENDAR_DAY_KINDS)
  kind: CalendarDayKind;

  @ApiProperty({ example: 'Tết Nguyên đán (28 tháng Chạp Bính Ngọ)', maxLength: HOLIDAY_NAME_MAX_LENGTH })
  @Transform(nfcTrim)
  @IsString()
  @Length(1, HOLIDAY_NAME_MAX_LENGTH)
  @Matches(NO_CONTROL, { message: 'nameVi must not contain control characters' })
  nameVi: string;

  @ApiProperty({ example: 'Lunar New Year (28th, 12th month)', maxLength: HOLIDAY_NAME_MAX_LENGTH })
  @Transform(nfcTrim)
  @IsString()
  @Length(1, HOLIDAY_NAME_MAX_LENGTH)
  @Matches(NO_CONTROL, { message: 'nameEn must not contain control characters' })
  nameEn: string;

  @ApiPropertyOptional({ default: true, description: 'false while the day is inferred and no official notice has been issued' })
  @IsOptional()
  @IsBoolean()
  confirmed?: boolean;

  @ApiPropertyOptional({ maxLength: HOLIDAY_SOURCE_MAX_LENGTH, example: 'TB 9441/TB-BNV 16/10/2025', description: 'The notice or article the day rests on' })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @Length(1, HOLIDAY_SOURCE_MAX_LENGTH)
  @Matches(NO_CONTROL, { message: 'source must not contain control characters' })
  source?: string;
}

export class HolidayResponseDto {
  @ApiProperty({ example: '2026-11-24', description: 'The local day (Asia/Ho_Chi_Minh)' }) date: string;
  @ApiProperty({ enum: CALENDAR_DAY_KINDS }) kind: CalendarDayKind;
  @ApiProperty({ example: 'Ngày Văn hóa Việt Nam' }) nameVi: string;
  @ApiProperty({ example: 'Vietnam Culture Day' }) nameEn: string;
  @ApiProperty({ description: 'false: inferred, not yet confirmed by an official notice (check it before relying on it)' }) confirmed: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The notice or article the day rests on' }) source: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The admin who added it; null for the seeded days' }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const toHolidayResponse = (h: HolidayEntity): HolidayResponseDto => ({
  date: h.date,
  kind: h.kind,
  nameVi: h.nameVi,
  nameEn: h.nameEn,
  confirmed: h.confirmed,
  source: h.source,
  createdBy: h.createdBy,
  createdAt: h.createdAt.toISOString(),
});
