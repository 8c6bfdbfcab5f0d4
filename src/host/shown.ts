import { shownCharts, type ShownChart } from './shown-charts';
import type { EmuSheet } from './spreadsheet';

/**
 * A cell as Sheets draws it: its value through its number format in the spreadsheet's zone, its
 * weight, link and note. The playground's grid shows these, so a person can judge the real sheet.
 * Only the format letters the add-on uses are known here (yyyy, mm, dd, hh, ss, 0, #,##0).
 */
export interface ShownCell {
  /** The text a person sees. */
  t: string;
  /** Numbers and dates sit to the right, as Sheets aligns them. */
  right?: true;
  bold?: true;
  link?: string;
  note?: string;
}

export interface ShownSheet {
  name: string;
  frozenRows: number;
  /** Column widths in pixels, from column A. */
  widths: number[];
  filter: { row: number; col: number; numRows: number; numCols: number } | null;
  /** Rows from the top (at most `maxRows`), each as wide as the data. */
  rows: ShownCell[][];
  /** Data rows in the tab, beyond what `rows` holds. */
  totalRows: number;
  /** Native charts on the tab (shown-charts.ts). */
  charts: ShownChart[];
}

/** Sheets' default for a date a script wrote into an unformatted cell (en_US locale). */
const DEFAULT_DATE = 'M/d/yyyy H:mm:ss';

export function shownSheet(sheet: EmuSheet, timeZone: string, maxRows = 500): ShownSheet {
  const values = sheet.snapshot();
  const width = Math.max(sheet.lastCol(), sheet.filter ? sheet.filter.range.col + sheet.filter.range.numCols - 1 : 0);
  const rows = values.slice(0, maxRows).map((row, r) =>
    Array.from({ length: width }, (_, c) => {
      const style = sheet.styles.get(r + 1, c + 1);
      const v = row[c] ?? '';
      const cell: ShownCell = { t: formatValue(v, style.format, timeZone) };
      if (v instanceof Date || typeof v === 'number') cell.right = true;
      if (style.bold) cell.bold = true;
      const link = sheet.linkAt(r + 1, c + 1);
      if (link) cell.link = link;
      if (style.note) cell.note = style.note;
      return cell;
    }),
  );
  const f = sheet.filter?.range;
  return {
    name: sheet.name,
    frozenRows: sheet.frozenRows,
    widths: Array.from({ length: width }, (_, c) => sheet.styles.width(c + 1)),
    filter: f ? { ...f } : null,
    rows,
    totalRows: Math.max(0, values.length - 1),
    charts: shownCharts(sheet),
  };
}

/** A value through a number format, dates read in `timeZone`. */
export function formatValue(v: string | number | boolean | Date, format: string | undefined, timeZone: string): string {
  if (v instanceof Date) return formatDate(v, format && /[ymdhs]/i.test(format) ? format : DEFAULT_DATE, timeZone);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return formatNumber(v, format);
  return v;
}

function formatNumber(n: number, format: string | undefined): string {
  if (format === '0') return Math.round(n).toFixed(0);
  if (format === '0.0') return n.toFixed(1);
  if (format === '#,##0') return Math.round(n).toLocaleString('en-US');
  return String(n);
}

/** Sheets' date letters: 'mm' is minutes after an hour, else the month; 'M' and 'H' unpadded. */
function formatDate(d: Date, format: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const two = (s: string) => s.padStart(2, '0');
  let afterHour = false;
  return format.replace(/yyyy|mm|MM|M|dd|d|hh|HH|H|h|ss|s/g, (token) => {
    switch (token) {
      case 'yyyy':
        return parts.year;
      case 'mm':
      case 'MM':
        return afterHour && token === 'mm' ? two(parts.minute) : two(parts.month);
      case 'M':
        return parts.month;
      case 'dd':
        return two(parts.day);
      case 'd':
        return parts.day;
      case 'hh':
      case 'HH':
        afterHour = true;
        return two(parts.hour);
      case 'H':
      case 'h':
        afterHour = true;
        return parts.hour;
      case 'ss':
        return two(parts.second);
      default:
        return parts.second;
    }
  });
}
