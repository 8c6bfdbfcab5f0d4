import { toCsv } from '../format/csv';
import { xlsxEntries } from '../format/xlsx';
import type { Job } from '../jobs/types';
import type { CellValue, ClockPort, CryptoPort, FilesPort } from '../ports';
import type { RunSummary } from './state';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The part every mirror file of a job starts with: the tab name, made safe for Drive. */
function mirrorBase(job: Job): string {
  return job.sheetName.replace(/[^\w .-]+/g, '_');
}

/** File name of a job's mirror: one fixed name (latest) or one per run (history). */
export function mirrorFileName(job: Job, at: number): string {
  const ext = `.${job.mirror?.format ?? 'csv'}`;
  if (job.mirror?.keep !== 'history') return `${mirrorBase(job)}${ext}`;
  const stamp = new Date(at)
    .toISOString()
    .replace(/[:]/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  return `${mirrorBase(job)} ${stamp}${ext}`;
}

const MIME = {
  csv: 'text/csv',
  'csv.gz': 'application/gzip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * Writes the tab's rows (header first) as a CSV file (gzipped when asked) or an .xlsx workbook,
 * and prunes history files past their retention. Returns what the run log records: file, rows and
 * a SHA-256 (of the CSV text, or of the .xlsx file).
 */
export function writeMirror(
  ctx: { files: FilesPort | null; crypto: CryptoPort; clock: ClockPort },
  job: Job,
  table: CellValue[][],
): RunSummary['mirror'] {
  if (!job.mirror || !ctx.files) return undefined;
  const now = ctx.clock.now();
  const [header, ...rows] = table;
  const name = mirrorFileName(job, now);
  const format = job.mirror.format;
  const csv = format === 'xlsx' ? '' : toCsv(header.map(String), rows, { spreadsheetSafe: true });
  const content =
    format === 'xlsx'
      ? ctx.crypto.zip(xlsxEntries(job.sheetName, header.map(String), rows), name)
      : format === 'csv.gz'
        ? ctx.crypto.gzip(csv, name)
        : csv;
  ctx.files.write(name, content, MIME[format]);
  if (job.mirror.keep === 'history' && job.mirror.retentionDays) {
    // Only this job's history files: "<tab> <timestamp>.csv…", not another tab that starts alike.
    const own = (name: string) => /^ \d{4}-\d{2}-\d{2}T[\d-]+Z\.(csv|csv\.gz|xlsx)$/.test(name.slice(mirrorBase(job).length));
    for (const f of ctx.files.list(`${mirrorBase(job)} `)) {
      if (own(f.name) && f.createdAt < now - job.mirror.retentionDays * DAY_MS) ctx.files.remove(f.id);
    }
  }
  return { file: name, rows: rows.length, sha256: ctx.crypto.sha256Hex(format === 'xlsx' ? content : csv) };
}
