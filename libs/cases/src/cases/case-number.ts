import type { EntityManager } from 'typeorm';

/** The calendar year in Vietnam's time zone, which is the year a case number carries. */
export function vietnamYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(at));
}

export function formatCaseNumber(provinceCode: string, year: number, sequence: number): string {
  return `${provinceCode}-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Next case number of a province and year, e.g. 46-2026-000123. The counter
 * row stays locked until the intake transaction ends, and a rolled-back intake
 * rolls its increment back too: numbers are unique and gap-free.
 */
export async function allocateCaseNumber(m: EntityManager, provinceCode: string, at: Date): Promise<string> {
  const year = vietnamYear(at);
  const rows: { last_value: number }[] = await m.query(
    `INSERT INTO case_number_counter (province_code, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (province_code, year) DO UPDATE SET last_value = case_number_counter.last_value + 1
     RETURNING last_value`,
    [provinceCode, year],
  );
  return formatCaseNumber(provinceCode, year, rows[0].last_value);
}
