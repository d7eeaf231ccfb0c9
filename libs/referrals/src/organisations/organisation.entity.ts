import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationType, ServiceType } from '@haven/domain';

/** A partner organisation: who receives referrals, for which services, where. */
@Entity('organisation')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') type: OrganisationType;
  @Column('text', { array: true }) serviceTypes: ServiceType[];
  @Column('varchar', { length: 2 }) provinceCode: string;
  /** The communes it serves; empty means the whole province. */
  @Column('varchar', { length: 5, array: true }) communeCodes: string[];
  @Column('text', { nullable: true }) contactEmail: string | null;
  @Column('text', { nullable: true }) contactPhone: string | null;
  @Column('boolean') active: boolean;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') updatedAt: Date;
}
