import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches, ValidateIf } from 'class-validator';
import { CLOSURE_REASONS } from '@haven/domain';
import type { ClosureReason } from '@haven/domain';
import { VersionedDto } from '../kernel/command.dto';
import { MultilineText } from '../common/input.validators';
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
}
