import type { EntityManager } from 'typeorm';
import { DecisionNoteEntity, DecisionNoteKind } from './decision-note.entity';

export interface NewDecisionNote {
  caseId: string;
  kind: DecisionNoteKind;
  body: string;
  authorId: string;
  /** When the decision was taken; left out, the database's now() (the transaction's start). */
  createdAt?: Date;
}

/**
 * The free text behind a decision goes to case_decision_note, which this lib owns; other libs
 * (a referral's consent override) write it through here, never through the entity. Returns the
 * note's id, which history events carry instead of the text.
 */
export async function addDecisionNote(m: EntityManager, note: NewDecisionNote): Promise<string> {
  const { createdAt, ...row } = note;
  const inserted = await m.getRepository(DecisionNoteEntity).insert({ ...row, ...(createdAt && { createdAt }) });
  return (inserted.identifiers[0] as { id: string }).id;
}

/** A decision note's text, for the view of what it justifies (a referral's override); null if there is none. */
export async function decisionNoteBody(m: EntityManager, id: string): Promise<string | null> {
  const note = await m.getRepository(DecisionNoteEntity).findOne({ where: { id }, select: { id: true, body: true } });
  return note?.body ?? null;
}
