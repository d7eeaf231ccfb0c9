import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@haven/auth';
import { CreateHolidayDto, HolidayResponseDto, HolidaysService, ListHolidaysQueryDto } from '@haven/deadlines';
import { Role, STAFF_ROLES } from '@haven/domain';
import { ApiErrors } from '../openapi/api-errors.decorator';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @Roles(Role.Admin, ...STAFF_ROLES)
  @ApiOperation({
    summary: 'The working-day calendar: exceptions to the Monday–Friday week',
    description:
      'Weekdays off (`holiday`, `compensatory`) and Saturdays worked (`makeup_workday`) in Asia/Ho_Chi_Minh. Ordinary weekends are not listed. `confirmed: false` marks days inferred before the official notice (Tết 2027 and the 2027 swaps in the seed): check them when the notice appears. Deadlines counted in working days end at 23:59:59.999 local time on their last working day; the day of the event does not count.',
  })
  @ApiOkResponse({ type: [HolidayResponseDto] })
  @ApiErrors(400, 401, 403)
  list(@Query() query: ListHolidaysQueryDto): Promise<HolidayResponseDto[]> {
    return this.holidays.list(query.year);
  }

  @Post()
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Add a day to the calendar',
    description:
      'A `holiday` or `compensatory` day must be a weekday; a `makeup_workday` a Saturday (400 otherwise). A day already listed answers 409 CONFLICT: delete it first to change it. Deadlines already open keep their due time.',
  })
  @ApiCreatedResponse({ type: HolidayResponseDto })
  @ApiErrors(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateHolidayDto): Promise<HolidayResponseDto> {
    return this.holidays.create(actor, dto);
  }

  @Delete(':date')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a day from the calendar' })
  @ApiParam({ name: 'date', example: '2027-02-04', description: 'YYYY-MM-DD' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 401, 403, 404)
  remove(@CurrentActor() actor: Actor, @Param('date') date: string): Promise<void> {
    return this.holidays.remove(actor, date);
  }
}
