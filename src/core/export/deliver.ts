import type { ExportConfig, Job } from '../jobs/types';
import type { CellValue, ClockPort, CryptoPort, Destination } from '../ports';
import { encodeTable, type TableLooks } from './encode';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the run log records of one export. */
export interface ExportResult {
  to: string;
  file: string;
  rows: number;
  sha256: string;
}

/** The part every export file of a job starts with: the tab name, made safe for file names. */
function fileBase(job: Job): string {
  return job.sheetName.replace(/[^\w .-]+/g, '_');
}

/** File name of an export: one fixed name (latest) or one per run (history). */
export function exportFileName(job: Job, exp: ExportConfig, at: number): string {
  const ext = `.${exp.format}`;
  if (exp.keep !== 'history') return `${fileBase(job)}${ext}`;
  const stamp = new Date(at)
    .toISOString()
    .replace(/[:]/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  return `${fileBase(job)} ${stamp}${ext}`;
}

/** Writes one export of the finished tab, then removes this job's history files past their retention. */
export function deliverExport(
  ctx: { destination: Destination; crypto: CryptoPort; clock: ClockPort },
  job: Job,
  exp: ExportConfig,
  table: CellValue[][],
  looks?: TableLooks,
): ExportResult {
  const now = ctx.clock.now();
  const name = exportFileName(job, exp, now);
  const encoded = encodeTable(exp.format, job.sheetName, table, name, ctx.crypto, looks);
  ctx.destination.write(name, encoded.content, encoded.mimeType);
  if (exp.keep === 'history' && exp.retentionDays) {
    // Only this job's history files in this format: "<tab> <timestamp>.<format>", not another tab that starts alike.
    const own = (file: string) =>
      new RegExp(`^ \\d{4}-\\d{2}-\\d{2}T[\\d-]+Z\\.${exp.format.replace('.', '\\.')}$`).test(file.slice(fileBase(job).length));
    for (const f of ctx.destination.list(`${fileBase(job)} `)) {
      if (own(f.name) && f.createdAt < now - exp.retentionDays * DAY_MS) ctx.destination.remove(f.id);
    }
  }
  return { to: exp.to, file: name, rows: encoded.rows, sha256: encoded.sha256 };
}
