import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@haven/auth';
import { CommuneResponseDto, PlacesService, ProvinceResponseDto } from '@haven/reference';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ProvinceCodePipe } from '../pipes/code.pipe';

@ApiTags('reference')
@ApiBearerAuth()
@Controller('provinces')
export class PlacesController {
  constructor(private readonly places: PlacesService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The 34 provinces (2025 codes)' })
  @ApiOkResponse({ type: [ProvinceResponseDto] })
  @ApiErrors(401)
  provinces(): Promise<ProvinceResponseDto[]> {
    return this.places.listProvinces();
  }

  @Get(':code/communes')
  @Authenticated()
  @ApiOperation({ summary: 'The communes of a province (2025 codes)' })
  @ApiOkResponse({ type: [CommuneResponseDto] })
  @ApiErrors(400, 401, 404)
  communes(@Param('code', ProvinceCodePipe) code: string): Promise<CommuneResponseDto[]> {
    return this.places.listCommunes(code);
  }
}
