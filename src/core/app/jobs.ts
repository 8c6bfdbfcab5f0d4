import { CATALOG, OBJECT_NAMES, isObjectName } from '../catalog/objects';
import { ConfigError } from '../errors';
import { jobColumns } from '../jobs/columns';
import { nextSlot } from '../jobs/schedule';
import type { Job, JobInput } from '../jobs/types';
import { validateJob } from '../jobs/validate';
import { isDate } from '../format/cell';
import { CUSTOM_FIELDS, customValues } from '../catalog/custom';
import { LookupResolver } from '../sync/lookups';
import { protector, recordRow, type RowContext } from '../sync/rows';
import { CustomColumns } from '../sync/custom-columns';
import type { RefTable } from '../catalog/types';
import { listParams, listedEntry, matchesFilters } from '../sync/source';
import { RUN_LOG_HEADER, RUN_LOG_SHEET } from '../sync/run-log';
import { deleteState, loadState } from '../sync/state';
import type { FieldInfo, FilterOptions, JobView, Preview, PreviewCell, RunLogEntry, ScheduleInfo, SidebarState } from '../../shared/rpc';
import { connectionInfo, leverClient, lookupCache } from './connection';
import { getJob, listJobs, putJob, removeJob } from './jobs-store';
import type { Platform } from './platform';
import { customColumnStore, privacySalt } from './run';
import { withDocumentLock } from './lease';
import { claimSchedule, reconcileSchedule, scheduleOwner } from './schedule-owner';

/** Validates and stores a job, then makes the trigger match the schedules. */
export function saveJob(p: Platform, input: JobInput): Job {
  return withDocumentLock(p, () => {
    const existing = input && typeof input === 'object' && typeof input.id === 'string' ? getJob(p.docStore, input.id) : null;
    const job = validateJob({ ...input, createdAt: existing?.createdAt }, p.clock.now(), p.newId());
    const headers = jobColumns(job).map((c) => c.header);
    const dup = headers.find((h, i) => headers.indexOf(h) !== i);
    if (dup) throw new ConfigError('fields', `two columns are named "${dup}"; rename one.`);
    const clash = listJobs(p.docStore).find((j) => j.id !== job.id && j.sheetName === job.sheetName);
    if (clash)
      throw new ConfigError('sheetName', `the tab "${job.sheetName}" is already used by the job "${clash.name}"; pick another tab.`);
    putJob(p.docStore, job);
    // Different data in the tab: forget the watermark and any run in progress, so the next run is full.
    if (existing && dataShape(existing) !== dataShape(job)) deleteState(p.jobStore(existing.sheetName), job.id);
    reconcileSchedule(p);
    return job;
  });
}

function dataShape(job: Job): string {
  return JSON.stringify([job.object, job.fields, job.mode, job.filters, job.sheetName]);
}

export function deleteJob(p: Platform, id: string): boolean {
  return withDocumentLock(p, () => {
    const job = listJobs(p.docStore).find((j) => j.id === id);
    const removed = removeJob(p.docStore, id, job ? p.jobStore(job.sheetName) : null);
    reconcileSchedule(p);
    return removed;
  });
}

/** "Take over the schedule": scheduled runs of this spreadsheet move to the running user's trigger and key. */
export function takeOverSchedule(p: Platform): ScheduleInfo {
  return withDocumentLock(p, () => {
    claimSchedule(p);
    return scheduleInfo(p);
  });
}

function scheduleInfo(p: Platform): ScheduleInfo {
  const owner = scheduleOwner(p);
  const scheduled = listJobs(p.docStore).some((j) => j.enabled && j.schedule.every !== 'manual');
  return { owner: owner?.email ?? null, mine: !!owner && owner.email === p.userEmail(), scheduled };
}

export function sidebarState(p: Platform): SidebarState {
  const now = p.clock.now();
  const jobs: JobView[] = listJobs(p.docStore).map((job) => {
    const s = loadState(p.jobStore(job.sheetName), job.id);
    const last = s.lastRun;
    return {
      job,
      lastRun: last
        ? {
            status: last.status,
            startedAt: last.startedAt,
            finishedAt: last.finishedAt,
            incremental: last.incremental,
            counts: last.counts,
            error: last.error ?? null,
          }
        : null,
      running: s.run ? { startedAt: s.run.startedAt, phase: s.run.phase, counts: s.run.counts } : null,
      nextRunAt: job.enabled ? nextSlot(job.schedule, s.lastSuccessAt ?? job.createdAt, now, p.zone) : null,
    };
  });
  return {
    connection: connectionInfo(p),
    schedule: scheduleInfo(p),
    jobs,
    timeZone: p.workbook.timeZone(),
    tabs: p.workbook.sheetNames().filter((n) => n !== RUN_LOG_SHEET && !n.startsWith('~staging ')),
    objects: OBJECT_NAMES.map((n) => ({ name: n, label: CATALOG[n].label, filters: [...CATALOG[n].filters] })),
  };
}

function jsonCell(v: unknown): PreviewCell {
  if (v === null || v === undefined) return null;
  if (isDate(v)) return v.toISOString();
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** Every column an object offers, with an example from the account when one is at hand. */
export function listFields(p: Platform, object: string): FieldInfo[] {
  if (!isObjectName(object)) throw new ConfigError('object', `${JSON.stringify(object)} is not one of ${OBJECT_NAMES.join(', ')}.`);
  const entry = CATALOG[object];
  const examples = new Map<string, PreviewCell>();
  try {
    // One record from the account, turned into cells exactly as a job would write them.
    const paths = entry.fields.map((f) => f.path).filter((f) => f !== CUSTOM_FIELDS);
    const job = validateJob({ object, sheetName: 'preview', fields: paths }, p.clock.now(), 'preview');
    const sample = previewRecords(p, job, 1)[0];
    if (sample) {
      const lookups = new LookupResolver(leverClient(p), lookupCache(p));
      const resolve = (t: RefTable, id: string, attr: string) => lookups.resolve(t, id, attr);
      const columns = jobColumns(job);
      recordRow(sample, columns, { resolve }).forEach((cell, i) => examples.set(columns[i].path, jsonCell(cell)));
      if (entry.custom)
        examples.set(
          CUSTOM_FIELDS,
          customValues(sample, entry.custom, (id, attr) => resolve('requisition_fields', id, attr))
            .map((v) => v.label)
            .join(', ') || null,
        );
    }
  } catch {
    // No key or no records yet: the list is still useful without examples.
  }
  return entry.fields.map((f) => ({
    path: f.path,
    label: f.label,
    type: f.type,
    pii: !!f.pii,
    default: entry.defaults.includes(f.path),
    example: examples.get(f.path) ?? null,
  }));
}

function previewRecords(p: Platform, job: Job, max: number): Record<string, unknown>[] {
  const client = leverClient(p);
  const listed = listedEntry(job);
  if (listed.source.kind !== 'list') return [];
  const params = { ...listParams(job, { since: null, until: p.clock.now(), incremental: false }), limit: Math.min(100, Math.max(max, 10)) };
  const page = client.list(listed.source.path, params);
  page.data = page.data.filter((r) => matchesFilters(job, r));
  const source = CATALOG[job.object].source;
  let records: Record<string, unknown>[] = page.data;
  if (source.kind === 'embedded') {
    records = page.data.flatMap((o) => ((o[source.field] as Record<string, unknown>[]) ?? []).map((c) => ({ opportunityId: o.id, ...c })));
  } else if (source.kind === 'child') {
    const firsts = client.listMany(
      page.data.slice(0, 10).map((o) => source.path.replace(':id', String(o.id))),
      { limit: 100 },
    );
    records = firsts.flatMap((pg, i) => (pg ? pg.data.map((c) => ({ opportunityId: page.data[i].id, ...c })) : []));
  }
  return records.slice(0, max);
}

/** The first rows exactly as the job would write them (dates as ISO text, since JSON has no dates). */
export function previewJob(p: Platform, input: JobInput): Preview {
  const job = validateJob(input, p.clock.now(), 'preview');
  const lookups = new LookupResolver(leverClient(p), lookupCache(p));
  const resolve = (t: RefTable, id: string, attr: string) => lookups.resolve(t, id, attr);
  const records = previewRecords(p, job, 10);
  // Custom columns as the job would have them: those already known, then those in these records.
  let columns = jobColumns(job);
  const protect = protector(job.personalData, p.crypto, privacySalt(p));
  let ctx: RowContext = { resolve, protect };
  if (CustomColumns.wanted(job)) {
    const known = typeof input.id === 'string' ? customColumnStore(p, { id: input.id, sheetName: job.sheetName }).load() : [];
    const custom = new CustomColumns(
      job,
      { load: () => known, save: () => undefined },
      (id, attr) => resolve('requisition_fields', id, attr),
      columns.map((c) => c.header),
    );
    custom.discover(records);
    columns = jobColumns(job, custom.list);
    ctx = { resolve, protect, custom: (r) => custom.valuesOf(r) };
  }
  const rows = records.map((r) => recordRow(r, columns, ctx).map(jsonCell));
  return { header: columns.map((c) => c.header), rows };
}

/** Stages and postings to filter by, from the cached reference tables (never one request per item). */
export function filterOptions(p: Platform): FilterOptions {
  const lookups = new LookupResolver(leverClient(p), lookupCache(p));
  const list = (table: 'stages' | 'postings') =>
    lookups
      .entries(table)
      .map(([id, [text]]) => ({ id, text }))
      .sort((a, b) => a.text.localeCompare(b.text));
  return { stages: list('stages'), postings: list('postings') };
}

export function runLog(p: Platform, limit: number): RunLogEntry[] {
  const sheet = p.workbook.sheet(RUN_LOG_SHEET);
  const n = sheet ? sheet.lastRow() - 1 : 0;
  if (!sheet || n <= 0) return [];
  const take = Math.max(1, Math.min(typeof limit === 'number' ? limit : 20, 200, n));
  const rows = sheet.read(sheet.lastRow() - take + 1, 1, take, RUN_LOG_HEADER.length);
  const at = (name: string) => RUN_LOG_HEADER.indexOf(name);
  return rows.reverse().map((r) => ({
    startedAt: String(jsonCell(r[at('Started')])),
    finishedAt: String(jsonCell(r[at('Finished')])),
    job: String(r[at('Job')]),
    status: String(r[at('Status')]),
    kind: String(r[at('Kind')]),
    records: Number(r[at('Records')]),
    confidential: Number(r[at('Confidential')]),
    rowsAdded: Number(r[at('Rows added')]),
    rowsUpdated: Number(r[at('Rows updated')]),
    rowsDeleted: Number(r[at('Rows deleted')]),
    requests: Number(r[at('Requests')]),
    retries: Number(r[at('Retries')]),
    rateLimited: Number(r[at('Rate limited (429)')]),
    seconds: Number(r[at('Seconds')]),
    error: r[at('Error')] === null || r[at('Error')] === '' ? null : String(r[at('Error')]),
  }));
}
