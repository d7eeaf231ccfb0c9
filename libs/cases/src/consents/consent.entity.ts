import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConsentGiver, ConsentScope } from '@haven/domain';

@Entity('consent')
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') caseId: string;
  @Column('text') giver: ConsentGiver;
  @Column('text', { nullable: true }) giverName: string | null;
  @Column('text', { array: true }) scopes: ConsentScope[];
  @Column('timestamptz') givenAt: Date;
  @Column('timestamptz', { nullable: true }) withdrawnAt: Date | null;
  @Column('uuid') recordedBy: string;
  @Column('uuid', { nullable: true }) withdrawnBy: string | null;
  @Column('timestamptz') createdAt: Date;
}
