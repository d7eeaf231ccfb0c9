import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NoteKind, NoteVisibility } from '@haven/domain';

@Entity('case_note')
export class NoteEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @Column('text') kind: NoteKind;
  @Column('text') visibility: NoteVisibility;
  @Column('text') body: string;
  @Column('timestamptz') occurredAt: Date;
  @Column('uuid') authorId: string;
  @Column('timestamptz') createdAt: Date;
}
