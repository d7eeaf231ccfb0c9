import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Min, ValidateIf } from 'class-validator';
import { REFERRAL_STATUSES, REFERRAL_URGENCIES, SERVICE_TYPES } from '@haven/domain';
import type { ReferralStatus, ReferralUrgency, ServiceType } from '@haven/domain';
import { FILTER_INSTANT_RULE, IsAfter, IsFilterInstant, MultilineText, OnlyWhen } from '@haven/cases';
import { PageQueryDto } from '@haven/platform';

export const REFERRAL_TEXT_MAX_LENGTH = 2000;
export const REFERRAL_UPDATE_MAX_LENGTH = 5000;
export const MAX_SHARED_NOTES = 50;

const OPTIONAL_VERSION = 'Optional: the referral version the client saw. If given, a stale one answers 409 VERSION_CONFLICT.';

export class SendReferralDto {
  @ApiProperty({ format: 'uuid', description: 'An active organisation offering `serviceType` (400 otherwise)' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ enum: SERVICE_TYPES })
  @IsIn(SERVICE_TYPES)
  serviceType: ServiceType;

  @ApiProperty({ enum: REFERRAL_URGENCIES, description: '`emergency`: to be answered within hours' })
  @IsIn(REFERRAL_URGENCIES)
  urgency: ReferralUrgency;

  @ApiProperty({
    minLength: 1,
    maxLength: REFERRAL_TEXT_MAX_LENGTH,
    description: 'What the child needs from the service. The partner reads it: write only what the service needs.',
  })
  @MultilineText(1, REFERRAL_TEXT_MAX_LENGTH)
  reason: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_SHARED_NOTES,
    description: 'Notes of this case with visibility `shared` that travel with the referral (the partner reads their kind, time and body)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SHARED_NOTES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  sharedNoteIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'An action of the approved plan in force asking for the same service type' })
  @IsOptional()
  @IsUUID()
  planActionId?: string;

  @ApiPropertyOptional({
    description:
      'Supervisors only, emergency referrals only: send without recorded consent to sharing (PDPL 91/2025: a threat to life or health). ' +
      'Needs a justification; the override is logged on the timeline and in the access log.',
  })
  @IsOptional()
  @IsBoolean()
  overrideConsent?: boolean;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: REFERRAL_TEXT_MAX_LENGTH,
    description: 'Required with overrideConsent: why the child cannot wait for consent (kept as a decision note, never in the timeline)',
  })
  @ValidateIf((o: SendReferralDto) => o.overrideConsent === true || o.justification !== undefined)
  @OnlyWhen((o) => (o as SendReferralDto).overrideConsent === true, 'justification is only given with overrideConsent: true')
  @MultilineText(1, REFERRAL_TEXT_MAX_LENGTH)
  justification?: string;
}

export class ReferralStepDto {
  @ApiPropertyOptional({ minimum: 1, description: OPTIONAL_VERSION })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class DeclineReferralDto extends ReferralStepDto {
  @ApiProperty({ minLength: 1, maxLength: REFERRAL_TEXT_MAX_LENGTH, description: 'Why the organisation cannot take the referral (the case worker reads it)' })
  @MultilineText(1, REFERRAL_TEXT_MAX_LENGTH)
  reason: string;
}

export class AddReferralUpdateDto extends ReferralStepDto {
  @ApiProperty({ minLength: 1, maxLength: REFERRAL_UPDATE_MAX_LENGTH, description: 'Progress of the service (kept on the referral, never in the timeline)' })
  @MultilineText(1, REFERRAL_UPDATE_MAX_LENGTH)
  body: string;
}

export class CompleteReferralDto extends ReferralStepDto {
  @ApiProperty({ minLength: 1, maxLength: REFERRAL_TEXT_MAX_LENGTH, description: 'What was delivered, and how it ended' })
  @MultilineText(1, REFERRAL_TEXT_MAX_LENGTH)
  outcome: string;
}

export class CancelReferralDto extends ReferralStepDto {
  @ApiProperty({
    minLength: 1,
    maxLength: REFERRAL_TEXT_MAX_LENGTH,
    description: 'Why the case side withdraws it (kept for the case team; the partner sees only the status)',
  })
  @MultilineText(1, REFERRAL_TEXT_MAX_LENGTH)
  reason: string;
}

export class WithdrawReferralDto extends ReferralStepDto {
  @ApiProperty({
    minLength: 1,
    maxLength: REFERRAL_TEXT_MAX_LENGTH,
    description: 'Why the case side ends the accepted referral (kept for the case team; the partner sees only the status)',
  })
  @MultilineText(1, REFERRAL_TEXT_MAX_LENGTH)
  reason: string;
}

export class ContinueAfterClosureDto extends ReferralStepDto {
  @ApiProperty({
    minLength: 1,
    maxLength: REFERRAL_TEXT_MAX_LENGTH,
    description: 'Why the service goes on after the case closes (school support until the end of the school year, say); kept for the case team',
  })
  @MultilineText(1, REFERRAL_TEXT_MAX_LENGTH)
  reason: string;
}

export class ReferralListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ enum: REFERRAL_URGENCIES })
  @IsOptional()
  @IsIn(REFERRAL_URGENCIES)
  urgency?: ReferralUrgency;

  @ApiPropertyOptional({ enum: SERVICE_TYPES })
  @IsOptional()
  @IsIn(SERVICE_TYPES)
  serviceType?: ServiceType;

  @ApiPropertyOptional({ format: 'uuid', description: 'Staff: referrals to this organisation (a partner always sees its own only)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: `Sent at or after this time. ${FILTER_INSTANT_RULE}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsFilterInstant()
  receivedFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: `Sent before this time. ${FILTER_INSTANT_RULE}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsFilterInstant()
  @IsAfter('receivedFrom')
  receivedTo?: string;
}

export class CaseReferralListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;
}
