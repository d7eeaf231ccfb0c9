import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSESSMENT_TYPES, RISK_LEVELS, SEPARATION_OUTCOMES } from '@haven/domain';
import type { AssessmentType, RiskLevel, SeparationOutcome } from '@haven/domain';
import { PersonRefDto } from '../cases/case.dto';
import { ABUSER_ACCESS_LEVELS, CAPACITY_LEVELS, HARM_SEVERITIES, NEED_DOMAINS } from './assessment.dto';
import type { AbuserAccess, CapacityLevel, HarmSeverity, NeedDomain } from './assessment.dto';
import type { AssessmentEntity, SeparationEntity } from './assessment.entity';

export class NeedsByDomainResponseDto {
  @ApiPropertyOptional() physical?: string;
  @ApiPropertyOptional() psychological?: string;
  @ApiPropertyOptional() emotional?: string;
  @ApiPropertyOptional() cognitive?: string;
  @ApiPropertyOptional() family?: string;
  @ApiPropertyOptional() education?: string;
  @ApiPropertyOptional() legal?: string;
}

export class FindingsResponseDto {
  @ApiProperty({ enum: HARM_SEVERITIES }) harmSeverity: HarmSeverity;
  @ApiProperty({ enum: ABUSER_ACCESS_LEVELS }) abuserAccess: AbuserAccess;
  @ApiProperty() careEnvironmentSafe: boolean;
  @ApiProperty({ enum: CAPACITY_LEVELS }) caregiverProtectiveCapacity: CapacityLevel;
  @ApiProperty({ enum: CAPACITY_LEVELS }) childResilience: CapacityLevel;
  @ApiProperty({ type: NeedsByDomainResponseDto }) needsByDomain: NeedsByDomainResponseDto;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
}

export class AssessmentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ASSESSMENT_TYPES }) type: AssessmentType;
  @ApiProperty({ enum: RISK_LEVELS }) riskLevel: RiskLevel;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null when the assessment did not say' }) immediateDanger: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'The review’s finding; null for initial and needs assessments' }) stillAtRisk: boolean | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Boolean,
    description: 'Review only (art. 30(1)(b)): no longer at risk of abuse; null on an earlier review that found the child still at risk without saying why',
  })
  noLongerAtRiskOfAbuse?: boolean | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Boolean,
    description: 'Review only (art. 30(1)(b)): physically, psychologically, cognitively and emotionally stable',
  })
  stable?: boolean | null;
  @ApiProperty({ type: FindingsResponseDto }) findings: FindingsResponseDto;
  @ApiProperty({ type: PersonRefDto }) recordedBy: PersonRefDto;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class AssessmentPageDto {
  @ApiProperty({ type: [AssessmentResponseDto], description: 'Newest first' }) items: AssessmentResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class SeparationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) startAt: string;
  @ApiProperty({ format: 'date-time', description: 'Planned end' }) endAt: string;
  @ApiProperty() placement: string;
  @ApiProperty() extendedByAuthority: boolean;
  @ApiProperty({ nullable: true, type: String }) authorityReference: string | null;
  @ApiProperty({ type: PersonRefDto, description: 'The supervisor who decided it' }) decidedBy: PersonRefDto;
  @ApiProperty({ description: 'Not yet ended' }) active: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) endedAt: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) endedBy: PersonRefDto | null;
  @ApiPropertyOptional({
    enum: SEPARATION_OUTCOMES,
    nullable: true,
    description: 'Once ended: what became of the child (Decree 56 art. 32(3)); null when not recorded',
  })
  outcome?: SeparationOutcome | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SeparationPageDto {
  @ApiProperty({ type: [SeparationResponseDto], description: 'Newest first' }) items: SeparationResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

const person = (id: string, names: Map<string, string>): PersonRefDto => ({ id, fullName: names.get(id) ?? '' });

/** Only the findings' known fields leave the database, whatever the stored JSON holds. */
function toFindings(raw: Record<string, unknown>): FindingsResponseDto {
  const needsRaw = (raw.needsByDomain ?? {}) as Record<string, unknown>;
  const needsByDomain: NeedsByDomainResponseDto = {};
  for (const domain of NEED_DOMAINS) {
    if (typeof needsRaw[domain] === 'string') needsByDomain[domain as NeedDomain] = needsRaw[domain] as string;
  }
  return {
    harmSeverity: raw.harmSeverity as HarmSeverity,
    abuserAccess: raw.abuserAccess as AbuserAccess,
    careEnvironmentSafe: raw.careEnvironmentSafe as boolean,
    caregiverProtectiveCapacity: raw.caregiverProtectiveCapacity as CapacityLevel,
    childResilience: raw.childResilience as CapacityLevel,
    needsByDomain,
    summary: typeof raw.summary === 'string' ? raw.summary : null,
  };
}

export function toAssessmentResponse(a: AssessmentEntity, names: Map<string, string>): AssessmentResponseDto {
  return {
    id: a.id,
    type: a.type,
    riskLevel: a.riskLevel,
    immediateDanger: a.immediateDanger,
    stillAtRisk: a.stillAtRisk,
    ...(a.type === 'review' && { noLongerAtRiskOfAbuse: a.noLongerAtRiskOfAbuse, stable: a.stable }),
    findings: toFindings(a.findings),
    recordedBy: person(a.recordedBy, names),
    recordedAt: a.recordedAt.toISOString(),
  };
}

export function toSeparationResponse(s: SeparationEntity, names: Map<string, string>): SeparationResponseDto {
  return {
    id: s.id,
    startAt: s.startAt.toISOString(),
    endAt: s.endAt.toISOString(),
    placement: s.placement,
    extendedByAuthority: s.extendedByAuthority,
    authorityReference: s.authorityReference,
    decidedBy: person(s.decidedBy, names),
    active: s.endedAt === null,
    endedAt: s.endedAt ? s.endedAt.toISOString() : null,
    endedBy: s.endedBy ? person(s.endedBy, names) : null,
    ...(s.endedAt && { outcome: s.outcome }),
    createdAt: s.createdAt.toISOString(),
  };
}
