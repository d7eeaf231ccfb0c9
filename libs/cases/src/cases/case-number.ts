import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** The calendar year in Vietnam's time zone, which is the year a case number carries. */
export function vietnamYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(at));
}

export function formatCaseNumber(provinceCode: string, year: number, sequence: number): string {
  return `${provinceCode}-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * What `case.case_number` (NOT NULL UNIQUE) holds until `assignCaseNumber` replaces it, in the
 * same transaction: never committed, never seen outside it.
 */
export function provisionalCaseNumber(): string {
  return `pending-${randomUUID()}`;
}

/**
 * Gives a case inserted in this transaction the next number of its province and year, e.g.
 * 46-2026-000123, and returns it. The counter row stays locked until the transaction ends, so
 * every other intake of the province waits from here to COMMIT: call it last. A rolled-back intake
 * rolls its increment back too, so numbers are unique and gap-free.
 */
export async function assignCaseNumber(m: EntityManager, caseId: string, provinceCode: string, at: Date): Promise<string> {
  const year = vietnamYear(at);
  // One statement, one round trip under the lock. The sequence is padded as formatCaseNumber pads it (to six digits, never cut).
  const rows: { case_number: string }[] = await m.query(
    `WITH counter AS (
       INSERT INTO case_number_counter (province_code, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (province_code, year) DO UPDATE SET last_value = case_number_counter.last_value + 1
       RETURNING last_value
     ), numbered AS (
       UPDATE "case" SET case_number = $4 || lpad(counter.last_value::text, greatest(6, length(counter.last_value::text)), '0')
         FROM counter WHERE "case".id = $3
       RETURNING "case".case_number
     )
     SELECT case_number FROM numbered`,
    [provinceCode, year, caseId, `${provinceCode}-${year}-`],
  );
  if (rows.length !== 1) throw new Error(`assignCaseNumber: case ${caseId} is not in this transaction`);
  return rows[0].case_number;
}
