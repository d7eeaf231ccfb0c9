import ExcelJS from 'exceljs';
import type { Cell } from './report-table';

/**
 * A cell as CSV: quoted when needed (RFC 4180), and a text starting with a formula character gets a
 * leading apostrophe so a spreadsheet shows it instead of running it (CSV injection).
 */
function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark, so that spreadsheets read Vietnamese names correctly. */
export function toCsv(rows: Cell[][]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(rows: Cell[][], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Haven';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  // Text cells stay text in XLSX (no formula is ever written), so no escaping is needed here.
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(1).width = 28;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
