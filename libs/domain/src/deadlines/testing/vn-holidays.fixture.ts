import type { CalendarEntry } from '../working-days';

/*
 * The exception days of migrations/data/vn-holidays.csv (2026 confirmed; 2027 partly inferred,
 * `confirmed: false`), transcribed as plain data so that the unit tests need no file or database.
 * The e2e tests check the seeded table against the same facts.
 */
export const VN_HOLIDAYS_2026_2027: readonly (CalendarEntry & { confirmed: boolean })[] = [
  { date: '2026-01-01', kind: 'holiday', confirmed: true }, // New Year's Day
  { date: '2026-01-02', kind: 'compensatory', confirmed: true }, // New Year swapped day off (worked back Sat 10 Jan 2026)
  { date: '2026-01-10', kind: 'makeup_workday', confirmed: true }, // Make-up working Saturday for Fri 2 Jan 2026
  { date: '2026-02-16', kind: 'holiday', confirmed: true }, // Lunar New Year (29th, 12th month, last day of year)
  { date: '2026-02-17', kind: 'holiday', confirmed: true }, // Lunar New Year's Day
  { date: '2026-02-18', kind: 'holiday', confirmed: true }, // Lunar New Year day 2
  { date: '2026-02-19', kind: 'holiday', confirmed: true }, // Lunar New Year day 3
  { date: '2026-02-20', kind: 'holiday', confirmed: true }, // Lunar New Year day 4
  { date: '2026-04-27', kind: 'compensatory', confirmed: true }, // Hung Kings' Commemoration in lieu (10/3 lunar fell on Sun 26 Apr)
  { date: '2026-04-30', kind: 'holiday', confirmed: true }, // Reunification Day
  { date: '2026-05-01', kind: 'holiday', confirmed: true }, // International Labour Day
  { date: '2026-08-22', kind: 'makeup_workday', confirmed: true }, // Make-up working Saturday for Mon 31 Aug 2026
  { date: '2026-08-31', kind: 'compensatory', confirmed: true }, // National Day swapped day off (worked back Sat 22 Aug 2026)
  { date: '2026-09-01', kind: 'holiday', confirmed: true }, // National Day holiday (adjacent day, before)
  { date: '2026-09-02', kind: 'holiday', confirmed: true }, // National Day
  { date: '2026-11-24', kind: 'holiday', confirmed: true }, // Vietnam Culture Day (new paid day off from 2026)
  { date: '2027-01-01', kind: 'holiday', confirmed: true }, // New Year's Day
  { date: '2027-02-04', kind: 'holiday', confirmed: false }, // Lunar New Year (28th, 12th month)
  { date: '2027-02-05', kind: 'holiday', confirmed: false }, // Lunar New Year (29th, 12th month, last day of year)
  { date: '2027-02-08', kind: 'holiday', confirmed: false }, // Lunar New Year day 3 (days 1-2 fall on Sat/Sun)
  { date: '2027-02-09', kind: 'holiday', confirmed: false }, // Lunar New Year day 4
  { date: '2027-02-10', kind: 'holiday', confirmed: false }, // Lunar New Year day 5
  { date: '2027-04-16', kind: 'holiday', confirmed: true }, // Hung Kings' Commemoration Day
  { date: '2027-04-30', kind: 'holiday', confirmed: true }, // Reunification Day
  { date: '2027-05-03', kind: 'compensatory', confirmed: false }, // Labour Day in lieu (1 May 2027 is a Saturday)
  { date: '2027-09-02', kind: 'holiday', confirmed: true }, // National Day
  { date: '2027-09-03', kind: 'holiday', confirmed: false }, // National Day holiday (adjacent day)
  { date: '2027-11-24', kind: 'holiday', confirmed: true }, // Vietnam Culture Day
];
