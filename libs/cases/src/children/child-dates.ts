import type { ErrorDetail } from '@haven/platform';

/** A child is a person under 18 (Law on Children 2016 art. 1). */
export const CHILD_AGE_LIMIT = 18;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const VIETNAM_DATE = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Vietnam at an instant, as YYYY-MM-DD: ages and "not in the future" are judged on it, not on UTC. */
export function vietnamDate(at: Date): string {
  const parts = Object.fromEntries(VIETNAM_DATE.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A real calendar date written YYYY-MM-DD (rejects 2026-02-30 and friends). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Whole years between two YYYY-MM-DD dates; someone born on 29 February grows older on 1 March in common years. */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * The date of birth recorded for an estimated age: 1 July of (this year − age), the middle of
 * the year, so that the error is at most six months either way. For a baby estimated at 0 in the
 * first half of the year that date is still to come, so it becomes today.
 */
export function estimatedDateOfBirth(age: number, today: string): string {
  const midYear = `${Number(today.slice(0, 4)) - age}-07-01`;
  return midYear > today ? today : midYear;
}

export interface BirthInput {
  dateOfBirth?: string | null;
  estimatedAge?: number | null;
}

export interface Birth {
  dateOfBirth: string;
  dateOfBirthEstimated: boolean;
}

/**
 * The rules a DTO cannot check alone: exactly one of dateOfBirth and estimatedAge (or neither,
 * when not `required`, as in a PATCH), and a date of birth that is not in the future and makes a
 * child under 18 today. Formats and ranges are the DTO's job. Messages never echo the value.
 */
export function birthProblems(input: BirthInput, today: string, prefix: string, required: boolean): ErrorDetail[] {
  const hasDate = input.dateOfBirth !== undefined && input.dateOfBirth !== null;
  const hasAge = input.estimatedAge !== undefined && input.estimatedAge !== null;
  if (hasDate && hasAge) {
    return [
      { field: `${prefix}dateOfBirth`, message: 'give either dateOfBirth or estimatedAge, not both' },
      { field: `${prefix}estimatedAge`, message: 'give either dateOfBirth or estimatedAge, not both' },
    ];
  }
  if (!hasDate && !hasAge) return required ? [{ field: `${prefix}dateOfBirth`, message: 'give dateOfBirth or, when it is not known, estimatedAge' }] : [];
  if (!hasDate || !isCalendarDate(input.dateOfBirth)) return [];
  if (input.dateOfBirth > today) return [{ field: `${prefix}dateOfBirth`, message: 'dateOfBirth must not be in the future' }];
  if (ageOn(input.dateOfBirth, today) >= CHILD_AGE_LIMIT)
    return [{ field: `${prefix}dateOfBirth`, message: `a child is under ${CHILD_AGE_LIMIT}: dateOfBirth is too long ago` }];
  return [];
}

/** The stored date of birth for valid input (see birthProblems), or null when the input gives none. */
export function resolveBirth(input: BirthInput, today: string): Birth | null {
  if (input.dateOfBirth) return { dateOfBirth: input.dateOfBirth, dateOfBirthEstimated: false };
  if (input.estimatedAge !== undefined && input.estimatedAge !== null)
    return { dateOfBirth: estimatedDateOfBirth(input.estimatedAge, today), dateOfBirthEstimated: true };
  return null;
}

/**
 * An estimated date of birth (1 July of the estimated year) may be a year off either way; only
 * times clearly before even the earliest possible birth are refused then.
 */
const ESTIMATED_BIRTH_MARGIN_YEARS = 1;

/**
 * Times given about a child (`field` → ISO-8601 time) that fall before the child was born, judged
 * on the Vietnam calendar date, as a date of birth is. The services call this where the child's
 * date of birth is known; a missing time or date of birth refuses nothing. Messages never echo
 * the value or the date of birth.
 */
export function beforeBirthProblems(
  child: { dateOfBirth: string | null; dateOfBirthEstimated: boolean },
  times: Record<string, string | null | undefined>,
): ErrorDetail[] {
  if (!child.dateOfBirth || !isCalendarDate(child.dateOfBirth)) return [];
  const earliest = child.dateOfBirthEstimated
    ? `${String(Number(child.dateOfBirth.slice(0, 4)) - ESTIMATED_BIRTH_MARGIN_YEARS).padStart(4, '0')}${child.dateOfBirth.slice(4)}`
    : child.dateOfBirth;
  return Object.entries(times)
    .filter(([, at]) => typeof at === 'string' && !Number.isNaN(Date.parse(at)) && vietnamDate(new Date(at)) < earliest)
    .map(([field]) => ({ field, message: `${field.split('.').pop()} must not be before the child’s date of birth` }));
}
