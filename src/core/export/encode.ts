import { toCsv } from '../format/csv';
import { xlsxWorkbook } from '../format/xlsx';
import type { ExportFormat } from '../jobs/types';
import type { CellValue, CryptoPort } from '../ports';
import type { Column } from '../jobs/types';
import type { Zoner } from '../jobs/schedule';
import { columnFormat, columnWidth, localTime } from '../format/display';
import { isDate } from '../format/cell';

/** A tab as one export file: the bytes (or text), its type, and what the run log records. */
export interface EncodedTable {
  content: Uint8Array | string;
  mimeType: string;
  /** Data rows (the header excluded). */
  rows: number;
  /** Of the CSV text for csv and csv.gz (so a gzipped copy checks against its text), else of the file. */
  sha256: string;
}

export const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv',
  'csv.gz': 'application/gzip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The tab's columns (in the table's order) and zone, so a copy reads as the tab does. */
export interface TableLooks {
  columns: Array<Pick<Column, 'type' | 'header' | 'format' | 'linkText'>>;
  zone?: Zoner;
  /** Sheets after the tab's in an .xlsx copy (a dashboard's summary); CSV copies have the tab only. */
  extraSheets?: ExtraSheet[];
}

/** A block of values with a header row, each column's number format and width. */
export interface ExtraSheet {
  name: string;
  grid: CellValue[][];
  formats: Array<string | null>;
  widths: number[];
}

/** Rows sampled to size the copy's columns, as the tab's were. */
const WIDTH_SAMPLE = 200;

/**
 * Encodes a table (header first) in `format`. Pure, but for the platform's gzip, zip and hash.
 * The .xlsx carries the tab's formats, widths and bold header; CSV keeps moments as ISO-8601 UTC
 * and writes calendar days as the date itself.
 */
export function encodeTable(
  format: ExportFormat,
  sheetName: string,
  table: CellValue[][],
  fileName: string,
  crypto: CryptoPort,
  looks?: TableLooks,
): EncodedTable {
  const [header, ...rows] = table;
  const cols = looks?.columns ?? [];
  if (format === 'xlsx') {
    const xlsx = looks && {
      formats: cols.map((c) => columnFormat(c)),
      widths: cols.map((c, j) =>
        columnWidth(
          c,
          rows.slice(0, WIDTH_SAMPLE).map((r) => r[j] ?? null),
        ),
      ),
      zone: looks.zone,
    };
    const extra = (looks?.extraSheets ?? []).map((x) => ({
      name: x.name,
      header: (x.grid[0] ?? []).map((v) => (v === null || v === undefined ? '' : String(v))),
      rows: x.grid.slice(1),
      looks: { formats: x.formats, widths: x.widths },
      filter: false,
    }));
    const content = crypto.zip(xlsxWorkbook([{ name: sheetName, header: header.map(String), rows, looks: xlsx }, ...extra]), fileName);
    return { content, mimeType: MIME.xlsx, rows: rows.length, sha256: crypto.sha256Hex(content) };
  }
  const days = cols.map((c) => c.type === 'day');
  const dated = days.some(Boolean) ? rows.map((r) => r.map((v, j) => (days[j] && isDate(v) ? dayText(v, looks?.zone) : v))) : rows;
  const csv = toCsv(header.map(String), dated, { spreadsheetSafe: true });
  const content = format === 'csv.gz' ? crypto.gzip(csv, fileName) : csv;
  return { content, mimeType: MIME[format], rows: rows.length, sha256: crypto.sha256Hex(csv) };
}

/** A calendar day as its date, read in the sheet's zone (where the tab put it at midnight). */
function dayText(d: Date, zone: Zoner | undefined): string {
  return zone ? localTime(d.getTime(), zone).slice(0, 10) : d.toISOString().slice(0, 10);
}
