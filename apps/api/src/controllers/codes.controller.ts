import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@haven/auth';
import { CodeListsDto, CodesService } from '@haven/reference';
import { ApiErrors } from '../openapi/api-errors.decorator';

@ApiTags('reference')
@ApiBearerAuth()
@Controller('codes')
export class CodesController {
  constructor(private readonly codes: CodesService) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Every code list with Vietnamese and English labels',
    description:
      'Stages, concern types, the 14 special-circumstance groups (with the law’s letters), risk levels, service types, intake channels, closure reasons and the other codes the API uses, so that every client shows the same words.',
  })
  @ApiErrors(401)
  @ApiOkResponse({ type: CodeListsDto })
  list(): CodeListsDto {
    return this.codes.list();
  }
}
