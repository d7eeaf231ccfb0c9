import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '@haven/platform';
import type { NotificationEntity } from './notification.entity';
import { NOTIFICATION_KINDS } from './notification-templates';
import type { NotificationKind } from './notification-templates';
import { STAFF_NOTICE_KINDS } from './staff-notices';
import type { StaffNoticeKind } from './staff-notices';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class NotificationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: unread only; false: read only; absent: all' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: [...NOTIFICATION_KINDS, ...STAFF_NOTICE_KINDS],
    description: 'Notices about a case carry its id and number; notices about staff accounts (`admin.*`) carry neither',
  })
  kind: NotificationKind | StaffNoticeKind;
  @ApiProperty({ description: 'Written by the kind’s template: case number, kind of deadline, never a child’s name' }) title: string;
  @ApiProperty({ description: 'Written by the kind’s template (Vietnamese, then English), ending with the link' }) body: string;
  @ApiProperty({ nullable: true, type: String, example: 'https://haven.example.gov.vn/cases/1b2c…' }) link: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '46-2026-000123' }) caseNumber: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    description: 'Ids and codes of what it is about, e.g. deadlineId, step, deadlineKind, dueAt',
  })
  data: Record<string, string | number>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'Unread notifications of the caller, whatever the filter' }) unread: number;
}

export class ReadAllResponseDto {
  @ApiProperty({ description: 'How many notifications were unread and are now read' }) updated: number;
}

export const toNotification = (n: NotificationEntity): NotificationDto => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  caseId: n.caseId,
  caseNumber: typeof n.data.caseNumber === 'string' ? n.data.caseNumber : null,
  data: { ...n.data },
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});
