import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@haven/auth';
import { HolidayResponseDto, HolidaysService, ListHolidaysQueryDto } from '@haven/deadlines';
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
      'Weekdays off (`holiday`, `compensatory`) and Saturdays worked (`makeup_workday`) in Asia/Ho_Chi_Minh. Ordinary weekends are not listed. `confirmed: false` marks days inferred before the official notice (Tết 2027 and the 2027 swaps in the seed): check them when the notice appears. The calendar is national: the operator changes it from the command line (`holiday:add`, `holiday:remove`), no province’s administrator can. Deadlines counted in working days end at 23:59:59.999 local time on their last working day; the day of the event does not count.',
  })
  @ApiOkResponse({ type: [HolidayResponseDto] })
  @ApiErrors(400, 401, 403)
  list(@Query() query: ListHolidaysQueryDto): Promise<HolidayResponseDto[]> {
    return this.holidays.list(query.year);
  }
}
