import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsOptional, Min } from 'class-validator';
import { CONSENT_GIVERS, CONSENT_SCOPES } from '@haven/domain';
import type { ConsentGiver, ConsentScope } from '@haven/domain';
import { PersonRefDto } from '../cases/case.dto';
import { CleanText } from '../children/children.dto';
import { IsPastInstant, PAST_INSTANT_RULE } from '../common/input.validators';
import type { ConsentEntity } from './consent.entity';

/** Law on Children / PDPL 91/2025: the child's own consent is needed, and counts, from this age. */
export const CHILD_CONSENT_AGE = 7;

const OPTIONAL_VERSION =
  'Optional: the case version the client saw. If given, a stale one answers 409 VERSION_CONFLICT; consents never change the case version.';

export class RecordConsentDto {
  @ApiProperty({
    enum: CONSENT_GIVERS,
    description: `Who consents: the guardian (parent or legal representative) always; the child too from age ${CHILD_CONSENT_AGE}, when the child's own consent is also needed (record it as a separate consent with giver \`child\`). A younger child's agreement may be recorded but does not count.`,
  })
  @IsIn(CONSENT_GIVERS)
  giver: ConsentGiver;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'Trần Thị Mai',
    description: 'The guardian’s name (personal data: kept on the consent only, never in the timeline)',
  })
  @IsOptional()
  @CleanText(1, 200)
  giverName?: string;

  @ApiProperty({
    enum: CONSENT_SCOPES,
    isArray: true,
    minItems: 1,
    maxItems: CONSENT_SCOPES.length,
    description: 'services: receiving support; sharing: disclosing to partner organisations (referrals need it)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONSENT_SCOPES.length)
  @ArrayUnique()
  @IsIn(CONSENT_SCOPES, { each: true })
  scopes: ConsentScope[];

  @ApiProperty({ format: 'date-time', description: `When consent was given. ${PAST_INSTANT_RULE}` })
  @IsISO8601({ strict: true })
  @IsPastInstant()
  givenAt: string;

  @ApiPropertyOptional({ minimum: 1, description: OPTIONAL_VERSION })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class WithdrawConsentDto {
  @ApiPropertyOptional({ format: 'date-time', description: `When consent was withdrawn (default: now); not before it was given. ${PAST_INSTANT_RULE}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsPastInstant()
  withdrawnAt?: string;

  @ApiPropertyOptional({ minimum: 1, description: OPTIONAL_VERSION })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ConsentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: CONSENT_GIVERS }) giver: ConsentGiver;
  @ApiProperty({ nullable: true, type: String }) giverName: string | null;
  @ApiProperty({ enum: CONSENT_SCOPES, isArray: true }) scopes: ConsentScope[];
  @ApiProperty({ format: 'date-time' }) givenAt: string;
  @ApiProperty({ description: 'Not withdrawn' }) active: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) withdrawnAt: string | null;
  @ApiProperty({ type: PersonRefDto, description: 'Who recorded it' }) recordedBy: PersonRefDto;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Who recorded the withdrawal' }) withdrawnBy: PersonRefDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ConsentPageDto {
  @ApiProperty({ type: [ConsentDto] }) items: ConsentDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export const toConsent = (c: ConsentEntity, names: Map<string, string>): ConsentDto => ({
  id: c.id,
  caseId: c.caseId,
  giver: c.giver,
  giverName: c.giverName,
  scopes: c.scopes,
  givenAt: c.givenAt.toISOString(),
  active: c.withdrawnAt === null,
  withdrawnAt: c.withdrawnAt ? c.withdrawnAt.toISOString() : null,
  recordedBy: { id: c.recordedBy, fullName: names.get(c.recordedBy) ?? '' },
  withdrawnBy: c.withdrawnBy ? { id: c.withdrawnBy, fullName: names.get(c.withdrawnBy) ?? '' } : null,
  createdAt: c.createdAt.toISOString(),
});
