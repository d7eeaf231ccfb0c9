import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, Matches, ValidateIf } from 'class-validator';
import { CLOSURE_REASONS, CONCERN_TYPES, INTAKE_CHANNELS } from '@haven/domain';
import type { ClosureReason, ConcernType, IntakeChannel } from '@haven/domain';
import { VersionedDto } from '../kernel/command.dto';
import { IsPastInstant, MultilineText, PAST_INSTANT_RULE } from '../common/input.validators';
import { OnlyWhen } from '../common/only-when.validator';

export class RequestClosureDto extends VersionedDto {
  @ApiProperty({
    enum: CLOSURE_REASONS,
    description:
      '`resolved` only after a review found the child no longer at risk and stable (Decree 56 art. 30(1)(b)). ' +
      'No reason but `child_died` and `duplicate` closes a case while the child is in immediate danger, and none while a separation runs ' +
      '(Law on Children art. 52(3); Decree 56 art. 32(1)); `family_refused` needs an assessment finding the risk below high; ' +
      '`transferred` needs receivingCommuneCode',
  })
  @IsIn(CLOSURE_REASONS)
  reason: ClosureReason;

  @ApiPropertyOptional({ example: '46001', description: 'Required with `transferred`, and only then: the commune taking the child over' })
  @ValidateIf((o: RequestClosureDto) => o.reason === 'transferred' || o.receivingCommuneCode !== undefined)
  @Matches(/^\d{5}$/, { message: 'receivingCommuneCode must be five digits' })
  @OnlyWhen((o) => (o as RequestClosureDto).reason === 'transferred', 'receivingCommuneCode goes with reason transferred')
  receivingCommuneCode?: string;

  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'Why the case can close (kept on the record, never in the timeline)' })
  @MultilineText(1, 2000)
  note: string;
}

export class ReopenDto extends VersionedDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'Why the case is reopened (kept on the record, never in the timeline)' })
  @MultilineText(1, 2000)
  reason: string;

  @ApiProperty({
    format: 'date-time',
    description:
      'When the new report that reopens the case was received: the new episode’s receipt, from which its initial assessment and, ' +
      'when the report shows immediate danger, its emergency measures count (Decree 56/2017 arts. 26(3), 31(2): 12 hours from ' +
      `receiving the information). Not before the closure. ${PAST_INSTANT_RULE}`,
  })
  @IsISO8601({ strict: true })
  @IsPastInstant()
  receivedAt: string;

  @ApiProperty({ enum: INTAKE_CHANNELS, description: 'How the new report came in' })
  @IsIn(INTAKE_CHANNELS)
  channel: IntakeChannel;

  @ApiPropertyOptional({ enum: CONCERN_TYPES, isArray: true, description: 'Concern types the new report adds to the case’s' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONCERN_TYPES.length)
  @ArrayUnique()
  @IsIn(CONCERN_TYPES, { each: true })
  addedConcernTypes?: ConcernType[];

  @ApiPropertyOptional({
    default: false,
    description:
      'The new report says the child faces serious harm now: emergency measures or a separation are due within 12 hours of receivedAt (Decree 56/2017 arts. 26(3), 31(2))',
  })
  @IsOptional()
  @IsBoolean()
  immediateDanger?: boolean;
}
