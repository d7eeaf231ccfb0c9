import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, Min } from 'class-validator';
import { NOTE_KINDS, NOTE_VISIBILITIES } from '@haven/domain';
import type { NoteKind, NoteVisibility } from '@haven/domain';
import { PageQueryDto } from '@haven/platform';
import { PersonRefDto } from '../cases/case.dto';
import { IsPastInstant, MultilineText, PAST_INSTANT_RULE } from '../common/input.validators';
import type { NoteEntity } from './note.entity';

export const NOTE_BODY_MAX_LENGTH = 10_000;

export class AddNoteDto {
  @ApiProperty({ enum: NOTE_KINDS, description: 'See GET /codes (noteKinds)' })
  @IsIn(NOTE_KINDS)
  kind: NoteKind;

  @ApiProperty({
    enum: NOTE_VISIBILITIES,
    description: '`shared` notes may later be attached to a referral for a partner; `internal` ones never leave the case team',
  })
  @IsIn(NOTE_VISIBILITIES)
  visibility: NoteVisibility;

  @ApiProperty({
    minLength: 1,
    maxLength: NOTE_BODY_MAX_LENGTH,
    description: 'What happened; line breaks kept. Stored on the note only, never copied into the timeline.',
  })
  @MultilineText(1, NOTE_BODY_MAX_LENGTH)
  body: string;

  @ApiProperty({ format: 'date-time', description: `When the visit, call or meeting took place. ${PAST_INSTANT_RULE}` })
  @IsISO8601({ strict: true })
  @IsPastInstant()
  occurredAt: string;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'Optional: the case version the client saw. If given, a stale one answers 409 VERSION_CONFLICT; a note never changes the case version.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class NoteListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NOTE_VISIBILITIES, description: 'Only notes of this visibility' })
  @IsOptional()
  @IsIn(NOTE_VISIBILITIES)
  visibility?: NoteVisibility;
}

export class NoteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: NOTE_KINDS }) kind: NoteKind;
  @ApiProperty({ enum: NOTE_VISIBILITIES }) visibility: NoteVisibility;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: PersonRefDto }) author: PersonRefDto;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded' }) createdAt: string;
}

export class NotePageDto {
  @ApiProperty({ type: [NoteDto] }) items: NoteDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export const toNote = (n: NoteEntity, names: Map<string, string>): NoteDto => ({
  id: n.id,
  caseId: n.caseId,
  kind: n.kind,
  visibility: n.visibility,
  body: n.body,
  occurredAt: n.occurredAt.toISOString(),
  author: { id: n.authorId, fullName: names.get(n.authorId) ?? '' },
  createdAt: n.createdAt.toISOString(),
});
