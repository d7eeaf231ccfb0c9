import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';

/** Every command on a case names the version the client last saw (optimistic locking). */
export class VersionedDto {
  @ApiProperty({ description: 'The case version the client last saw; a stale one answers 409 VERSION_CONFLICT', example: 3 })
  @IsInt()
  @Min(1)
  version: number;
}

export class AssignDto extends VersionedDto {
  @ApiProperty({ format: 'uuid', description: 'An active caseworker of the case’s commune' })
  @IsUUID()
  assigneeId: string;
}

export class DecisionCommentDto extends VersionedDto {
  @ApiPropertyOptional({ description: 'Why (kept on the record; no names of children)' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}
