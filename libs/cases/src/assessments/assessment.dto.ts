import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ASSESSMENT_TYPES, RISK_LEVELS, SEPARATION_OUTCOMES } from '@haven/domain';
import type { AssessmentType, RiskLevel, SeparationOutcome } from '@haven/domain';
import { VersionedDto } from '../kernel/command.dto';
import { IsAfter, IsPastInstant, IsPlannedInstant, MultilineText, PAST_INSTANT_RULE, PLANNED_INSTANT_RULE } from '../common/input.validators';
import { OnlyWhen } from '../common/only-when.validator';

/*
 * The structured findings of Mẫu 02 (initial), 03 (needs) and 06 (review). The scales are the
 * forms' own; they are served here until they join the code lists of libs/domain.
 */
export const HARM_SEVERITIES = ['none', 'minor', 'serious', 'severe'] as const;
export type HarmSeverity = (typeof HARM_SEVERITIES)[number];

/** How the person who harmed the child can reach them now. */
export const ABUSER_ACCESS_LEVELS = ['none', 'supervised', 'unsupervised', 'lives_with_child', 'unknown'] as const;
export type AbuserAccess = (typeof ABUSER_ACCESS_LEVELS)[number];

export const CAPACITY_LEVELS = ['low', 'medium', 'high'] as const;
export type CapacityLevel = (typeof CAPACITY_LEVELS)[number];

/** The domains Mẫu 03 assesses needs in. */
export const NEED_DOMAINS = ['physical', 'psychological', 'emotional', 'cognitive', 'family', 'education', 'legal'] as const;
export type NeedDomain = (typeof NEED_DOMAINS)[number];

/** What was done to stop the harm (Decree 56 art. 31; no form of its own: Mẫu 07 is the separation decision). */
export const EMERGENCY_MEASURES = [
  'police_intervention',
  'first_aid',
  'medical_care',
  'safe_shelter',
  'alternative_care',
  'separation_from_abuser',
  'other',
] as const;
export type EmergencyMeasure = (typeof EMERGENCY_MEASURES)[number];

export class NeedsByDomainDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Physical health and development' })
  @IsOptional()
  @MultilineText(1, 2000)
  physical?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @MultilineText(1, 2000)
  psychological?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @MultilineText(1, 2000)
  emotional?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @MultilineText(1, 2000)
  cognitive?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Family situation and relationships' })
  @IsOptional()
  @MultilineText(1, 2000)
  family?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @MultilineText(1, 2000)
  education?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @MultilineText(1, 2000)
  legal?: string;
}

export class FindingsDto {
  @ApiProperty({ enum: HARM_SEVERITIES, description: 'How serious the harm is (or remains, for a review)' })
  @IsIn(HARM_SEVERITIES)
  harmSeverity: HarmSeverity;

  @ApiProperty({ enum: ABUSER_ACCESS_LEVELS, description: 'Whether the person who harmed the child can reach them' })
  @IsIn(ABUSER_ACCESS_LEVELS)
  abuserAccess: AbuserAccess;

  @ApiProperty({ description: 'The child’s care environment is safe' })
  @IsBoolean()
  careEnvironmentSafe: boolean;

  @ApiProperty({ enum: CAPACITY_LEVELS, description: 'The caregivers’ capacity to protect the child' })
  @IsIn(CAPACITY_LEVELS)
  caregiverProtectiveCapacity: CapacityLevel;

  @ApiProperty({ enum: CAPACITY_LEVELS, description: 'The child’s resilience' })
  @IsIn(CAPACITY_LEVELS)
  childResilience: CapacityLevel;

  @ApiPropertyOptional({ type: NeedsByDomainDto, description: 'Needs by domain (Mẫu 03); any subset of the domains' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NeedsByDomainDto)
  needsByDomain?: NeedsByDomainDto;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @MultilineText(1, 5000)
  summary?: string;
}

export class RecordAssessmentDto extends VersionedDto {
  @ApiProperty({ enum: ASSESSMENT_TYPES, description: 'initial (Mẫu 02), needs (Mẫu 03) or review (Mẫu 06)' })
  @IsIn(ASSESSMENT_TYPES)
  type: AssessmentType;

  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS)
  riskLevel: RiskLevel;

  @ApiPropertyOptional({ description: 'The child faces serious harm now; absent, the case keeps what it knew' })
  @IsOptional()
  @IsBoolean()
  immediateDanger?: boolean;

  @ApiPropertyOptional({
    description:
      'Review only (Decree 56 art. 30(1)(b)): the child is no longer at risk of abuse. A review sends it together with `stable`; ' +
      '`resolved` needs both true',
  })
  @ValidateIf((o: RecordAssessmentDto) => o.noLongerAtRiskOfAbuse !== undefined || (o.type === 'review' && o.stable !== undefined))
  @IsBoolean()
  @OnlyWhen((o) => (o as RecordAssessmentDto).type === 'review', 'noLongerAtRiskOfAbuse is only for a review assessment')
  noLongerAtRiskOfAbuse?: boolean;

  @ApiPropertyOptional({
    description:
      'Review only (Decree 56 art. 30(1)(b)): the child is physically, psychologically, cognitively and emotionally stable; sent with noLongerAtRiskOfAbuse',
  })
  @ValidateIf((o: RecordAssessmentDto) => o.stable !== undefined || (o.type === 'review' && o.noLongerAtRiskOfAbuse !== undefined))
  @IsBoolean()
  @OnlyWhen((o) => (o as RecordAssessmentDto).type === 'review', 'stable is only for a review assessment')
  stable?: boolean;

  @ApiPropertyOptional({
    description:
      'Review only, the earlier single finding: the child remains at risk or unstable. Required on a review without the two conditions; ' +
      '`false` stands for both conditions true. Sent with them, it must agree (true exactly when one fails)',
  })
  @ValidateIf(
    (o: RecordAssessmentDto) => o.stillAtRisk !== undefined || (o.type === 'review' && o.noLongerAtRiskOfAbuse === undefined && o.stable === undefined),
  )
  @IsBoolean()
  @OnlyWhen((o) => (o as RecordAssessmentDto).type === 'review', 'stillAtRisk is only for a review assessment')
  stillAtRisk?: boolean;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Needs or review assessment that newly finds immediate danger: when the information showing it came in. The emergency measures ' +
      '(or a separation) are due 12 hours after it (Decree 56/2017 arts. 26(3), 31(2): "within 12 hours of receiving the information"). ' +
      'Not before the episode’s receipt (the report, or the reopening’s new report); absent, the time of recording. An initial ' +
      'assessment’s danger counts from the episode’s receipt (Mẫu 02 verifies that report). ' +
      PAST_INSTANT_RULE,
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsPastInstant()
  @OnlyWhen(
    (o) => (o as RecordAssessmentDto).type !== 'initial' && (o as RecordAssessmentDto).immediateDanger === true,
    'dangerIdentifiedAt is only for a needs or review assessment with immediateDanger: true',
  )
  dangerIdentifiedAt?: string;

  @ApiProperty({ type: FindingsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FindingsDto)
  findings: FindingsDto;
}

export class RecordEmergencyMeasuresDto extends VersionedDto {
  @ApiProperty({ enum: EMERGENCY_MEASURES, isArray: true, description: 'What was done; each measure once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EMERGENCY_MEASURES.length)
  @ArrayUnique()
  @IsIn(EMERGENCY_MEASURES, { each: true })
  measures: EmergencyMeasure[];

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required with `other`: what was done (kept on the record, never in the timeline)' })
  @ValidateIf((o: RecordEmergencyMeasuresDto) => o.note !== undefined || (Array.isArray(o.measures) && o.measures.includes('other')))
  @MultilineText(1, 2000)
  note?: string;

  @ApiProperty({ format: 'date-time', description: `When the measures were taken. ${PAST_INSTANT_RULE}` })
  @IsISO8601({ strict: true })
  @IsPastInstant()
  takenAt: string;
}

export class StartSeparationDto extends VersionedDto {
  @ApiProperty({ format: 'date-time', description: `When the separation starts (or started). ${PLANNED_INSTANT_RULE}` })
  @IsISO8601({ strict: true })
  @IsPlannedInstant()
  startAt: string;

  @ApiProperty({
    format: 'date-time',
    description:
      'At most 15 calendar days (the policy maximum) counted from the day after startAt, to 24:00 Asia/Ho_Chi_Minh of the last day ' +
      `(Decree 56 art. 32(2); Civil Code 2015 arts. 147(2)–(3), 148(1)), unless extendedByAuthority. ${PLANNED_INSTANT_RULE}`,
  })
  @IsISO8601({ strict: true })
  @IsPlannedInstant()
  @IsAfter('startAt')
  endAt: string;

  @ApiProperty({ maxLength: 500, description: 'Where the child stays: shelter, relative, foster family…' })
  @MultilineText(1, 500)
  placement: string;

  @ApiPropertyOptional({ default: false, description: 'A competent authority extended the separation beyond the policy maximum' })
  @IsOptional()
  @IsBoolean()
  extendedByAuthority?: boolean;

  @ApiPropertyOptional({ maxLength: 200, description: 'Required with extendedByAuthority: the authority’s decision (number, date)' })
  @ValidateIf((o: StartSeparationDto) => o.extendedByAuthority === true || o.authorityReference !== undefined)
  @MultilineText(1, 200)
  @OnlyWhen((o) => (o as StartSeparationDto).extendedByAuthority === true, 'authorityReference goes with extendedByAuthority: true')
  authorityReference?: string;
}

export class EndSeparationDto extends VersionedDto {
  @ApiPropertyOptional({
    enum: SEPARATION_OUTCOMES,
    description:
      'What became of the child (Decree 56 art. 32(3); Circular 14/2020 art. 14(3)): returned_home after the parents or caregivers were assessed safe (Mẫu 03), ' +
      'alternative_care, court_request (to continue the separation or restrict parental rights), other. Send it: it is optional only for clients that ' +
      'predate it, and a separation ended without it shows outcome null (not recorded)',
  })
  @IsOptional()
  @IsIn(SEPARATION_OUTCOMES)
  outcome?: SeparationOutcome;

  @ApiPropertyOptional({ format: 'date-time', description: `When the child left the placement; defaults to now. ${PAST_INSTANT_RULE}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsPastInstant()
  endedAt?: string;
}
