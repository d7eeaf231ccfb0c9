import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ORGANISATION_TYPES, SERVICE_TYPES } from '@haven/domain';
import type { OrganisationType, ServiceType } from '@haven/domain';
import { CleanText } from '@haven/cases';
import { PageQueryDto } from '@haven/platform';
import type { OrganisationEntity } from './organisation.entity';

const PHONE = /^\+?[0-9 .-]{6,20}$/;
const MAX_COMMUNES = 200;

/** Optional in a PATCH, but not null: the column cannot be emptied, only changed. */
const Present = () => ValidateIf((_o: object, value: unknown) => value !== undefined);

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Trung tâm Trợ giúp pháp lý nhà nước tỉnh', maxLength: 200 })
  @CleanText(1, 200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_TYPES, description: 'See GET /codes (organisationTypes)' })
  @IsIn(ORGANISATION_TYPES)
  type: OrganisationType;

  @ApiProperty({
    enum: SERVICE_TYPES,
    isArray: true,
    minItems: 1,
    description: 'The services it offers (GET /codes serviceTypes); a referral asks for one of them',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVICE_TYPES.length)
  @ArrayUnique()
  @IsIn(SERVICE_TYPES, { each: true })
  serviceTypes: ServiceType[];

  @ApiProperty({ example: '46' })
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit code' })
  provinceCode: string;

  @ApiPropertyOptional({ type: [String], example: ['19753'], description: 'The communes of its province it serves; empty or absent: the whole province' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(MAX_COMMUNES)
  @Matches(/^\d{5}$/, { each: true, message: 'each commune code must be five digits' })
  communeCodes?: string[];

  @ApiPropertyOptional({ example: 'trogiupphaply@hue.gov.vn', nullable: true, type: String })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  contactEmail?: string | null;

  @ApiPropertyOptional({ example: '0234 3822 222', nullable: true, type: String })
  @IsOptional()
  @Matches(PHONE, { message: 'contactPhone must be a phone number' })
  contactPhone?: string | null;
}

/** Every field optional; contacts may be cleared with null, the rest only changed. */
export class UpdateOrganisationDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Present()
  @CleanText(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @Present()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;

  @ApiPropertyOptional({ enum: SERVICE_TYPES, isArray: true, minItems: 1, description: 'Replaces the list; referrals already sent are not affected' })
  @Present()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVICE_TYPES.length)
  @ArrayUnique()
  @IsIn(SERVICE_TYPES, { each: true })
  serviceTypes?: ServiceType[];

  @ApiPropertyOptional({ example: '46', description: 'A new province needs communeCodes of that province (or [])' })
  @Present()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit code' })
  provinceCode?: string;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the list; [] is the whole province' })
  @Present()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(MAX_COMMUNES)
  @Matches(/^\d{5}$/, { each: true, message: 'each commune code must be five digits' })
  communeCodes?: string[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null clears it' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  contactEmail?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null clears it' })
  @IsOptional()
  @Matches(PHONE, { message: 'contactPhone must be a phone number' })
  contactPhone?: string | null;

  @ApiPropertyOptional({ description: 'false: no new referrals can be sent to it; referrals under way carry on' })
  @Present()
  @IsBoolean()
  active?: boolean;
}

export class OrganisationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SERVICE_TYPES, description: 'Only organisations offering this service' })
  @IsOptional()
  @IsIn(SERVICE_TYPES)
  serviceType?: ServiceType;

  @ApiPropertyOptional({ example: '19753', description: 'Only organisations serving this commune (named, or the whole of its province)' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be five digits' })
  communeCode?: string;

  @ApiPropertyOptional({ example: '46' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit code' })
  provinceCode?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @IsOptional()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;

  @ApiPropertyOptional({ description: 'Part of the name, without diacritics if you like' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Admins only: filter by active (staff always see active organisations only)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  active?: boolean;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type: OrganisationType;
  @ApiProperty({ enum: SERVICE_TYPES, isArray: true }) serviceTypes: ServiceType[];
  @ApiProperty({ example: '46' }) provinceCode: string;
  @ApiProperty({ type: [String], description: 'Empty: the whole province' }) communeCodes: string[];
  @ApiProperty({ nullable: true, type: String }) contactEmail: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPhone: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] }) items: OrganisationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export const toOrganisation = (o: OrganisationEntity): OrganisationDto => ({
  id: o.id,
  name: o.name,
  type: o.type,
  serviceTypes: o.serviceTypes,
  provinceCode: o.provinceCode,
  communeCodes: o.communeCodes,
  contactEmail: o.contactEmail,
  contactPhone: o.contactPhone,
  active: o.active,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
});
