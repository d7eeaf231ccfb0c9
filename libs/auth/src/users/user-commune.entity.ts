import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

@Entity('user_commune')
export class UserCommuneEntity {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('varchar', { length: 5 })
  communeCode: string;

  @ManyToOne(() => UserEntity, (u) => u.communes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: UserEntity;
}
