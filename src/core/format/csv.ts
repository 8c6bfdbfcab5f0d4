import type { CellValue } from '../ports';
import { isDate } from './cell';

/** Characters that make a spreadsheet program read a field as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export interface CsvOptions {
  /** Prefix formula-like text with an apostrophe so Excel and Sheets show it as text. */
  spreadsheetSafe: boolean;
}

/** One RFC 4180 field. Dates are ISO-8601 UTC; numbers and booleans stay bare. */
export function csvField(value: CellValue, opts: CsvOptions): string {
  if (value === null || value === undefined) return '';
  if (isDate(value)) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let s = value;
  if (opts.spreadsheetSafe && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: CellValue[], opts: CsvOptions): string {
  return values.map((v) => csvField(v, opts)).join(',');
}

/** A whole document, CRLF line ends as RFC 4180 asks, with a trailing line end. */
export function toCsv(header: string[], rows: CellValue[][], opts: CsvOptions): string {
  const lines = [csvRow(header, opts)];
  for (const r of rows) lines.push(csvRow(r, opts));
  return lines.join('\r\n') + '\r\n';
}
