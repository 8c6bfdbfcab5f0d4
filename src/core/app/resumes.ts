import { SYSTEM, tableKeyPaths } from '../jobs/columns';
import { resumeDestination } from '../jobs/resumes';
import type { Column, Job } from '../jobs/types';
import type { CellValue, Destination, StoredFile } from '../ports';
import { JOB_KEYS } from '../store/schema';
import { cellKey } from '../sync/rows';
import { SheetTable } from '../sync/table';
import { fillLinks } from '../sync/link-column';
import { jobRetryPolicy } from '../lever/retry';
import { leverClient } from './connection';
import { destinationFor } from './destinations';
import type { Platform } from './platform';

/**
 * After a run of a candidates job with `resumes`: each candidate's latest resume file mirrored to
 * the destination as `resume_<opportunity id>_<resume id>.<ext>`, so the destination's listing is
 * the mirror's index (ids are UUIDs: no copy of a tab is named like that). Candidates no longer
 * in the tab (removed in Lever, anonymised, filtered out) lose their file. Each run looks at a
 * rotating share of the tab's candidates, CHECKS_PER_RUN of them (a look is a request), so a new
 * resume is found within a few runs.
 * The tab's Resume column (upsert and replace tabs) then links each row to its candidate's file,
 * and so does the table the copies are made from.
 */

export const CHECKS_PER_RUN = 40;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MB = 1024 * 1024;

interface LeverResume {
  id: string;
  file?: { ext?: string; downloadUrl?: string; uploadedAt?: number; status?: string | null; size?: number } | null;
}

export function mirrorResumes(p: Platform, job: Job, table: CellValue[][], columns: Column[]): { note: string; table: CellValue[][] } {
  const copy = job.resumes!;
  const destination = destinationFor(p, resumeDestination(copy));
  const at = columns.findIndex((c) => c.path === 'id');
  // A row kept with "Removed in Lever" (removed: 'mark') is a candidate deleted or anonymised: no file.
  const removedAt = columns.findIndex((c) => c.path === SYSTEM.removed.path);
  const rows = table.slice(1).filter((r) => removedAt < 0 || cellKey(r[removedAt]) === '');
  const ids = [...new Set(rows.map((r) => cellKey(r[at])).filter(Boolean))];
  const { mirrored, links, removed } = mirrorIndex(destination, new Set(ids));
  const toCheck = checksThisRun(p, job, ids);
  const lever = leverClient(p, jobRetryPolicy(job.retry));
  const lists = lever.listMany(
    toCheck.map((id) => `/opportunities/${id}/resumes`),
    {},
  );
  let written = 0;
  let tooBig = 0;
  // Files a newer one replaces go once the links point at the new ones: a cut between leaves an
  // extra file (the next run keeps the newer), never a link to a file gone.
  const replaced: string[] = [];
  toCheck.forEach((id, i) => {
    const latest = latestResume((lists[i]?.data ?? []) as unknown as LeverResume[]);
    const had = mirrored.get(id);
    // Ids name the file: anything but a UUID from Lever is not taken as one.
    if (!latest || had?.resumeId === latest.id || !UUID.test(latest.id)) return;
    const bytes = (latest.file?.size ?? 0) > copy.maxMb * MB ? null : lever.download(latest.file!.downloadUrl!);
    if (had) replaced.push(had.id);
    links.delete(id);
    // Over the cap: no file rather than an older resume taken for the latest.
    if (!bytes || bytes.length > copy.maxMb * MB) return void tooBig++;
    const ext = (latest.file?.ext ?? 'pdf').replace(/^\./, '').replace(/[^A-Za-z0-9]/g, '') || 'bin';
    const mime = ext === 'pdf' ? 'application/pdf' : 'application/octet-stream';
    links.set(id, destination.link(destination.write(`resume_${id}_${latest.id}.${ext}`, bytes, mime)));
    written++;
  });
  const parts = [`${written} mirrored`, removed ? `${removed} removed` : '', tooBig ? `${tooBig} over ${copy.maxMb} MB left out` : ''];
  const note = `Resumes: ${parts.filter(Boolean).join(', ')} (${toCheck.length} of ${ids.length} candidates looked at).`;
  const linked = withLinks(p, job, table, columns, links);
  for (const id of replaced) destination.remove(id);
  return { note, table: linked };
}

/** The Resume column filled in the tab (by each row's candidate id) and in the copies' table. */
function withLinks(p: Platform, job: Job, table: CellValue[][], columns: Column[], links: Map<string, string>): CellValue[][] {
  const at = columns.findIndex((c) => c.path === SYSTEM.resume.path);
  if (at < 0) return table;
  const { key, parent } = tableKeyPaths(job);
  fillLinks(SheetTable.open(p.workbook, job.sheetName, columns, key, parent), SYSTEM.resume.path, 'id', (id) => links.get(id) ?? null);
  const idAt = columns.findIndex((c) => c.path === 'id');
  // The copies' table is in the job's columns only when the tab's header still is (finishedTable's `same`).
  if (table[0]?.[at] !== SYSTEM.resume.header) return table;
  return table.map((row, i) => (i === 0 ? row : row.map((v, c) => (c === at ? (links.get(cellKey(row[idAt])) ?? null) : v))));
}

/**
 * What the destination holds: each present candidate's file and its link; files of candidates
 * no longer in the tab are removed.
 */
function mirrorIndex(destination: Destination, present: Set<string>) {
  const mirrored = new Map<string, StoredFile & { resumeId: string }>();
  const links = new Map<string, string>();
  let removed = 0;
  for (const f of destination.list('resume_')) {
    const m = /^resume_([0-9a-f-]{36})_([0-9a-f-]{36})\.[A-Za-z0-9]+$/.exec(f.name);
    if (!m) continue;
    const had = mirrored.get(m[1]);
    if (!present.has(m[1])) removed++;
    // Two files of one candidate (a run cut before the older went): the one written last is the newer resume.
    const older = !present.has(m[1]) ? f : had && had.createdAt >= f.createdAt ? f : had;
    if (older) destination.remove(older.id);
    if (older === f) continue;
    mirrored.set(m[1], { ...f, resumeId: m[2] });
    links.set(m[1], destination.link(f));
  }
  return { mirrored, links, removed };
}

/** This run's share of the candidates, from where the last run stopped. */
function checksThisRun(p: Platform, job: Job, ids: string[]): string[] {
  const store = p.jobStore(job.sheetName);
  const start = Number(store.get(JOB_KEYS.resumeCursor(job.id)) ?? 0) % Math.max(1, ids.length);
  const share = [...ids.slice(start), ...ids.slice(0, start)].slice(0, CHECKS_PER_RUN);
  store.set(JOB_KEYS.resumeCursor(job.id), String(ids.length ? (start + share.length) % ids.length : 0));
  return share;
}

/** The newest resume Lever can hand over (one still processing is not yet a file). */
function latestResume(list: LeverResume[]): LeverResume | null {
  const ready = list.filter((r) => r.file?.downloadUrl && r.file.status !== 'processing');
  return ready.sort((a, b) => (b.file?.uploadedAt ?? 0) - (a.file?.uploadedAt ?? 0))[0] ?? null;
}
