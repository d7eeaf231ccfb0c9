import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '@haven/platform';
import { ADMIN_ACTIONS, ADMIN_TARGET_TYPES, AdminAction, AdminTargetType } from './admin-audit.types';

export class AdminAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ADMIN_TARGET_TYPES })
  @IsOptional()
  @IsIn(ADMIN_TARGET_TYPES)
  targetType?: AdminTargetType;

  @ApiPropertyOptional({ description: 'A user or organisation id, or a province code for the deadline policy', example: '46' })
  @IsOptional()
  @Matches(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{2})$/i, { message: 'targetId must be a UUID or a province code' })
  targetId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Changes made by this user' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: ADMIN_ACTIONS })
  @IsOptional()
  @IsIn(ADMIN_ACTIONS)
  action?: AdminAction;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AdminAuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['user', 'operator'], description: '`operator`: a command run on the server (npm run cli)' }) actorKind: 'user' | 'operator';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorUsername: string | null;
  @ApiProperty({ example: '46' }) provinceCode: string;
  @ApiProperty({ enum: ADMIN_TARGET_TYPES }) targetType: AdminTargetType;
  @ApiProperty() targetId: string;
  @ApiProperty({ nullable: true, type: String, description: 'The username, for a user' }) targetUsername: string | null;
  @ApiProperty({ enum: ADMIN_ACTIONS }) action: AdminAction;
  @ApiProperty({ type: [String], example: ['role_changed'] }) kinds: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { from: {}, to: {} } },
    example: { role: { from: 'caseworker', to: 'manager' } },
    description: 'Each changed field with its value before and after; passwords never appear',
  })
  changes: Record<string, { from: unknown; to: unknown }>;
}

export class AdminAuditPageDto {
  @ApiProperty({ type: [AdminAuditEntryDto] }) items: AdminAuditEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
