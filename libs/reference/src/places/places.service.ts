import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AppException, ErrorCode, ErrorDetail } from '@haven/platform';
import { CommuneEntity, ProvinceEntity } from './place.entity';
import { CommuneResponseDto, ProvinceResponseDto, toCommuneResponse, toProvinceResponse } from './places.dto';

@Injectable()
export class PlacesService {
  constructor(
    @InjectRepository(ProvinceEntity) private readonly provinces: Repository<ProvinceEntity>,
    @InjectRepository(CommuneEntity) private readonly communes: Repository<CommuneEntity>,
  ) {}

  async listProvinces(): Promise<ProvinceResponseDto[]> {
    return (await this.provinces.find({ order: { code: 'ASC' } })).map(toProvinceResponse);
  }

  async listCommunes(provinceCode: string): Promise<CommuneResponseDto[]> {
    if (!(await this.provinces.existsBy({ code: provinceCode }))) throw AppException.notFound('Province');
    return (await this.communes.find({ where: { provinceCode }, order: { code: 'ASC' } })).map(toCommuneResponse);
  }

  /**
   * Checks that the province exists and every commune belongs to it; throws
   * one 400 naming each bad code.
   */
  async assertPlaces(
    provinceCode: string,
    communeCodes: string[],
    fields = { province: 'provinceCode', communes: 'communeCodes' },
    /** The caller's transaction, if any: taking a second pooled connection inside one can starve the pool. */
    m?: EntityManager,
  ): Promise<void> {
    const details: ErrorDetail[] = [];
    const provinces = m ? m.getRepository(ProvinceEntity) : this.provinces;
    const communes = m ? m.getRepository(CommuneEntity) : this.communes;
    if (!(await provinces.existsBy({ code: provinceCode }))) details.push({ field: fields.province, message: `unknown province ${provinceCode}` });
    if (communeCodes.length > 0) {
      const found = await communes.find({ where: { code: In(communeCodes) }, select: { code: true, provinceCode: true } });
      const byCode = new Map(found.map((c) => [c.code, c.provinceCode]));
      for (const code of communeCodes) {
        const province = byCode.get(code);
        if (!province) details.push({ field: fields.communes, message: `unknown commune ${code}` });
        else if (province !== provinceCode) details.push({ field: fields.communes, message: `commune ${code} is not in province ${provinceCode}` });
      }
    }
    if (details.length > 0) throw new AppException(ErrorCode.UnknownPlace, 'Unknown or mismatched place codes', details);
  }
}
