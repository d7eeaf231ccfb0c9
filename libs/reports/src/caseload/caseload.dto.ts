import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { CONCERN_TYPES, RISK_LEVELS, STAGES } from '@haven/domain';
import type { ConcernType, RiskLevel, Stage } from '@haven/domain';
import { toList } from '../common/report-query';

export const CASELOAD_GROUPS = ['assignee', 'commune', 'stage', 'riskLevel'] as const;
export type CaseloadGroup = (typeof CASELOAD_GROUPS)[number];
const OPEN_STAGES = STAGES.filter((s) => s !== 'closed');

export class CaseloadQueryDto {
  @ApiPropertyOptional({
    description: 'Comma-separated, any combination of `assignee`, `commune`, `stage`, `riskLevel`; none gives the total only',
    example: 'commune,stage',
    type: String,
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(CASELOAD_GROUPS.length)
  @IsIn(CASELOAD_GROUPS, { each: true })
  groupBy: CaseloadGroup[] = [];

  @ApiPropertyOptional({ example: '19753' }) @IsOptional() @Matches(/^\d{5}$/, { message: 'communeCode must be five digits' }) communeCode?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ enum: OPEN_STAGES }) @IsOptional() @IsIn(OPEN_STAGES) stage?: Stage;
  @ApiPropertyOptional({ enum: RISK_LEVELS }) @IsOptional() @IsIn(RISK_LEVELS) riskLevel?: RiskLevel;
  @ApiPropertyOptional({ enum: CONCERN_TYPES }) @IsOptional() @IsIn(CONCERN_TYPES) concernType?: ConcernType;
}

/** One group of open cases. Only the fields named in `groupBy` are present. */
export class CaseloadGroupDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null: not assigned yet' }) assigneeId?: string | null;
  @ApiPropertyOptional({ nullable: true }) assigneeName?: string | null;
  @ApiPropertyOptional() communeCode?: string;
  @ApiPropertyOptional() communeName?: string;
  @ApiPropertyOptional({ enum: OPEN_STAGES }) stage?: Stage;
  @ApiPropertyOptional({ enum: RISK_LEVELS, nullable: true, description: 'null: not assessed yet' }) riskLevel?: RiskLevel | null;
  @ApiProperty({ description: 'Open cases' }) open: number;
  @ApiProperty({ description: 'Open cases with a deadline past due' }) overdue: number;
}

/** A caseworker's open cases in one of their communes, next to that commune's average. */
export class CaseworkerLoadDto {
  @ApiProperty({ format: 'uuid' }) assigneeId: string;
  @ApiProperty() assigneeName: string;
  @ApiProperty() communeCode: string;
  @ApiProperty() communeName: string;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty({ description: 'Open cases per active caseworker of the commune (two decimals)' }) communeAverage: number;
  @ApiProperty({ nullable: true, description: '`open / communeAverage` (two decimals); null when the average is 0' }) ratioToAverage: number | null;
}

export class CaseloadTotalDto {
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
}

export class CaseloadReportDto {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [String], enum: CASELOAD_GROUPS }) groupBy: CaseloadGroup[];
  @ApiProperty({ type: [CaseloadGroupDto] }) groups: CaseloadGroupDto[];
  @ApiProperty({ type: CaseloadTotalDto }) total: CaseloadTotalDto;
  @ApiProperty({ type: [CaseworkerLoadDto] }) caseworkers: CaseworkerLoadDto[];
}
