import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SEXES, SPECIAL_CIRCUMSTANCES } from '@haven/domain';
import type { Sex, SpecialCircumstance } from '@haven/domain';
import { ageOn } from './child-dates';
import type { ChildEntity } from './child.entity';

export class CaregiverResponseDto {
  @ApiProperty() name: string;
  @ApiProperty() relationship: string;
  @ApiPropertyOptional() phone?: string;
}

export class ChildResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Nguyễn Văn An' }) fullName: string;
  @ApiProperty({ example: 'An', description: 'Last word of the full name' }) givenName: string;
  @ApiProperty({ enum: SEXES }) sex: Sex;
  @ApiProperty({ format: 'date', nullable: true, type: String }) dateOfBirth: string | null;
  @ApiProperty({ description: 'true when dateOfBirth was derived from an estimated age' }) dateOfBirthEstimated: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Whole years today in Asia/Ho_Chi_Minh' }) age: number | null;
  @ApiProperty({ example: '46' }) provinceCode: string;
  @ApiProperty({ example: '19753' }) communeCode: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ type: [CaregiverResponseDto] }) caregivers: CaregiverResponseDto[];
  @ApiProperty({ enum: SPECIAL_CIRCUMSTANCES, isArray: true }) specialCircumstances: SpecialCircumstance[];
  @ApiProperty({ nullable: true, type: String }) ethnicity: string | null;
  @ApiProperty({ description: 'Send it back with PATCH' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ChildPageDto {
  @ApiProperty({ type: [ChildResponseDto] }) items: ChildResponseDto[];
  @ApiProperty({ maximum: 1000, description: 'Matches, counted up to 1,000; see totalIsLowerBound' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiPropertyOptional({
    enum: [true],
    description: 'Present (true) when more than 1,000 children match: total is then 1000, a lower bound. Pages further on still answer.',
  })
  totalIsLowerBound?: true;
}

export class DuplicateSignalsDto {
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Trigram similarity of the names, diacritics ignored' }) nameSimilarity: number;
  @ApiProperty({ description: 'Same date of birth, or within a year when either date is estimated' }) sameDateOfBirth: boolean;
  @ApiProperty() sameCommune: boolean;
}

export class ChildDuplicateDto {
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ type: DuplicateSignalsDto }) signals: DuplicateSignalsDto;
  @ApiProperty({ type: ChildResponseDto }) child: ChildResponseDto;
}

export class ChildDuplicatesDto {
  @ApiProperty({ type: [ChildDuplicateDto], description: 'Best first' }) items: ChildDuplicateDto[];
}

/** `today` is the calendar date in Vietnam (vietnamDate), which the age is counted on. */
export function toChildResponse(c: ChildEntity, today: string): ChildResponseDto {
  return {
    id: c.id,
    fullName: c.fullName,
    givenName: c.givenName,
    sex: c.sex,
    dateOfBirth: c.dateOfBirth,
    dateOfBirthEstimated: c.dateOfBirthEstimated,
    age: c.dateOfBirth ? Math.max(0, ageOn(c.dateOfBirth, today)) : null,
    provinceCode: c.provinceCode,
    communeCode: c.communeCode,
    address: c.address,
    caregivers: (c.caregivers ?? []).map(({ name, relationship, phone }) => ({ name, relationship, ...(phone ? { phone } : {}) })),
    specialCircumstances: [...(c.specialCircumstances ?? [])],
    ethnicity: c.ethnicity,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
