import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLOSURE_REASONS, CONCERN_TYPES, INTAKE_CHANNELS, RISK_LEVELS, STAGES } from '@haven/domain';
import type { ClosureReason, ConcernType, IntakeChannel, RiskLevel, Stage } from '@haven/domain';
import { DeadlineDto } from '@haven/deadlines';

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

export class CaseChildSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['female', 'male', 'unknown'] }) sex: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
  @ApiProperty() dateOfBirthEstimated: boolean;
  @ApiProperty({ example: '19753' }) communeCode: string;
}

export class ReporterDto {
  @ApiPropertyOptional({ example: 'neighbour' }) relationship?: string;
  @ApiPropertyOptional({ description: 'Present only when the reporter consented to be identified' }) name?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiProperty() identityConsent: boolean;
}

export class IncidentDto {
  @ApiProperty({ enum: CONCERN_TYPES, isArray: true }) concernTypes: ConcernType[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) occurredAt: string | null;
  @ApiProperty({ example: '19753' }) communeCode: string;
  @ApiProperty() description: string;
  @ApiProperty() immediateDanger: boolean;
}

export class ClosureDto {
  @ApiProperty({ enum: CLOSURE_REASONS }) reason: ClosureReason;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
}

/** A case as a list shows it: no reporter, no description. */
export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '46-2026-000123' }) caseNumber: string;
  @ApiProperty({ enum: STAGES }) stage: Stage;
  @ApiProperty({ enum: RISK_LEVELS, nullable: true }) riskLevel: RiskLevel | null;
  @ApiProperty() immediateDanger: boolean;
  @ApiProperty({ enum: CONCERN_TYPES, isArray: true }) concernTypes: ConcernType[];
  @ApiProperty({ example: '46' }) provinceCode: string;
  @ApiProperty({ example: '19753' }) communeCode: string;
  @ApiProperty({ type: CaseChildSummaryDto }) child: CaseChildSummaryDto;
  @ApiProperty({ type: PersonRefDto, nullable: true }) assignee: PersonRefDto | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Due time of the earliest open deadline' }) nextDueAt: string | null;
  @ApiProperty() version: number;
}

export class CaseDetailDto extends CaseSummaryDto {
  @ApiProperty({ enum: INTAKE_CHANNELS }) channel: IntakeChannel;
  @ApiProperty({ type: ReporterDto, nullable: true }) reporter: ReporterDto | null;
  @ApiProperty({ type: IncidentDto }) incident: IncidentDto;
  @ApiProperty({ type: PersonRefDto }) createdBy: PersonRefDto;
  @ApiProperty() hasInitialAssessment: boolean;
  @ApiProperty() hasNeedsAssessment: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Version of the approved plan in force' }) approvedPlanVersion: number | null;
  @ApiProperty({ type: ClosureDto, nullable: true, description: 'A pending closure request, or the closure of a closed case' }) closure: ClosureDto | null;
  @ApiProperty() reopenCount: number;
  @ApiProperty({ description: 'Consents in force', type: [String], example: ['services', 'sharing'] }) consentScopes: string[];
  @ApiProperty({ type: [DeadlineDto], description: 'Open deadlines, the earliest due first (all of them: GET /cases/{id}/deadlines)' })
  openDeadlines: DeadlineDto[];
}

export class CasePageDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items: CaseSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
