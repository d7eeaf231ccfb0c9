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
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CONCERN_TYPES, INTAKE_CHANNELS } from '@haven/domain';
import { IsPastInstant, PAST_INSTANT_RULE } from '../common/input.validators';
import type { ConcernType, IntakeChannel } from '@haven/domain';

export class ReporterInputDto {
  @ApiPropertyOptional({ example: 'neighbour', description: 'How the reporter knows the child' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  relationship?: string;

  @ApiPropertyOptional({ description: 'Stored only when identityConsent is true' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'Stored only when identityConsent is true' })
  @IsOptional()
  @Matches(/^\+?[0-9 .-]{6,20}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiProperty({ description: 'The reporter agrees to be identified; without it, name and phone are discarded' })
  @IsBoolean()
  identityConsent: boolean;
}

export class IncidentInputDto {
  @ApiProperty({ enum: CONCERN_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONCERN_TYPES.length)
  @ArrayUnique()
  @IsIn(CONCERN_TYPES, { each: true })
  concernTypes: ConcernType[];

  @ApiPropertyOptional({ format: 'date-time', description: `When it happened; not before the child’s date of birth. ${PAST_INSTANT_RULE}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsPastInstant()
  occurredAt?: string;

  @ApiProperty({ example: '19753', description: 'Where it happened' })
  @Matches(/^\d{5}$/, { message: 'communeCode must be five digits' })
  communeCode: string;

  @ApiProperty({ description: 'What happened (Mẫu 01)' })
  @IsString()
  @Length(1, 5000)
  description: string;

  @ApiProperty({ description: 'The child faces serious harm now: emergency measures within 12 hours' })
  @IsBoolean()
  immediateDanger: boolean;
}

export class IntakeDto {
  @ApiProperty({ format: 'date-time', description: `When the report was received; not before the child’s date of birth. ${PAST_INSTANT_RULE}` })
  @IsISO8601({ strict: true })
  @IsPastInstant()
  receivedAt: string;

  @ApiProperty({ enum: INTAKE_CHANNELS })
  @IsIn(INTAKE_CHANNELS)
  channel: IntakeChannel;

  @ApiPropertyOptional({ type: ReporterInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReporterInputDto)
  reporter?: ReporterInputDto;

  @ApiProperty({
    description:
      'Either `{ id }` of a registered child in your scope, or a new child: `{ fullName, sex, dateOfBirth | estimatedAge, communeCode, address?, caregivers?, specialCircumstances?, ethnicity? }`',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  child: Record<string, unknown>;

  @ApiProperty({ type: IncidentInputDto })
  @ValidateNested()
  @Type(() => IncidentInputDto)
  incident: IncidentInputDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'A caseworker of the child’s commune' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
}

export class ExistingChildRefDto {
  @IsUUID()
  id: string;
}
