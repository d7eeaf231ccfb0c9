import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { CLOSURE_REASONS } from '@haven/domain';
import { PeriodQueryDto, toList } from '../common/report-query';

export const STATISTICS_BREAKDOWNS = ['concernType', 'sex', 'ageGroup', 'commune', 'month', 'specialCircumstance'] as const;
export type StatisticsBreakdown = (typeof STATISTICS_BREAKDOWNS)[number];
export const AGE_GROUPS = ['0-5', '6-10', '11-15', '16-17', '18+', 'unknown'] as const;

export class StatisticsQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({
    description: 'Comma-separated breakdowns: `concernType`, `sex`, `ageGroup`, `commune`, `month`, `specialCircumstance`. Without it, all of them.',
    example: 'concernType,sex,ageGroup',
    type: String,
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(STATISTICS_BREAKDOWNS.length)
  @IsIn(STATISTICS_BREAKDOWNS, { each: true })
  by: StatisticsBreakdown[] = [...STATISTICS_BREAKDOWNS];
}

export class StatisticsRowDto {
  @ApiProperty({ description: 'The code (concern type, sex, age group, commune code, `YYYY-MM`, special-circumstance letter or `none`)' }) value: string;
  @ApiPropertyOptional({ description: 'The commune’s name (commune breakdown only)' }) label?: string;
  @ApiProperty({ description: 'New cases in this group' }) cases: number;
  @ApiProperty({ description: 'Distinct children of those cases' }) children: number;
}

export class StatisticsTotalsDto {
  @ApiProperty({ description: 'Cases received in the period' }) newCases: number;
  @ApiProperty({ description: 'Distinct children of the new cases' }) newChildren: number;
  @ApiProperty({ description: 'Reopenings in the period' }) reopened: number;
  @ApiProperty({ description: 'Closures approved in the period (a case closed twice counts twice)' }) closed: number;
  @ApiProperty({ description: 'Cases open at some moment of the period' }) openDuring: number;
  @ApiProperty({ description: 'Cases open at the end of the period' }) openAtEnd: number;
}

export class StatisticsBreakdownsDto {
  @ApiPropertyOptional({ type: [StatisticsRowDto] }) concernType?: StatisticsRowDto[];
  @ApiPropertyOptional({ type: [StatisticsRowDto] }) sex?: StatisticsRowDto[];
  @ApiPropertyOptional({ type: [StatisticsRowDto] }) ageGroup?: StatisticsRowDto[];
  @ApiPropertyOptional({ type: [StatisticsRowDto] }) commune?: StatisticsRowDto[];
  @ApiPropertyOptional({ type: [StatisticsRowDto] }) month?: StatisticsRowDto[];
  @ApiPropertyOptional({ type: [StatisticsRowDto] }) specialCircumstance?: StatisticsRowDto[];
}

export class ClosureReasonRowDto {
  @ApiProperty({ enum: CLOSURE_REASONS }) reason: string;
  @ApiProperty() cases: number;
}

export class StatisticsReportDto {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) to: string;
  @ApiProperty({ type: [String], enum: STATISTICS_BREAKDOWNS }) by: StatisticsBreakdown[];
  @ApiProperty({ type: StatisticsTotalsDto }) totals: StatisticsTotalsDto;
  @ApiProperty({ type: StatisticsBreakdownsDto }) breakdowns: StatisticsBreakdownsDto;
  @ApiProperty({ type: [ClosureReasonRowDto] }) closureReasons: ClosureReasonRowDto[];
}

/** The counting rules, written once for the OpenAPI description and the export's header. */
export const STATISTICS_RULES = [
  'New cases are the cases whose report was received in the period (Mẫu 01 receipt time); every breakdown counts new cases.',
  '`cases` counts cases, `children` distinct children: a child with two cases counts twice in cases and once in children.',
  'A case with two concern types counts once in the totals and once under each of its types, so the concern-type rows add up to more than the total.',
  'A child in two special-circumstance groups counts under each; a child in none counts under `none`. Groups are the child’s as recorded now.',
  'Sex and special-circumstance groups are the child’s as recorded now; the age group is the age at receipt (0–5, 6–10, 11–15, 16–17; `unknown` without a date of birth; estimated dates of birth count as given).',
  'Commune is the case’s commune; month is the month of receipt in Vietnam time.',
  'Reopened, closed and open counts come from the case’s history (each opening and closure as recorded on its timeline): a case closed, reopened and closed again in the period counts two closures; `openDuring` counts each case once.',
  'Closure reasons count the closures approved in the period.',
];
