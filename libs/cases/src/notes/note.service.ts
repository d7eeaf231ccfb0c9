import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, userNames } from '@haven/auth';
import { Page, pageOf } from '@haven/platform';
import { CaseWork, OnCaseOptions } from '../kernel/case-work';
import { AddNoteDto, NoteDto, NoteListQueryDto, toNote } from './note.dto';
import { NoteEntity } from './note.entity';

/**
 * Visit, call and meeting notes. They add to the case's record without moving its lifecycle, so
 * they do not go through decide() and do not bump the case version: a note never makes another
 * worker's pending command stale.
 */
@Injectable()
export class NoteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly work: CaseWork,
  ) {}

  async add(actor: Actor, caseId: string, dto: AddNoteDto): Promise<NoteDto> {
    const frame: OnCaseOptions = {
      // Lock only to make a given version check hold until commit.
      lock: dto.version !== undefined,
      version: dto.version,
      who: { rule: 'caseTeam', doing: 'add notes to it' },
      open: { doing: 'adding a note', command: 'addNote' },
      what: 'note',
    };
    return this.work.onCase(actor, caseId, frame, async (tx) => {
      const inserted = await tx.m.getRepository(NoteEntity).insert({
        caseId,
        kind: dto.kind,
        visibility: dto.visibility,
        body: dto.body,
        occurredAt: new Date(dto.occurredAt),
        authorId: actor.id,
        createdAt: tx.at,
      });
      const noteId = (inserted.identifiers[0] as { id: string }).id;
      // The body is personal free text: the history says only that a note exists, and of what kind.
      tx.record({ type: 'note.added', noteId, kind: dto.kind, visibility: dto.visibility });
      const note = await tx.m.getRepository(NoteEntity).findOneByOrFail({ id: noteId });
      return toNote(note, await userNames(tx.m, [actor.id]));
    });
  }

  /** Newest first (by when it happened, then when it was recorded); the read is logged. */
  async list(actor: Actor, caseId: string, q: NoteListQueryDto): Promise<Page<NoteDto>> {
    return this.work.read(actor, caseId, { what: 'notes', who: { rule: 'caseTeam', doing: 'read its notes' } }, async () => {
      const [notes, total] = await this.dataSource.getRepository(NoteEntity).findAndCount({
        where: { caseId, ...(q.visibility && { visibility: q.visibility }) },
        order: { occurredAt: 'DESC', createdAt: 'DESC', id: 'DESC' },
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
      });
      const names = await userNames(
        this.dataSource.manager,
        notes.map((n) => n.authorId),
      );
      return pageOf(
        notes.map((n) => toNote(n, names)),
        total,
        q,
      );
    });
  }
}
