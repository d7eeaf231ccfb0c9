import { formatCaseNumber, vietnamYear } from './case-number';

describe('case numbers', () => {
  it('are province, year and a six-digit sequence', () => {
    expect(formatCaseNumber('46', 2026, 123)).toBe('46-2026-000123');
    expect(formatCaseNumber('01', 2027, 1)).toBe('01-2027-000001');
  });

  it('take the year in Vietnam, which starts 7 hours before UTC’s', () => {
    expect(vietnamYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(vietnamYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
  });
});
