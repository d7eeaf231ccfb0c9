import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('province')
export class ProvinceEntity {
  @PrimaryColumn('varchar', { length: 2 })
  code: string;

  @Column('text')
  name: string;
}

@Entity('commune')
export class CommuneEntity {
  @PrimaryColumn('varchar', { length: 5 })
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: 'xa' | 'phuong' | 'dac_khu';

  @Column('varchar', { length: 2 })
  provinceCode: string;
}
