import { destinationAddress } from './destinations';
import { heldNote } from '../sync/row-limit';
import { servedBy } from './run';
import { CATALOG, OBJECT_NAMES } from '../catalog/objects';
import { ConfigError } from '../errors';
import { jobColumns } from '../jobs/columns';
import { nextSlot } from '../jobs/schedule';
import type { Job, JobInput } from '../jobs/types';
import { validateJob } from '../jobs/validate';
import { DOCUMENT_KEYS } from '../store/schema';
import { LookupResolver } from '../sync/lookups';
import { RUN_LOG_HEADER, RUN_LOG_SHEET } from '../sync/run-log';
import { deleteState, loadState, type JobState } from '../sync/state';
import type { FilterOptions, JobView, RunLogEntry, ScheduleInfo, SidebarState } from '../../shared/rpc';
import { jsonCell } from './preview';
import { connectionInfo, ledgerOf, leverClient, lookupCache } from './connection';
import { runProgress } from './progress';
import { accountKind, budgetOf, spentUntil } from './quota';
import { getJob, listJobs, putJob, removeJob } from './jobs-store';
import type { Platform } from './platform';
import { withDocumentLock } from './lease';
import { claimSchedule, isScheduled, reconcileSchedule, scheduleOwner } from './schedule-owner';

/** Validates and stores a job, then makes the trigger match the schedules. */
/** Two jobs feeding one warehouse table (same object, same store and folder) would mix their columns. */
function refuseSharedTable(job: Job, others: Job[]): void {
  const tables = (j: Job) =>
    j.exports.filter((e) => e.layout === 'warehouse').map((e) => `${destinationAddress(e)}/${e.prefix ?? ''}object=${j.object}`);
  for (const [i, table] of tables(job).entries()) {
    const clash = others.find((o) => tables(o).includes(table));
    if (clash)
      throw new ConfigError(
        `exports[${i}].prefix`,
        `the job "${clash.name}" already writes ${job.object} in the warehouse layout to ${table.replace(/\/object=.*$/, '/')}: give this copy another folder.`,
      );
  }
}

export function saveJob(p: Platform, input: JobInput): Job {
  return withDocumentLock(p, () => {
    const existing = input && typeof input === 'object' && typeof input.id === 'string' ? getJob(p.docStore, input.id) : null;
    // The saver's own version: the schedule owner's trigger runs it only once the owner saved or approved it.
    const job = validateJob({ ...input, createdAt: existing?.createdAt, savedBy: p.userEmail() }, p.clock.now(), p.newId());
    const headers = jobColumns(job).map((c) => c.header);
    const dup = headers.find((h, i) => headers.indexOf(h) !== i);
    if (dup) throw new ConfigError('fields', `two columns are named "${dup}"; rename one.`);
    const others = listJobs(p.docStore).filter((j) => j.id !== job.id);
    // Each tab is one job's: its rows, or a dashboard's summary.
    const tabsOf = (j: Job) => [j.sheetName, j.dashboard?.sheetName].filter((t): t is string => !!t).map((t) => t.toLowerCase());
    for (const [field, tab] of [
      ['sheetName', job.sheetName],
      ['dashboard.sheetName', job.dashboard?.sheetName],
    ] as const) {
      if (!tab) continue;
      const clash = others.find((j) => tabsOf(j).includes(tab.toLowerCase()));
      if (clash) throw new ConfigError(field, `the tab "${tab}" is already used by the job "${clash.name}"; pick another tab.`);
    }
    refuseSharedTable(job, others);
    if (!existing || existing.sheetName !== job.sheetName) refuseUsersTab(p, job.sheetName);
    if (job.dashboard && existing?.dashboard?.sheetName !== job.dashboard.sheetName)
      refuseUsersTab(p, job.dashboard.sheetName, 'dashboard.sheetName');
    putJob(p.docStore, job);
    // Different data in the tab: forget the watermark and any run in progress, so the next run is full.
    if (existing && dataShape(existing) !== dataShape(job)) {
      deleteState(p.jobStore(existing.sheetName), job.id);
      p.docStore.delete(DOCUMENT_KEYS.synced(job.id));
    }
    reconcileSchedule(p);
    return job;
  });
}

/**
 * A tab of the user's own (data the add-on did not write) is never taken over: upsert would mix
 * its rows with the user's and replace would delete them. An empty tab, or one a job wrote, is fine.
 */
function refuseUsersTab(p: Platform, sheetName: string, field = 'sheetName'): void {
  const tab = p.workbook.sheet(sheetName);
  if (!tab || tab.lastRow() === 0 || tab.markedByAddOn()) return;
  throw new ConfigError(
    field,
    `the tab "${sheetName}" already holds data of your own, and a sync would write its rows there (replace mode rewrites the whole tab). Pick a new tab name, or empty that tab first.`,
  );
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

/** The schedule owner approves another editor's version of a job for scheduled runs (with the owner's key). */
export function approveJob(p: Platform, id: string): Job {
  return withDocumentLock(p, () => {
    const owner = scheduleOwner(p);
    if (!owner || owner.email !== p.userEmail()) {
      throw new ConfigError(
        'schedule',
        `only the schedule owner${owner ? ` (${owner.email})` : ''} can approve jobs for scheduled runs, since those runs use their Lever key.`,
      );
    }
    const job = { ...getJob(p.docStore, id), savedBy: owner.email };
    putJob(p.docStore, job);
    return job;
  });
}

/**
 * "Take over the schedule": scheduled runs of this spreadsheet move to the running user's trigger
 * and key. Taking over is agreeing to run the jobs as they are, so each is approved by the new owner.
 */
export function takeOverSchedule(p: Platform): ScheduleInfo {
  return withDocumentLock(p, () => {
    const owner = claimSchedule(p);
    for (const job of listJobs(p.docStore)) if (job.savedBy !== owner.email) putJob(p.docStore, { ...job, savedBy: owner.email });
    return scheduleInfo(p);
  });
}

function scheduleInfo(p: Platform): ScheduleInfo {
  const owner = scheduleOwner(p);
  const scheduled = isScheduled(p);
  return { owner: owner?.email ?? null, mine: !!owner && owner.email === p.userEmail(), scheduled };
}

/** *Open tab*: the job's tab in front of the user. */
export function openJobTab(p: Platform, id: string, options?: { dashboard?: boolean } | null): string {
  const job = getJob(p.docStore, id);
  const tab = options?.dashboard === true ? job.dashboard?.sheetName : job.sheetName;
  if (!tab) throw new ConfigError('dashboard', `“${job.name}” has no dashboard.`);
  if (!p.workbook.show(tab)) throw new ConfigError('sheetName', `The tab “${tab}” is not there yet: run “${job.name}” to create it.`);
  return tab;
}

/** The run writing a job's tab: its own, or the one of the job it shares a fan-out with (`leader`). */
function runningView(p: Platform, job: Job, s: JobState, leader: Job | null): JobView['running'] {
  if (s.run) return { startedAt: s.run.startedAt, phase: s.run.phase, counts: s.run.counts, progress: runProgress(p, job, s, s.run) };
  const ls = leader ? loadState(p.jobStore(leader.sheetName), leader.id) : null;
  if (!leader || !ls?.run) return null;
  const shared = ls.run;
  return {
    startedAt: shared.startedAt,
    phase: shared.phase,
    counts: { ...shared.counts, ...shared.partners?.[job.id] },
    progress: runProgress(p, leader, ls, shared),
  };
}

export function sidebarState(p: Platform): SidebarState {
  const now = p.clock.now();
  const owner = scheduleOwner(p);
  const spent = spentUntil(ledgerOf(p), budgetOf(accountKind(p.userStore)));
  const jobs: JobView[] = listJobs(p.docStore).map((job) => {
    const s = loadState(p.jobStore(job.sheetName), job.id);
    const last = s.lastRun;
    const leader = servedBy(p, s);
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
      running: runningView(p, job, s, leader),
      pausedUntil: (s.run || leader) && spent ? spent : null,
      held: s.run?.held ? heldNote(job, s.run) : null,
      runsWith: leader?.name ?? null,
      nextRunAt: job.enabled ? nextSlot(job.schedule, s.lastSuccessAt ?? job.createdAt, now, p.zone) : null,
      awaitingApproval: job.schedule.every !== 'manual' && !!owner && job.savedBy !== owner.email,
    };
  });
  return {
    connection: connectionInfo(p),
    schedule: scheduleInfo(p),
    jobs,
    timeZone: p.workbook.timeZone(),
    tabs: p.workbook.sheetNames().filter((n) => n !== RUN_LOG_SHEET && !n.startsWith('~staging ')),
    objects: OBJECT_NAMES.map((n) => ({
      name: n,
      label: CATALOG[n].label,
      filters: [...CATALOG[n].filters],
      perCandidate: CATALOG[n].incremental.kind === 'parent',
      tallies: CATALOG[n].fields.filter((f) => f.tally).map((f) => f.path),
    })),
  };
}

/** Stages and postings to filter by, from the cached reference tables (never one request per item). */
export function filterOptions(p: Platform): FilterOptions {
  const lookups = new LookupResolver(leverClient(p), lookupCache(p));
  const list = (table: 'stages' | 'postings') =>
    lookups
      .entries(table)
      .map(([id, [text, ...rest]]): { id: string; text: string; detail?: string } => {
        const detail = rest.filter(Boolean).join(' · ');
        return detail ? { id, text, detail } : { id, text };
      })
      .sort((a, b) => a.text.localeCompare(b.text) || (a.detail ?? '').localeCompare(b.detail ?? ''));
  return { stages: list('stages').map(({ id, text }) => ({ id, text })), postings: list('postings') };
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
