import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CLOSURE_REASONS } from '@haven/domain';
import type { ClosureReason } from '@haven/domain';
import { VersionedDto } from '../kernel/command.dto';
import { MultilineText } from '../common/input.validators';

export class RequestClosureDto extends VersionedDto {
  @ApiProperty({ enum: CLOSURE_REASONS, description: '`resolved` only after a review found the child no longer at risk and stable (art. 30)' })
  @IsIn(CLOSURE_REASONS)
  reason: ClosureReason;

  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'Why the case can close (kept on the record, never in the timeline)' })
  @MultilineText(1, 2000)
  note: string;
}

export class ReopenDto extends VersionedDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'Why the case is reopened (kept on the record, never in the timeline)' })
  @MultilineText(1, 2000)
  reason: string;
}
