import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, Repository } from 'typeorm';
import type { Actor } from '@haven/auth';
import { calendarEntryProblems } from '@haven/domain';
import { AppException, ErrorCode, pgCode } from '@haven/platform';
import { HolidayEntity } from './holiday.entity';
import { CreateHolidayDto, HolidayResponseDto, isCalendarDay, toHolidayResponse } from './holidays.dto';

/**
 * The holiday table: the exceptions to the Monday–Friday week (a day off on a weekday, a make-up
 * Saturday). The calendar is national, so the operator maintains it from the command line
 * (`holiday:add`, `holiday:remove`); no province's administrator can. Deadlines already open keep the due time they were given;
 * what a change means for them is the deadline scheduler's business.
 */
@Injectable()
export class HolidaysService {
  private readonly logger = new Logger(HolidaysService.name);

  constructor(@InjectRepository(HolidayEntity) private readonly holidays: Repository<HolidayEntity>) {}

  /** The exception days of a year (every year when none is given), in date order. */
  async list(year?: number): Promise<HolidayResponseDto[]> {
    const rows = await this.holidays.find({
      where: year === undefined ? {} : { date: Between(`${year}-01-01`, `${year}-12-31`) },
      order: { date: 'ASC' },
    });
    return rows.map(toHolidayResponse);
  }

  /** Adds a day: 400 when the kind does not fit the weekday, 409 when the day is already listed. */
  async create(actor: Actor | null, dto: CreateHolidayDto): Promise<HolidayResponseDto> {
    const problems = calendarEntryProblems(dto);
    if (problems.length > 0) throw AppException.validation(problems);
    try {
      await this.holidays.insert({
        date: dto.date,
        kind: dto.kind,
        nameVi: dto.nameVi,
        nameEn: dto.nameEn,
        confirmed: dto.confirmed ?? true,
        source: dto.source ?? null,
        createdBy: actor?.id ?? null,
      });
    } catch (e) {
      if (pgCode(e) === '23505') {
        throw new AppException(ErrorCode.Conflict, 'That day is already in the calendar', [
          { field: 'date', message: `${dto.date} is already listed; delete it first to change it` },
        ]);
      }
      throw e;
    }
    this.logger.log({ actorId: actor?.id ?? 'operator', date: dto.date, kind: dto.kind, confirmed: dto.confirmed ?? true }, 'holiday added');
    return toHolidayResponse(await this.holidays.findOneByOrFail({ date: dto.date }));
  }

  /** Removes a day: 400 for a malformed date, 404 when it is not listed. */
  async remove(actor: Actor | null, date: string): Promise<void> {
    if (!isCalendarDay(date)) throw AppException.validation([{ field: 'date', message: 'date must be a calendar day written YYYY-MM-DD' }]);
    const deleted = await this.holidays.delete({ date });
    if (!deleted.affected) throw AppException.notFound('Holiday');
    this.logger.log({ actorId: actor?.id ?? 'operator', date }, 'holiday removed');
  }
}
