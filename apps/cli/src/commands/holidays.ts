import type { INestApplicationContext } from '@nestjs/common';
import { CreateHolidayDto, HolidayResponseDto, HolidaysService } from '@haven/deadlines';
import { validateObject } from '@haven/platform';
import { parseOptions, UsageError } from './operator-args';

export const HOLIDAY_ADD_USAGE =
  'holiday:add --date YYYY-MM-DD --kind holiday|compensatory|makeup_workday --name-vi "…" --name-en "…" [--source "…"] [--unconfirmed]';
export const HOLIDAY_REMOVE_USAGE = 'holiday:remove --date YYYY-MM-DD';

/**
 * The working-day calendar is national (the Government's notices), so no province's
 * administrator changes it: the operator does, here, through the same validation and service
 * the API used to offer.
 */
export async function addHolidayFromCli(app: INestApplicationContext, argv: string[]): Promise<HolidayResponseDto> {
  const o = parseOptions(argv, ['date', 'kind', 'name-vi', 'name-en', 'source'] as const, ['unconfirmed']);
  const body = {
    date: o.date,
    kind: o.kind,
    nameVi: o['name-vi'],
    nameEn: o['name-en'],
    ...(o.source !== undefined && { source: o.source }),
    ...(o.unconfirmed === true && { confirmed: false }),
  };
  const dto = await validateObject(CreateHolidayDto, body, '');
  return app.get(HolidaysService).create(null, dto);
}

export async function removeHolidayFromCli(app: INestApplicationContext, argv: string[]): Promise<string> {
  const o = parseOptions(argv, ['date'] as const);
  if (!o.date) throw new UsageError('missing --date');
  await app.get(HolidaysService).remove(null, o.date);
  return o.date;
}
