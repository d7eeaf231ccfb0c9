import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Role } from '@haven/domain';
import { UserCommuneEntity } from './user-commune.entity';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  username: string;

  @Column('text')
  fullName: string;

  @Column('text')
  role: Role;

  @Column('varchar', { length: 2 })
  provinceCode: string;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { select: false })
  passwordHash: string;

  @Column('boolean', { default: true })
  active: boolean;

  @Column('integer', { default: 0 })
  failedLogins: number;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;

  @Column('timestamptz', { nullable: true })
  lastLoginAt: Date | null;

  @OneToMany(() => UserCommuneEntity, (c) => c.user, { cascade: true })
  communes: UserCommuneEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
