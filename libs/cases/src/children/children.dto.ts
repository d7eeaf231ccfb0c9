import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, TransformFnParams, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  buildMessage,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { SEXES, SPECIAL_CIRCUMSTANCES } from '@haven/domain';
import type { Sex, SpecialCircumstance } from '@haven/domain';
import { PageQueryDto } from '@haven/platform';
import { CHILD_AGE_LIMIT, isCalendarDate } from './child-dates';

export const MAX_CAREGIVERS = 10;

/** Trimmed, inner whitespace collapsed, Unicode NFC (so that a decomposed "ễ" and a precomposed one compare equal). */
export const normaliseText = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : value;

/** A free-text field: normalised, 1..max characters, no control characters (PostgreSQL refuses NUL in text). */
export const CleanText = (min: number, max: number) =>
  applyDecorators(
    Transform(normaliseText),
    IsString(),
    Length(min, max, { message: `$property must be ${min}–${max} characters` }),
    Matches(/^\P{Cc}*$/u, { message: '$property must not contain control characters' }),
  );

export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: isCalendarDate, defaultMessage: buildMessage((each) => `${each}$property must be a date written YYYY-MM-DD`, options) },
    },
    options,
  );

const COMMUNE_CODE = /^\d{5}$/;

/** A query-string integer: digits only, so that "" or "1.5" fail validation instead of becoming 0 or 1. */
const toInt = ({ value }: TransformFnParams): unknown => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value);

/** An empty query parameter (`?q=`) means no filter. */
const emptyAsAbsent = (params: TransformFnParams): unknown => {
  const value = normaliseText(params);
  return value === '' ? undefined : value;
};

export class CaregiverDto {
  @ApiProperty({ example: 'Trần Thị Mai', maxLength: 200 })
  @CleanText(1, 200)
  name: string;

  @ApiProperty({ example: 'mother', maxLength: 100, description: 'To the child: mother, grandmother, uncle, foster parent, …' })
  @CleanText(1, 100)
  relationship: string;

  @ApiPropertyOptional({ example: '0912 345 678' })
  @IsOptional()
  @Matches(/^\+?[0-9 .-]{6,20}$/, { message: '$property must be a phone number' })
  phone?: string;
}

/**
 * A child to register. There is no POST /children: intake (POST /cases) nests this under `child`,
 * and ChildrenService.createForIntake validates it again itself, reporting fields as `child.*`.
 */
export class NewChildDto {
  @ApiProperty({ example: 'Nguyễn Văn An', maxLength: 200, description: 'Full name as the family uses it; whitespace is collapsed' })
  @CleanText(1, 200)
  fullName: string;

  @ApiProperty({ enum: SEXES })
  @IsIn(SEXES)
  sex: Sex;

  @ApiPropertyOptional({
    format: 'date',
    example: '2016-05-14',
    description: 'Exactly one of dateOfBirth and estimatedAge; not in the future; the child is under 18',
  })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: CHILD_AGE_LIMIT - 1,
    description: 'Whole years, when the date of birth is unknown: stored as 1 July of (this year − age) and flagged dateOfBirthEstimated',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(CHILD_AGE_LIMIT - 1)
  estimatedAge?: number;

  @ApiProperty({ example: '19753', description: 'Where the child lives: a commune of your province (and, for commune staff, one of your communes)' })
  @Matches(COMMUNE_CODE, { message: '$property must be a five-digit commune code' })
  communeCode: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 500, example: 'Thôn 3, tổ 12' })
  @IsOptional()
  @CleanText(1, 500)
  address?: string | null;

  @ApiPropertyOptional({ type: [CaregiverDto], maxItems: MAX_CAREGIVERS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CAREGIVERS)
  @ValidateNested({ each: true })
  @Type(() => CaregiverDto)
  caregivers?: CaregiverDto[];

  @ApiPropertyOptional({
    enum: SPECIAL_CIRCUMSTANCES,
    isArray: true,
    description: 'Groups of Law on Children art. 10(1), by letter (đ is `dd`); see GET /codes',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(SPECIAL_CIRCUMSTANCES.length)
  @IsIn(SPECIAL_CIRCUMSTANCES, { each: true })
  specialCircumstances?: SpecialCircumstance[];

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 100, example: 'Kinh' })
  @IsOptional()
  @CleanText(1, 100)
  ethnicity?: string | null;
}

/**
 * Every field optional; null clears address or ethnicity and is refused elsewhere. A new
 * dateOfBirth or estimatedAge replaces the stored date (and its estimated flag).
 */
export class UpdateChildDto extends PartialType(NewChildDto) {
  @ApiProperty({ minimum: 1, description: 'The version last read; a stale one answers 409 VERSION_CONFLICT and changes nothing' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ListChildrenQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'nguyen van an',
    maxLength: 100,
    description: 'Part of a name, with or without diacritics; tolerates typos. Best matches first.',
  })
  @IsOptional()
  @Transform(emptyAsAbsent)
  @IsString()
  @Length(1, 100, { message: '$property must be 1–100 characters' })
  @Matches(/^\P{Cc}*$/u, { message: '$property must not contain control characters' })
  q?: string;

  @ApiPropertyOptional({ example: '19753' })
  @IsOptional()
  @Matches(COMMUNE_CODE, { message: '$property must be a five-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Exact (recorded) date of birth' })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;
}

export class ChildDuplicatesQueryDto {
  @ApiProperty({ example: 'Nguyễn Văn An', maxLength: 200 })
  @CleanText(1, 200)
  fullName: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: CHILD_AGE_LIMIT - 1, description: 'Instead of dateOfBirth when only an age is known (compared within a year)' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(CHILD_AGE_LIMIT - 1)
  estimatedAge?: number;

  @ApiPropertyOptional({ example: '19753' })
  @IsOptional()
  @Matches(COMMUNE_CODE, { message: '$property must be a five-digit commune code' })
  communeCode?: string;
}
