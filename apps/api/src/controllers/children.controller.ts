import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@haven/auth';
import {
  ChildDuplicatesDto,
  ChildDuplicatesQueryDto,
  ChildPageDto,
  ChildResponseDto,
  ChildrenService,
  DUPLICATE_LIMIT,
  DUPLICATE_THRESHOLD,
  DUPLICATE_WEIGHTS,
  ListChildrenQueryDto,
  UpdateChildDto,
} from '@haven/cases';
import { STAFF_ROLES } from '@haven/domain';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

const SCOPE = 'Managers see the children of their province; supervisors, caseworkers and intake officers those of their communes.';
const LOGGED = 'Each child returned is logged as read in the access log of each of its cases.';

@ApiTags('children')
@ApiBearerAuth()
@Controller('children')
export class ChildrenController {
  constructor(private readonly children: ChildrenService) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Search the child registry',
    description: `${SCOPE} \`q\` ignores diacritics and case (đ = d) and tolerates typos ("nguyen vn an" finds "Nguyễn Văn An"); results are ranked by name similarity, then by name. Filters combine. ${LOGGED}`,
  })
  @ApiOkResponse({ type: ChildPageDto })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListChildrenQueryDto): Promise<ChildPageDto> {
    return this.children.list(actor, query);
  }

  @Get('duplicates')
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Likely duplicates of a child about to be registered',
    description:
      `For the intake screen: registered children in your scope that may be the same child, best first, at most ${DUPLICATE_LIMIT}. ` +
      `score = ${DUPLICATE_WEIGHTS.name} × nameSimilarity + ${DUPLICATE_WEIGHTS.dateOfBirth} × sameDateOfBirth + ${DUPLICATE_WEIGHTS.commune} × sameCommune, in [0, 1], ` +
      `where nameSimilarity is the trigram similarity of the names with diacritics ignored (candidates need at least 0.3), ` +
      `sameDateOfBirth is 1 for the same date or, when either date is estimated, dates within a year, and sameCommune is 1 for the same commune. ` +
      `Only candidates scoring at least ${DUPLICATE_THRESHOLD} are returned. ${LOGGED}`,
  })
  @ApiOkResponse({ type: ChildDuplicatesDto })
  @ApiErrors(400, 401, 403)
  duplicates(@CurrentActor() actor: Actor, @Query() query: ChildDuplicatesQueryDto): Promise<ChildDuplicatesDto> {
    return this.children.duplicates(actor, query);
  }

  @Get(':id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'One child', description: `${SCOPE} A child outside your scope answers 404. ${LOGGED}` })
  @ApiOkResponse({ type: ChildResponseDto })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ChildResponseDto> {
    return this.children.get(actor, id);
  }

  @Patch(':id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Correct or complete a child’s record',
    description:
      `Only staff who may open at least one of the child’s cases may change its record (the case scope: managers their province, supervisors their communes, ` +
      `caseworkers their own cases of their communes, intake officers their unassigned intakes); anyone else gets 404. ` +
      `Send the version you last read; a stale one answers 409 VERSION_CONFLICT and changes nothing. Commune staff may move a child only to one of their own communes (403). ` +
      `The change is logged in the access log of each of the child’s cases.`,
  })
  @ApiOkResponse({ type: ChildResponseDto })
  @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: UpdateChildDto): Promise<ChildResponseDto> {
    return this.children.update(actor, id, dto);
  }
}
