import { BusyError, ConfigError, asSyncError } from '../errors';
import { DOCUMENT_KEYS } from '../store/schema';
import { jobRetryPolicy } from '../lever/retry';
import { deliverExports } from './exports';
import { withDocumentLock } from './lease';
import { isScheduled, letGo, loadRegistry, saveRegistry, scheduleOwner, unregister } from './schedule-owner';
import { isDue } from '../jobs/schedule';
import { heldDue, heldNote } from '../sync/row-limit';
import type { Job } from '../jobs/types';
import { pendingExports, runSlice, type Partner, type PartnerResult, type SliceResult, type SyncContext } from '../sync/engine';
import { planGroups, shareKey } from '../sync/partners';
import { appendRunLog } from '../sync/run-log';
import { emptyCounts, loadState, saveState, type JobState, type RunSummary } from '../sync/state';
import type { RunOptions, SliceProgress } from '../../shared/rpc';
import { apiKeyOf, ledgerOf, leverClient, lookupCache, noteKeyStatus, savePacer, userMessage } from './connection';
import { accountKind, budgetOf, MIN_REQUESTS } from './quota';
import { customColumnStore, getJob, listJobs } from './jobs-store';

export { customColumnStore };
import { runProgress } from './progress';
import { alertsAfterRun, hourlyAlerts } from './alerts';
import { sampleUsage } from './usage';
import { BUDGET, type Platform, type TriggerView, type UserPlatform } from './platform';

/** A failed scheduled job is tried again at most this often. */
const RETRY_GAP_MS = 50 * 60_000;

/** The spreadsheet's secret for hashing personal data: made once, kept in document properties. */
export function privacySalt(p: Platform): string {
  let salt = p.docStore.get(DOCUMENT_KEYS.salt);
  if (!salt) {
    salt = `${p.newId()}${p.newId()}`;
    p.docStore.set(DOCUMENT_KEYS.salt, salt);
  }
  return salt;
}

/**
 * A tab the user emptied or deleted since the last run must be rebuilt whole: an incremental run
 * would only bring back what changed since. (A deleted tab takes its sync state with it, so that
 * run is full anyway; here it is also said in the log.)
 */
function rebuildIfTabLost(p: Platform, job: Job, state: JobState): JobState {
  if (state.run || job.mode === 'replace') return state;
  const tab = p.workbook.sheet(job.sheetName);
  const rows = tab ? Math.max(0, tab.lastRow() - 1) : 0;
  if (state.watermark !== null && (state.tabRows ?? 0) > 0 && rows === 0) {
    const notice = 'The tab had been emptied: this run read everything again to refill it.';
    return { ...state, watermark: null, deletedWatermark: null, lastFullAt: null, notice };
  }
  if (state.watermark === null && state.lastRun === null && p.docStore.get(DOCUMENT_KEYS.synced(job.id))) {
    return { ...state, notice: 'The tab was missing: this run read everything again to rebuild it.' };
  }
  return state;
}

/** Failing before the run could start (no key, say): the failure is recorded, nothing else changes. */
function failedBeforeStart(p: Platform, job: Job, before: JobState, e: unknown): SliceResult {
  const err = asSyncError(e);
  const now = p.clock.now();
  const summary: RunSummary = {
    runId: p.newId(),
    jobId: job.id,
    jobName: job.name,
    status: 'failed',
    incremental: false,
    startedAt: now,
    finishedAt: now,
    durationMs: 0,
    counts: emptyCounts(),
    error: { code: err.code, message: userMessage(p, err) },
  };
  const state: JobState = { ...before, lastRun: summary, lastAttemptAt: now, consecutiveFailures: before.consecutiveFailures + 1 };
  saveState(p.jobStore(job.sheetName), job.id, state);
  return { state, done: true, summary };
}

/**
 * Runs one slice of one job with the given deadline; logs and alerts when the run ends. `quiet`:
 * a run that ends well without adding or removing a row is not written to the Sync log (the
 * sidebar's Live checks, once a minute).
 */
export function sliceJob(p: Platform, job: Job, deadline: number, group: Job[] = [], quiet = false): SliceResult {
  const store = p.jobStore(job.sheetName);
  // Run on its own (or leading): no other job's run writes its tab any more.
  const before = rebuildIfTabLost(p, job, { ...loadState(store, job.id), withRun: null });
  const partners = partnersOf(p, job, before, group);
  let result: SliceResult;
  try {
    const ctx: SyncContext = {
      client: leverClient(p, jobRetryPolicy(job.retry)),
      clock: p.clock,
      workbook: p.workbook,
      crypto: p.crypto,
      cache: lookupCache(p),
      deadline,
      save: (s) => saveState(store, job.id, s),
      newRunId: p.newId,
      salt: privacySalt(p),
      zone: p.zone,
      customColumns: customColumnStore(p, job),
      partnerColumns: (j) => customColumnStore(p, j),
    };
    try {
      result = pendingExports(ctx, job, before) ?? runSlice(ctx, job, before, partners);
    } finally {
      savePacer(p, ctx.client);
    }
    result = deliverExports(p, job, before, result);
    if (result.summary?.status === 'ok' && !p.docStore.get(DOCUMENT_KEYS.synced(job.id))) p.docStore.set(DOCUMENT_KEYS.synced(job.id), '1');
  } catch (e) {
    result = failedBeforeStart(p, job, before, e);
  }
  if (result.summary) reportRun(p, job, before, result.summary, quiet);
  if (result.held) logLine(p, result.held);
  for (const r of result.partners ?? []) finishPartner(p, r);
  return result;
}

/**
 * The jobs whose tabs this run writes too: those of the run in progress (still there, and still
 * needing the same fan-out), or, for a run about to start, the group the dispatcher formed.
 */
function partnersOf(p: Platform, leader: Job, state: JobState, group: Job[]): Partner[] {
  const ids = state.run ? Object.keys(state.run.partners ?? {}) : group.map((j) => j.id);
  if (ids.length === 0) return [];
  const jobs = listJobs(p.docStore);
  return ids.flatMap((id) => {
    const job = jobs.find((j) => j.id === id);
    if (!job || shareKey(job) === null || shareKey(job) !== shareKey(leader)) return [];
    return [{ job, state: rebuildIfTabLost(p, job, loadState(p.jobStore(job.sheetName), job.id)) }];
  });
}

/** A partner's state saved; when its part of the run ended, its copies, log line and alert. */
function finishPartner(p: Platform, r: PartnerResult): void {
  saveState(p.jobStore(r.job.sheetName), r.job.id, r.state);
  if (!r.summary) return;
  const result = deliverExports(p, r.job, r.before, { state: r.state, done: true, summary: r.summary, table: r.table });
  if (result.summary?.status === 'ok' && !p.docStore.get(DOCUMENT_KEYS.synced(r.job.id)))
    p.docStore.set(DOCUMENT_KEYS.synced(r.job.id), '1');
  reportRun(p, r.job, r.before, result.summary!);
}

/** The Sync log line and, when the job starts failing or recovers, the alert. */
function reportRun(p: Platform, job: Job, before: JobState, summary: RunSummary, quiet = false): void {
  if (summary.error) summary.error.message = userMessage(p, summary.error.message);
  // The home screen says "key rejected" from the run that found it so, and "connected" again after.
  try {
    if (summary.error?.code === 'AUTH' && apiKeyOf(p)) noteKeyStatus(p, false);
    else if (summary.status === 'ok') noteKeyStatus(p, true);
  } catch {
    // Only the status line is stale; the run's own result is in the log.
  }
  // The 10-minute overlap rewrites a few recent rows on every check (counted as updated), so a
  // quiet check is logged when it added or removed rows, or failed.
  const c = summary.counts;
  const unchanged = summary.status === 'ok' && c.rowsAdded + c.rowsDeleted === 0;
  if (!(quiet && unchanged)) logLine(p, summary);
  alertsAfterRun(p, job, before, summary);
}

function logLine(p: Platform, summary: RunSummary): void {
  try {
    appendRunLog(p.workbook, summary);
  } catch (e) {
    // A full spreadsheet must not hide the run's own result; the state holds it too.
    p.log(`Could not write the Sync log: ${userMessage(p, e)}`);
  }
}

/** A slice's outcome for the sidebar; `runner` is the job whose run it is (a partner's leader). */
function progressOf(p: Platform, jobId: string, runner: Job, result: SliceResult): SliceProgress {
  const run = result.state.run;
  const summary = result.summary;
  return {
    jobId,
    done: result.done,
    status: summary ? summary.status : 'running',
    phase: run?.phase ?? 'finish',
    counts: summary ? summary.counts : run!.counts,
    error: summary?.error ?? null,
    startedAt: summary ? summary.startedAt : run!.startedAt,
    paused: result.paused ?? null,
    held: result.held?.note ?? (run?.held ? heldNote(runner, run) : null),
    progress: run ? runProgress(p, runner, result.state, run) : null,
  };
}

/** The sidebar's "Run now": one short slice; the sidebar calls again until `done`. */
export function runJobSlice(p: Platform, id: string, options?: RunOptions | null): SliceProgress {
  const quiet = liveCheck(options);
  return withDocumentLock(p, () => {
    const job = getJob(p.docStore, id);
    const state = loadState(p.jobStore(job.sheetName), id);
    // A Live check leaves a run held at its maxRowsPerRun for its scheduled turn (Run now takes it up).
    if (quiet && state.run?.held) return progressOf(p, id, job, { state, done: false, summary: null });
    const leader = servedBy(p, state);
    if (!leader) return progressOf(p, id, job, sliceJob(p, job, p.clock.now() + BUDGET.sidebarMs, [], quiet));
    // Its rows come from another job's run in progress: that run goes on, for both.
    const result = sliceJob(p, leader, p.clock.now() + BUDGET.sidebarMs, [], quiet);
    const mine = result.partners?.find((r) => r.job.id === id);
    return progressOf(p, id, leader, mine?.summary ? { state: mine.state, done: true, summary: mine.summary } : result);
  });
}

/** `{live: true}`: a check of the sidebar's Live switch, logged only when it added or removed rows, or failed. */
function liveCheck(options: RunOptions | null | undefined): boolean {
  if (options === undefined || options === null) return false;
  if (typeof options !== 'object' || Array.isArray(options) || Object.keys(options).some((k) => k !== 'live'))
    throw new ConfigError('options', 'give {"live": true} for a Live check, or nothing.');
  if (options.live !== undefined && typeof options.live !== 'boolean') throw new ConfigError('options.live', 'must be true or false.');
  return options.live === true;
}

/** The job whose run in progress writes this job's tab, if any. */
export function servedBy(p: Platform, state: JobState): Job | null {
  if (!state.withRun) return null;
  const leader = listJobs(p.docStore).find((j) => j.id === state.withRun!.leader);
  if (!leader) return null;
  return loadState(p.jobStore(leader.sheetName), leader.id).run?.runId === state.withRun.runId ? leader : null;
}

/** Below this much trigger time left today, a run would only be cut short: skip until tomorrow. */
const MIN_RUN_MS = 30_000;

/** A day of hourly runs that could not open a spreadsheet: it is gone, not just slow to answer. */
const MAX_MISSES = 24;

/** Counts failed opens in a row; false once the spreadsheet should be dropped. */
function noteOpened(u: UserPlatform, docId: string, opened: boolean): boolean {
  const r = loadRegistry(u.userStore);
  const entry = r.docs.find((d) => d.id === docId);
  if (!entry) return true;
  const misses = opened ? 0 : (entry.misses ?? 0) + 1;
  if (misses === (entry.misses ?? 0)) return true;
  entry.misses = misses;
  saveRegistry(u.userStore, r);
  return misses < MAX_MISSES;
}

/**
 * Runs due jobs of one spreadsheet until the deadline: runs in progress first. Returns false when
 * the user's daily UrlFetch quota ran out: every other job would only fail the same way.
 */
function runDueJobs(p: Platform, deadline: number, ran: string[], skipped: string[]): boolean {
  // Only versions the schedule owner saved or approved run with the owner's key.
  const me = p.userEmail();
  const jobs = listJobs(p.docStore).filter((j) => j.enabled && j.savedBy === me);
  const states = new Map(jobs.map((j) => [j.id, loadState(p.jobStore(j.sheetName), j.id)]));
  const wanted = jobs.filter((j) => {
    const s = states.get(j.id) as JobState;
    // Written by another job's run in progress: that run serves it.
    if (s.withRun && states.get(s.withRun.leader)?.run?.runId === s.withRun.runId) return false;
    // A run that stopped at its maxRowsPerRun goes on at the schedule's next turn.
    if (s.run?.held) return heldDue(j, s.run.held.at, p.clock.now(), p.zone);
    // A run in progress, or copies still to write, go on at once.
    if (s.run || s.exportsPending) return true;
    if (!isDue(j.schedule, s.lastSuccessAt ?? j.createdAt, p.clock.now(), p.zone)) return false;
    return s.lastAttemptAt === null || p.clock.now() - s.lastAttemptAt >= RETRY_GAP_MS;
  });
  wanted.sort((a, b) => Number(!!states.get(b.id)?.run) - Number(!!states.get(a.id)?.run));
  // Jobs needing the same children of the same candidates share one run (partners.ts).
  const groups = planGroups(wanted, states);
  const served = new Set([...groups.values()].flat().map((j) => j.id));
  const budget = budgetOf(accountKind(p.userStore));
  for (const job of wanted) {
    if (served.has(job.id)) continue;
    if (p.clock.now() >= deadline || ledgerOf(p).fetches() > budget.urlFetch - MIN_REQUESTS) {
      skipped.push(job.id);
      continue;
    }
    ran.push(job.id);
    const result = sliceJob(p, job, deadline, groups.get(job.id));
    for (const r of result.partners ?? []) ran.push(r.job.id);
    if (result.paused || result.summary?.error?.code === 'QUOTA') return false;
  }
  return true;
}

/**
 * One spreadsheet's turn of the hourly trigger, under its lock: its due jobs, then its alerts.
 * False when the user's daily UrlFetch quota ran out.
 */
function serveDocument(
  u: UserPlatform,
  p: Platform,
  name: string,
  turn: { seen?: TriggerView; deadline: number; ran: string[]; skipped: string[] },
): boolean {
  // Someone took the schedule over, or nothing is scheduled any more: stop serving it.
  if (scheduleOwner(p)?.email !== u.userEmail() || !isScheduled(p)) return (letGo(p), true);
  // For "Check this spreadsheet": what this trigger run could see without opening by id.
  if (turn.seen) p.docStore.set(DOCUMENT_KEYS.triggerSeen, JSON.stringify(turn.seen));
  const quotaLeft = runDueJobs(p, turn.deadline, turn.ran, turn.skipped);
  hourlyAlerts(p, name);
  try {
    sampleUsage(p);
  } catch (e) {
    // The projections miss a day; nothing else does.
    p.log(`Could not sample this spreadsheet's usage: ${userMessage(p, e)}`);
  }
  return quotaLeft;
}

/**
 * The hourly trigger, one per user: visits every spreadsheet this user owns the schedule of,
 * opened by id (the trigger may have no document of its own), resuming runs in progress first,
 * then starting due jobs, until the time budget is spent. Whatever is left continues next hour.
 * The budget also respects the user's daily trigger time across all spreadsheets.
 */
export function runScheduledSyncs(u: UserPlatform, seen?: TriggerView): { ran: string[]; skipped: string[] } {
  const start = u.clock.now();
  const ledger = ledgerOf(u);
  const kind = accountKind(u.userStore);
  const budget = Math.min(BUDGET.triggerMs[kind], budgetOf(kind).triggerMs - ledger.triggerMs() - MIN_RUN_MS);
  const ran: string[] = [];
  const skipped: string[] = [];
  if (budget < MIN_RUN_MS) {
    u.log('Skipped: the trigger time Lever Sync keeps for a day is used up; scheduled runs go on when it frees.');
    return { ran, skipped };
  }
  if (ledger.fetches() > budgetOf(kind).urlFetch - MIN_REQUESTS) {
    u.log('Skipped: the requests Lever Sync keeps for a day are used up; scheduled runs go on when they free.');
    return { ran, skipped };
  }
  const deadline = start + budget;
  const registry = loadRegistry(u.userStore);
  const order = registry.docs.map((_, i) => registry.docs[(i + registry.next) % registry.docs.length]);
  let quotaLeft = true;
  try {
    for (const [i, doc] of order.entries()) {
      if (u.clock.now() >= deadline || !quotaLeft) break;
      const p = u.openDocument(doc.id);
      if (!noteOpened(u, doc.id, !!p)) {
        u.log(`Dropped "${doc.name}" from your scheduled syncs: it could not be opened for a day (deleted, or no longer shared with you).`);
        unregister(u, doc.id);
      }
      if (!p) continue;
      try {
        withDocumentLock(p, () => (quotaLeft = serveDocument(u, p, doc.name, { seen, deadline, ran, skipped })));
      } catch (e) {
        // One spreadsheet's trouble must not starve the others of their turn.
        u.log(
          e instanceof BusyError
            ? `Skipped "${doc.name}": another sync holds it.`
            : `Could not run the scheduled syncs of "${doc.name}": ${userMessage(p, e)}`,
        );
      }
      const r = loadRegistry(u.userStore);
      r.next = (registry.next + i + 1) % Math.max(1, r.docs.length);
      saveRegistry(u.userStore, r);
    }
  } finally {
    ledger.add(0, u.clock.now() - start);
  }
  return { ran, skipped };
}
