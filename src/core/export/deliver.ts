import type { ExportConfig, Job } from '../jobs/types';
import { IntegrityError } from '../errors';
import type { CellValue, ClockPort, CryptoPort, Destination, StoredFile } from '../ports';
import { utf8Length } from '../util/utf8';
import { hex } from '../util/hex';
import { encodeTable, type TableLooks } from './encode';
import { pathMatcher, renderPath } from './path-template';
import { partitionPath, schemaPath, warehouseColumns, warehouseSchema, warehouseTable } from './warehouse';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the run log records of one export: the file as it is stored. */
export interface ExportResult {
  to: string;
  file: string;
  rows: number;
  /** Bytes stored. */
  bytes: number;
  /** SHA-256 of the stored bytes, hex (of the .gz itself for csv.gz). */
  sha256: string;
}

/** What a manifest beside each export says, for whoever picks the file up. */
export interface ExportManifest {
  file: string;
  runId: string;
  job: string;
  jobName: string;
  object: string;
  format: string;
  rows: number;
  bytes: number;
  sha256: string;
  md5: string;
  columns: Array<{ name: string; type: string }>;
  /** The job's watermark after the run (Lever updatedAt, ms), or null for a full read. */
  watermark: number | null;
  writtenAt: string;
}

/** The run an export belongs to, for its manifest. */
export interface ExportRun {
  runId: string;
  watermark: number | null;
  columns: Array<{ name: string; type: string }>;
  /** The job's own columns with their catalog types, in its order (a warehouse copy takes only these). */
  jobColumns?: Array<{ name: string; type: string }>;
}

/** The part every export file of a job starts with: the tab name, made safe for file names. */
function fileBase(job: Job): string {
  return job.sheetName.replace(/[^\w .-]+/g, '_');
}

/** File name of an export: its path template's, or one fixed name (latest), or one per run (history). */
export function exportFileName(job: Job, exp: ExportConfig, at: number, runId = ''): string {
  if (exp.path) {
    const iso = new Date(at).toISOString();
    const time = iso.slice(11, 19).replace(/:/g, '');
    return renderPath(exp.path, { ...pathValues(job, exp), date: iso.slice(0, 10), time, run: runId || time });
  }
  const ext = `.${exp.format}`;
  if (exp.keep !== 'history') return `${fileBase(job)}${ext}`;
  const stamp = new Date(at)
    .toISOString()
    .replace(/[:]/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  return `${fileBase(job)} ${stamp}${ext}`;
}

/**
 * Writes one export of the finished tab, reads back what the store kept (size and MD5) and fails
 * on any difference, writes the manifest beside it, then removes this job's history files (and
 * their manifests) past their retention.
 */
export function deliverExport(
  ctx: { destination: Destination; crypto: CryptoPort; clock: ClockPort },
  job: Job,
  exp: ExportConfig,
  table: CellValue[][],
  looks?: TableLooks,
  run?: ExportRun,
): ExportResult {
  const now = ctx.clock.now();
  const wh = exp.layout === 'warehouse' ? warehouseColumns(run?.jobColumns ?? run?.columns ?? []) : null;
  const name = wh ? partitionPath(job.object, now, exp.format) : exportFileName(job, exp, now, run?.runId);
  const encoded = encodeTable(exp.format, job.sheetName, wh ? warehouseTable(table, wh) : table, name, ctx.crypto, wh ? undefined : looks);
  // Text goes out as UTF-8: its digests and size are those of its UTF-8 bytes.
  const content = encoded.content;
  const size = typeof content === 'string' ? utf8Length(content) : content.length;
  const md5 = hex(ctx.crypto.digest('md5', content));
  const sha256 = ctx.crypto.sha256Hex(content);
  const stored = ctx.destination.write(name, content, encoded.mimeType);
  verifyStored(exp, name, stored, size, md5);
  const manifest: ExportManifest = {
    file: name,
    runId: run?.runId ?? '',
    job: job.id,
    jobName: job.name,
    object: job.object,
    format: exp.format,
    rows: encoded.rows,
    bytes: size,
    sha256,
    md5,
    columns: wh
      ? wh.map((c) => ({ name: c.name, type: c.type }))
      : (run?.columns ?? (table[0] ?? []).map((h) => ({ name: String(h), type: 'text' }))),
    watermark: run?.watermark ?? null,
    writtenAt: new Date(now).toISOString(),
  };
  ctx.destination.write(manifestName(name, exp), JSON.stringify(manifest, null, 2), 'application/json');
  if (wh) {
    const schema = warehouseSchema(job.object, exp.format as 'csv' | 'csv.gz', wh);
    ctx.destination.write(schemaPath(job.object), JSON.stringify(schema, null, 2), 'application/json');
    if (exp.retentionDays) removeOldPartitions(ctx.destination, exp, job.object, now - exp.retentionDays * DAY_MS);
  } else if (exp.path && exp.retentionDays) {
    for (const f of templatedFiles(ctx.destination, job, exp))
      if (f.createdAt < now - exp.retentionDays * DAY_MS) ctx.destination.remove(f.id);
  } else if (exp.keep === 'history' && exp.retentionDays) removeOldHistory(ctx.destination, job, exp, now - exp.retentionDays * DAY_MS);
  return { to: exp.to, file: name, rows: encoded.rows, bytes: size, sha256 };
}

/** The manifest's name: the file's, with .manifest.json after it (apart from the data in the warehouse layout). */
export function manifestName(file: string, exp?: Pick<ExportConfig, 'layout'>): string {
  return `${exp?.layout === 'warehouse' ? '_manifests/' : ''}${file}.manifest.json`;
}

/** The files a copy keeps in its destination (data, manifests, the warehouse schema): what the Usage view counts. */
export function exportedFiles(destination: Destination, job: Job, exp: ExportConfig): StoredFile[] {
  if (exp.layout === 'warehouse') {
    const roots = [`object=${job.object}/`, `_manifests/object=${job.object}/`, schemaPath(job.object)];
    return roots.flatMap((r) => destination.list(r)).filter((f) => f.name.includes(`.${exp.format}`) || f.name === schemaPath(job.object));
  }
  if (exp.path) return templatedFiles(destination, job, exp);
  if (exp.keep === 'history') return historyFiles(destination, job, exp);
  const name = exportFileName(job, exp, 0);
  return destination.list(name).filter((f) => f.name === name || f.name === manifestName(name));
}

/** What a path template fills in before the run: the job's own values. */
function pathValues(job: Job, exp: ExportConfig) {
  return { object: job.object, tab: fileBase(job).replace(/ /g, '_'), job: job.id, ext: exp.format };
}

/** The files (and manifests) a templated copy wrote: its fixed start listed, the rest matched. */
function templatedFiles(destination: Destination, job: Job, exp: ExportConfig): StoredFile[] {
  const match = pathMatcher(exp.path!, pathValues(job, exp));
  return destination.list(match.prefix).filter((f) => match.test(f.name));
}

function historyFiles(destination: Destination, job: Job, exp: ExportConfig): StoredFile[] {
  // Only this job's history files in this format (and their manifests): "<tab> <timestamp>.<format>", not another tab that starts alike.
  const own = new RegExp(`^ \\d{4}-\\d{2}-\\d{2}T[\\d-]+Z\\.${exp.format.replace('.', '\\.')}(\\.manifest\\.json)?$`);
  return destination.list(`${fileBase(job)} `).filter((f) => own.test(f.name.slice(fileBase(job).length)));
}

/** History files of this job in this format (and their manifests) older than the retention. */
function removeOldHistory(destination: Destination, job: Job, exp: ExportConfig, before: number): void {
  for (const f of historyFiles(destination, job, exp)) if (f.createdAt < before) destination.remove(f.id);
}

/** Date partitions (and their manifests) older than the retention, by the day in their path. */
function removeOldPartitions(destination: Destination, exp: ExportConfig, object: string, before: number): void {
  const cutoff = new Date(before).toISOString().slice(0, 10);
  for (const root of [`object=${object}/date=`, `_manifests/object=${object}/date=`]) {
    for (const f of destination.list(root)) {
      const day = /date=(\d{4}-\d{2}-\d{2})\//.exec(f.name)?.[1];
      if (day && day < cutoff && f.name.includes(`.${exp.format}`)) destination.remove(f.id);
    }
  }
}

/** What the store says it kept must be what was sent: the same size, the same MD5 where it reports one. */
function verifyStored(exp: ExportConfig, name: string, stored: StoredFile, size: number, md5: string): void {
  const sizeOk = stored.size === size;
  const md5Ok = stored.md5 === undefined || stored.md5.toLowerCase() === md5;
  if (sizeOk && md5Ok) return;
  const what = !sizeOk ? `${stored.size} bytes instead of ${size}` : `MD5 ${stored.md5 ?? ''} instead of ${md5}`;
  throw new IntegrityError(
    `The ${exp.format} copy "${name}" in ${exp.to === 'drive' ? 'Drive' : exp.to} does not match what was written (${what}). It is written again at the next run; if this repeats, check the destination.`,
  );
}
