import { ApiProperty } from '@nestjs/swagger';
import type { CaseAccessLogEntity, CaseEventEntity } from '@haven/audit';

export class TimelineEventDto {
  @ApiProperty({ description: 'Sequence number within the whole system; increasing' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who did it (null for the system, e.g. a reminder)' }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty({ example: 'plan.approved' }) type: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids, codes and times; no free-text personal data' }) payload: Record<
    string,
    unknown
  >;
}

export class AccessLogEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid' }) actorId: string;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty({ enum: ['read', 'write'] }) action: 'read' | 'write';
  @ApiProperty({
    enum: ['case', 'child'],
    description: 'What the entry is about: this case, or the registry record of its child (shared by all of the child’s cases)',
  })
  about: 'case' | 'child';
  @ApiProperty({ example: 'case', description: 'What was read or changed, e.g. `notes`, or for the child’s record `child`, `child-search`, `child-update`' })
  what: string;
}

export const toTimelineEvent = (e: CaseEventEntity, names: Map<string, string>): TimelineEventDto => ({
  id: String(e.id),
  at: e.at.toISOString(),
  actorId: e.actorId,
  actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
  type: e.type,
  payload: e.payload,
});

export const toAccessLogEntry = (e: CaseAccessLogEntity, names: Map<string, string>): AccessLogEntryDto => ({
  id: String(e.id),
  at: e.at.toISOString(),
  actorId: e.actorId,
  actorName: names.get(e.actorId) ?? null,
  action: e.action,
  about: e.childId ? 'child' : 'case',
  what: e.what,
});
