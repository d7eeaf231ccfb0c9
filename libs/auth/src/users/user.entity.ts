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

  /** Bumped by whatever must end every session at once (see UsersService); access tokens carry it. */
  @Column('integer', { default: 1 })
  sessionVersion: number;

  /** Set when an administrator chose the password: the user must replace it before anything else. */
  @Column('boolean', { default: false })
  mustChangePassword: boolean;

  @Column('timestamptz', { nullable: true })
  passwordChangedAt: Date | null;

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
