import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CONCERN_TYPES, RISK_LEVELS, STAGES } from '@haven/domain';
import type { ConcernType, RiskLevel, Stage } from '@haven/domain';
import { FILTER_INSTANT_RULE, IsFilterInstant, PageQueryDto } from '@haven/platform';

export const CASE_SORTS = ['openedAt', '-openedAt', 'nextDueAt', '-nextDueAt', 'riskLevel', '-riskLevel'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STAGES }) @IsOptional() @IsIn(STAGES) stage?: Stage;
  @ApiPropertyOptional({ enum: RISK_LEVELS }) @IsOptional() @IsIn(RISK_LEVELS) riskLevel?: RiskLevel;
  @ApiPropertyOptional({ enum: CONCERN_TYPES }) @IsOptional() @IsIn(CONCERN_TYPES) concernType?: ConcernType;
  @ApiPropertyOptional({ example: '19753' }) @IsOptional() @Matches(/^\d{5}$/, { message: 'communeCode must be five digits' }) communeCode?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ description: 'Only cases with an open deadline already past due (true), or none (false)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ format: 'date-time', description: `Opened at or after this time. ${FILTER_INSTANT_RULE}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsFilterInstant()
  openedFrom?: string;
  @ApiPropertyOptional({ format: 'date-time', description: `Opened before this time. ${FILTER_INSTANT_RULE}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsFilterInstant()
  openedTo?: string;
  @ApiPropertyOptional({ description: 'A case number (or its start), or the child’s name without diacritics, typos tolerated' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ enum: CASE_SORTS, default: '-openedAt', description: 'A leading minus sorts descending; riskLevel sorts high first' })
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort: CaseSort = '-openedAt';
}
