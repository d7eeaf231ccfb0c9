import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@haven/auth';
import { AddNoteDto, NoteDto, NoteListQueryDto, NotePageDto, NoteService } from '@haven/cases';
import { Role } from '@haven/domain';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

@ApiTags('notes')
@ApiBearerAuth()
@Controller('cases')
export class CaseNotesController {
  constructor(private readonly notes: NoteService) {}

  @Post(':id/notes')
  @Roles(Role.Caseworker, Role.Supervisor)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Record a visit, call or meeting note',
    description:
      'The case’s assignee or a supervisor of its commune. A note adds to the record without moving the lifecycle: `version` is optional (checked if given) and the case version does not change. ' +
      'The timeline records that a note was added, of what kind and visibility, never its body. Not on a closed case (409).',
  })
  @ApiErrors(400, 401, 403, 404, 409)
  @ApiCreatedResponse({ type: NoteDto })
  add(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: AddNoteDto): Promise<NoteDto> {
    return this.notes.add(actor, id, dto);
  }

  @Get(':id/notes')
  @Roles(Role.Caseworker, Role.Supervisor)
  @ApiOperation({ summary: 'The case’s notes, newest first (the read is logged)', description: 'The case’s assignee or a supervisor of its commune.' })
  @ApiErrors(400, 401, 403, 404)
  @ApiOkResponse({ type: NotePageDto })
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Query() query: NoteListQueryDto): Promise<NotePageDto> {
    return this.notes.list(actor, id, query);
  }
}
