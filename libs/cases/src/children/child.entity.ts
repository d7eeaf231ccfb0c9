import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Sex, SpecialCircumstance } from '@haven/domain';

export interface Caregiver {
  name: string;
  relationship: string;
  phone?: string;
}

@Entity('child')
export class ChildEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('varchar', { length: 2 }) provinceCode: string;
  @Column('varchar', { length: 5 }) communeCode: string;
  @Column('text') fullName: string;
  /** The given name alone (last word of a Vietnamese name): all a partner may see. */
  @Column('text') givenName: string;
  @Column('text') sex: Sex;
  @Column('date', { nullable: true }) dateOfBirth: string | null;
  @Column('boolean', { default: false }) dateOfBirthEstimated: boolean;
  @Column('text', { nullable: true }) address: string | null;
  @Column('jsonb', { default: [] }) caregivers: Caregiver[];
  @Column('text', { array: true, default: [] }) specialCircumstances: SpecialCircumstance[];
  @Column('text', { nullable: true }) ethnicity: string | null;
  @Column('uuid') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn() version: number;
}
