import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { DEADLINE_KINDS } from '@haven/domain';
import type { DeadlineKind } from '@haven/domain';
import { PeriodQueryDto, toList } from '../common/report-query';

const BUCKETS =
  'buckets start at 0, 1, 2, 5, 10, 15, 20, 30, 45 min; 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 16, 20 h; 1 day, 30, 36, 42 h, 2 days, 60 h, ' +
  '3, 3.5, 4, 5, 6, 7, 8, 9, 10, 12, 14, 17, 21, 25, 30, 35, 45, 60, 75, 90, 120, 150, 180, 270, 365, 548 and 730 days';

export const RESPONSE_TIME_GROUPS = ['commune', 'month'] as const;
export type ResponseTimeGroup = (typeof RESPONSE_TIME_GROUPS)[number];

export class ResponseTimesQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({
    description: 'Comma-separated: `commune`, `month`, both or neither (rows are always per deadline kind)',
    example: 'commune',
    type: String,
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(RESPONSE_TIME_GROUPS.length)
  @IsIn(RESPONSE_TIME_GROUPS, { each: true })
  groupBy: ResponseTimeGroup[] = [];

  @ApiPropertyOptional({ enum: DEADLINE_KINDS }) @IsOptional() @IsIn(DEADLINE_KINDS) kind?: DeadlineKind;
}

export class ResponseTimeRowDto {
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: DeadlineKind;
  @ApiPropertyOptional() communeCode?: string;
  @ApiPropertyOptional() communeName?: string;
  @ApiPropertyOptional({ example: '2026-03', description: 'Month (Vietnam time) in which the deadline started counting' }) month?: string;
  @ApiProperty({ description: 'Deadlines that started counting in the period' }) total: number;
  @ApiProperty({ description: 'Met (the work was done)' }) met: number;
  @ApiProperty({ description: 'Met by the due time' }) metOnTime: number;
  @ApiProperty({ description: 'Met after the due time' }) metLate: number;
  @ApiProperty({ description: 'Still open and past due now' }) openOverdue: number;
  @ApiProperty({ description: 'Still open, not yet due' }) openNotDue: number;
  @ApiProperty({ description: 'Cancelled (superseded, case closed, referral withdrawn): not counted in the rates' }) cancelled: number;
  @ApiProperty({ nullable: true, description: 'metOnTime / (met + openOverdue), four decimals; null when both are 0' }) onTimeRate: number | null;
  @ApiProperty({
    nullable: true,
    description: `Median time taken by the met ones, in seconds: the lower bound of the duration bucket it falls in (${BUCKETS})`,
  })
  p50Seconds: number | null;
  @ApiProperty({ nullable: true, description: '90th percentile of the time taken by the met ones, in seconds, bucketed like p50Seconds' }) p90Seconds:
    number | null;
}

export class ResponseTimesReportDto {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) to: string;
  @ApiProperty({ type: [String], enum: RESPONSE_TIME_GROUPS }) groupBy: ResponseTimeGroup[];
  @ApiProperty({ type: [ResponseTimeRowDto] }) rows: ResponseTimeRowDto[];
}
