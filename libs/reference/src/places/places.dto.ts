import { ApiProperty } from '@nestjs/swagger';
import type { CommuneEntity, ProvinceEntity } from './place.entity';

export class ProvinceResponseDto {
  @ApiProperty({ example: '46', description: 'Statistics office code (letter 915/CTK-CSCL)' })
  code: string;

  @ApiProperty({ example: 'Thành phố Huế' })
  name: string;
}

export class CommuneResponseDto {
  @ApiProperty({ example: '19753', description: 'Statistics office code (letter 1027/CTK-CSCL)' })
  code: string;

  @ApiProperty({ example: 'Phường Phú Xuân' })
  name: string;

  @ApiProperty({ enum: ['xa', 'phuong', 'dac_khu'] })
  kind: string;

  @ApiProperty({ example: '46' })
  provinceCode: string;
}

export const toProvinceResponse = (p: ProvinceEntity): ProvinceResponseDto => ({ code: p.code, name: p.name });
export const toCommuneResponse = (c: CommuneEntity): CommuneResponseDto => ({ code: c.code, name: c.name, kind: c.kind, provinceCode: c.provinceCode });
