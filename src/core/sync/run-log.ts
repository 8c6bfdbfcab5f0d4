import type { CellValue, WorkbookPort } from '../ports';
import type { RunSummary } from './state';

export const RUN_LOG_SHEET = 'Sync log';
/** Runs kept in the log: a few months of hourly jobs, without eating the 10M-cell budget. */
export const RUN_LOG_MAX_ROWS = 2000;

export const RUN_LOG_HEADER = [
  'Started',
  'Finished',
  'Job',
  'Status',
  'Kind',
  'Records',
  'Confidential',
  'Rows added',
  'Rows updated',
  'Rows deleted',
  'Requests',
  'Retries',
  'Rate limited (429)',
  'Seconds',
  'Mirror file',
  'Mirror SHA-256',
  'Error',
  // Added later: after Error, so the columns of logs written before keep their place.
  'Mirror rows',
  'Mirror bytes',
];

export function runLogRow(s: RunSummary): CellValue[] {
  const c = s.counts;
  return [
    new Date(s.startedAt),
    new Date(s.finishedAt),
    s.jobName,
    s.status,
    s.kind ?? (s.incremental ? 'incremental' : 'full'),
    c.records,
    c.confidential ?? 0,
    c.rowsAdded,
    c.rowsUpdated,
    c.rowsDeleted,
    c.requests,
    c.retries,
    c.rateLimited,
    Math.round(s.durationMs / 100) / 10,
    s.exports?.length ? s.exports.map((e) => e.file).join(', ') : null,
    s.exports?.length ? s.exports.map((e) => e.sha256).join(', ') : null,
    s.error?.message ?? s.note ?? null,
    s.exports?.length ? s.exports.map((e) => e.rows).join(', ') : null,
    s.exports?.length ? s.exports.map((e) => e.bytes ?? '').join(', ') : null,
  ];
}

/** Adds one row per finished run to the "Sync log" tab, newest last. */
export function appendRunLog(workbook: WorkbookPort, summary: RunSummary): void {
  let sheet = workbook.sheet(RUN_LOG_SHEET);
  if (!sheet) {
    sheet = workbook.createSheet(RUN_LOG_SHEET);
    sheet.write(1, 1, [RUN_LOG_HEADER]);
    sheet.freezeHeader();
    sheet.boldHeader(1, RUN_LOG_HEADER.length);
  }
  // A log begun by an earlier version has fewer columns: their headers are added.
  else if (sheet.lastColumn() < RUN_LOG_HEADER.length) {
    sheet.write(1, 1, [RUN_LOG_HEADER]);
    sheet.boldHeader(1, RUN_LOG_HEADER.length);
  }
  const last = sheet.lastRow();
  sheet.write(last + 1, 1, [runLogRow(summary)]);
  sheet.setNumberFormat(last + 1, 1, 1, 2, 'yyyy-mm-dd hh:mm:ss');
  // Oldest runs go, in one call, once the log is well past its size.
  const excess = last - RUN_LOG_MAX_ROWS;
  if (excess >= 100) sheet.deleteRows(2, excess);
}

/** The log's lines since `since` (newest last, among its last `max`), by header; Started as ms. */
export function recentRunLog(workbook: WorkbookPort, since: number, max = 500): Array<Record<string, CellValue> & { startedMs: number }> {
  const sheet = workbook.sheet(RUN_LOG_SHEET);
  const n = sheet ? sheet.lastRow() - 1 : 0;
  if (!sheet || n <= 0) return [];
  const take = Math.min(n, max);
  const rows = sheet.read(sheet.lastRow() - take + 1, 1, take, RUN_LOG_HEADER.length);
  return rows
    .map((r) => {
      const started = r[0];
      const startedMs = started instanceof Date ? started.getTime() : typeof started === 'string' ? Date.parse(started) : NaN;
      return { ...Object.fromEntries(RUN_LOG_HEADER.map((h, i) => [h, r[i]])), startedMs };
    })
    .filter((r) => r.startedMs > since);
}
