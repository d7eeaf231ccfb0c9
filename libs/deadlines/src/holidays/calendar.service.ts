import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { CalendarDayKind, WorkingDayCalendar } from '@haven/domain';
import { HolidayEntity } from './holiday.entity';

/**
 * The working-day calendar as the holiday table has it now. Not cached: the table holds a few
 * dozen rows, one indexed read costs less than keeping replicas' caches in step, and an admin's
 * change applies to the very next deadline computed. A caller computing many deadlines at once
 * loads it once and passes it along.
 */
@Injectable()
export class CalendarService {
  constructor(@InjectRepository(HolidayEntity) private readonly holidays: Repository<HolidayEntity>) {}

  /** The calendar; pass the caller's transaction, if any, to read inside it. */
  async calendar(m?: EntityManager): Promise<WorkingDayCalendar> {
    const repo = m ? m.getRepository(HolidayEntity) : this.holidays;
    const rows: { date: string; kind: CalendarDayKind }[] = await repo.query(`SELECT date::text AS date, kind FROM holiday ORDER BY date`);
    return new WorkingDayCalendar(rows);
  }
}
