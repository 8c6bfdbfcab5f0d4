import { toCsv } from '../format/csv';
import { xlsxEntries } from '../format/xlsx';
import type { ExportFormat } from '../jobs/types';
import type { CellValue, CryptoPort } from '../ports';

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

/** Encodes a table (header first) in `format`. Pure, but for the platform's gzip, zip and hash. */
export function encodeTable(
  format: ExportFormat,
  sheetName: string,
  table: CellValue[][],
  fileName: string,
  crypto: CryptoPort,
): EncodedTable {
  const [header, ...rows] = table;
  if (format === 'xlsx') {
    const content = crypto.zip(xlsxEntries(sheetName, header.map(String), rows), fileName);
    return { content, mimeType: MIME.xlsx, rows: rows.length, sha256: crypto.sha256Hex(content) };
  }
  const csv = toCsv(header.map(String), rows, { spreadsheetSafe: true });
  const content = format === 'csv.gz' ? crypto.gzip(csv, fileName) : csv;
  return { content, mimeType: MIME[format], rows: rows.length, sha256: crypto.sha256Hex(csv) };
}
