import type { FieldType } from '../catalog/types';
import type { CellValue } from '../ports';
import type { FlatValue } from '../flatten/flatten';

/** Google Sheets refuses cells longer than this. */
export const SHEET_CELL_MAX_CHARS = 50000;
/** What a cut cell ends with, so nobody mistakes it for the whole text. */
export const CUT_MARKER = ' …[cut: text longer than a sheet cell holds]';

const DATE_NAME = /(At|Until|Date|date)$/;

/** Turns a flattened value into a typed cell value following the column's type. */
export function toCell(value: FlatValue | undefined, type: FieldType, path = ''): CellValue {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'date':
    case 'day':
      // A day keeps Lever's instant here; display.ts puts it at midnight in the sheet's zone.
      return toDate(value);
    case 'number':
      return toNumber(value);
    case 'boolean':
      return toBoolean(value);
    case 'list':
      return Array.isArray(value) ? joinList(value, path) : scalarText(value);
    case 'json':
      // Objects arrive from pick() already as JSON text.
      return typeof value === 'string' ? value : JSON.stringify(value);
    default:
      return Array.isArray(value) ? joinList(value, path) : scalarText(value);
  }
}

function toDate(v: FlatValue): CellValue {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v);
  if (typeof v === 'string' && /^\d{10,}$/.test(v)) return new Date(Number(v));
  return Array.isArray(v) ? joinList(v, 'At') : scalarText(v);
}

function toNumber(v: FlatValue): CellValue {
  // -0 would show as 0 in a sheet but as "-0" nowhere else; keep every output the same.
  if (typeof v === 'number') return v === 0 ? 0 : v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v) || 0;
  return Array.isArray(v) ? joinList(v, '') : scalarText(v);
}

function toBoolean(v: FlatValue): CellValue {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return Array.isArray(v) ? joinList(v, '') : scalarText(v);
}

function scalarText(v: Exclude<FlatValue, FlatValue[]>): string {
  return typeof v === 'string' ? v : String(v);
}

/** Joins list elements with ", "; timestamps in a date-named list become ISO-8601 UTC. */
function joinList(values: FlatValue[], path: string): string {
  const dates = DATE_NAME.test(path.split('.').pop() ?? '');
  return values
    .map((v) => {
      if (v === null) return '';
      if (Array.isArray(v)) return JSON.stringify(v);
      if (dates && typeof v === 'number') return new Date(v).toISOString();
      return scalarText(v);
    })
    .join(', ');
}

/** Cuts text that a sheet cell cannot hold, leaving a visible marker. */
export function fitCell(value: CellValue, maxChars = SHEET_CELL_MAX_CHARS): CellValue {
  if (typeof value !== 'string' || value.length <= maxChars - 1) return value;
  // One character is kept free for the apostrophe the sheet adapter may add.
  return value.slice(0, maxChars - 1 - CUT_MARKER.length) + CUT_MARKER;
}

export function isDate(v: unknown): v is Date {
  // Most cells are text or numbers: only objects are asked (a Date of another realm fails instanceof).
  return typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object Date]';
}
