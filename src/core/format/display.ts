import type { Zoner } from '../jobs/schedule';
import type { Column } from '../jobs/types';
import type { CellValue } from '../ports';
import { isDate } from './cell';

/**
 * How a column reads in the sheet: its number format, the width it starts with, and the text of
 * its links. The tab, the .xlsx copy and the playground's grid all take these from here.
 */

/** Number formats by column type; the others keep Google's automatic format. */
const FORMATS: Partial<Record<Column['type'], string>> = {
  date: 'yyyy-mm-dd hh:mm',
  day: 'yyyy-mm-dd',
};

/** The number format of a column's data cells, or null for Google's automatic one. */
export function columnFormat(col: Pick<Column, 'type' | 'format'>): string | null {
  return col.format ?? FORMATS[col.type] ?? null;
}

/** Pixels a column starts with: fits its header and first values, never wider than this. */
export const MAX_WIDTH_PX = 320;
// Never narrower than a new column in Sheets: short columns keep the default and cost no call.
const MIN_WIDTH_PX = 100;
/** Roughly what one character takes at Sheets' default 10 pt Arial (bold headers a little more). */
const PX_PER_CHAR = 7;
const PADDING_PX = 16;

/** Widths go in steps of this many pixels, so neighbours alike can be set in one call. */
const WIDTH_STEP_PX = 20;

/** The width that shows a column's header and the start of its values, capped at MAX_WIDTH_PX. */
export function columnWidth(col: Pick<Column, 'type' | 'header' | 'format' | 'linkText'>, values: CellValue[]): number {
  const shown = values.map((v) => shownLength(col, v));
  const longest = Math.max(Math.ceil(col.header.length * 1.1), ...shown);
  const px = Math.max(MIN_WIDTH_PX, longest * PX_PER_CHAR + PADDING_PX);
  return Math.min(MAX_WIDTH_PX, Math.ceil(px / WIDTH_STEP_PX) * WIDTH_STEP_PX);
}

function shownLength(col: Pick<Column, 'type' | 'format' | 'linkText'>, v: CellValue): number {
  if (v === null || v === undefined || v === '') return 0;
  if (isDate(v)) return (columnFormat(col) ?? 'yyyy-mm-dd hh:mm:ss').length;
  if (col.linkText && typeof v === 'string' && isLink(v)) return col.linkText.length;
  return String(v).length;
}

/** Whether a value is a web address a cell can link to. */
export function isLink(v: unknown): v is string {
  return typeof v === 'string' && /^https?:\/\/\S+$/.test(v);
}

/** The text a link cell shows: the column's words ("Open in Lever") or the address itself. */
export function linkTextOf(col: Pick<Column, 'linkText'>, url: string): string {
  return col.linkText ?? url;
}

/**
 * Lever's enum values as a person writes them: 'approval-sent' → 'Approval sent',
 * 'needsAction' → 'Needs action', 'non-confidential' → 'Non-confidential'. Unknown shapes pass.
 */
export function readableEnum(value: string): string {
  if (!/^[a-z][A-Za-z0-9]*(?:[-_ ][A-Za-z0-9]+)*$/.test(value)) return value;
  const words = value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  // A dash between words reads as a space, except in the usual prefixes (non-confidential, full-time).
  const spaced = words
    .replace(/(^|\s)(non|pre|co|re|full|part)-/g, '$1$2\u2060')
    .replace(/-/g, ' ')
    .replace(/\u2060/g, '-');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * A date-only value (a custom date field: Lever sends midnight UTC of the chosen day) as midnight
 * of that same calendar day in the spreadsheet's zone, so the sheet shows the day itself and no
 * invented time, whatever its zone.
 */
export function calendarDay(v: CellValue, zone: Zoner | undefined): CellValue {
  if (!isDate(v) || !zone) return v;
  const d = v;
  const target = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  let at = target;
  // Twice: the zone's offset at the first guess may differ from the one at local midnight (DST).
  for (let i = 0; i < 2; i++) {
    const p = zone(at);
    const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(at / 60_000) * 60_000;
    at = target - offset;
  }
  return new Date(at);
}

/** A row's cells as the sheet shows them: enums in words, calendar days at local midnight. */
export function displayRow(values: CellValue[], columns: Column[], zone: Zoner | undefined): CellValue[] {
  return values.map((v, i) => {
    const t = columns[i]?.type;
    if (t === 'enum' && typeof v === 'string') return v.split(', ').map(readableEnum).join(', ');
    if (t === 'day') return calendarDay(v, zone);
    return v;
  });
}

/** The wall-clock time of an instant in the spreadsheet's zone: '2026-12-01 09:14'. */
export function localTime(ms: number, zone: Zoner): string {
  const p = zone(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** The note a synced tab carries on its first header cell, so whoever opens it sees how fresh it is. */
export function refreshedNote(
  at: { ms: number; zone: Zoner; timeZone: string },
  run: { incremental: boolean; added: number; updated: number; deleted: number },
): string {
  const changes = [`${run.added} added`, `${run.updated} updated`, `${run.deleted} removed`].join(', ');
  return (
    `Last refreshed ${localTime(at.ms, at.zone)} (${at.timeZone}) by Lever Sync.\n` +
    `${run.incremental ? 'Changes since the run before' : 'A full read of Lever'}: rows ${changes}.\n` +
    'Lever Sync writes the columns it added; your own columns are left alone.'
  );
}
