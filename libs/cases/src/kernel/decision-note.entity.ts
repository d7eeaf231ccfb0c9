import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DecisionNoteKind =
  | 'closure_request'
  | 'closure_approval'
  | 'closure_rejection'
  | 'reopen'
  | 'emergency_override'
  | 'emergency_measures'
  /** A supervisor's justification for sending a referral without recorded consent to sharing (libs/referrals). */
  | 'consent_override';

/**
 * The free text behind a decision (why a case was reopened, why a closure was
 * refused). Timeline events point to it by id and never copy the text.
 */
@Entity('case_decision_note')
export class DecisionNoteEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @Column('text') kind: DecisionNoteKind;
  @Column('text') body: string;
  @Column('uuid') authorId: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
}
