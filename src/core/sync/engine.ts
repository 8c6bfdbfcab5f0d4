import { hasAfterRun } from '../jobs/dashboard';
import { BudgetSpentError, asSyncError } from '../errors';
import type { Job } from '../jobs/types';
import type { CellValue } from '../ports';
import { listedEntry } from './source';
import { OVERLAP_MS, emptyCounts, newCheckpoint, maxOf, type JobState, type RunCheckpoint, type RunSummary } from './state';
import { stagingName, type SyncContext } from './context';
import { JobWorker } from './worker';
import { nextReconcile, shareOf, wholeReconcileDue } from './reconcile';
import { groupStart, partnerFinished } from './partners';
import { heldNote, limitReached, resumeHeld } from './row-limit';
import { brokenChainNote, firstBrokenRow } from './hash-chain';
import { SYSTEM } from '../jobs/columns';

export { stagingName, type SyncContext };

export interface SliceResult {
  state: JobState;
  done: boolean;
  /** Set when the run ended in this slice (ok or failed). */
  summary: RunSummary | null;
  /** After a successful run: the finished tab's job columns, header first, for the exports. */
  table?: () => CellValue[][];
  /** The day's request budget is spent: the run waits, checkpoint kept, until then. */
  paused?: { until: number; message: string };
  /** The run wrote the job's maxRowsPerRun: it waits, checkpoint kept, for the next scheduled run; its Sync log line. */
  held?: RunSummary;
  /** Where each partner stands after this slice (partners.ts): to save, and to log when its run ended. */
  partners?: PartnerResult[];
}

/** A job whose tab a run writes too, with its state before the slice. */
export interface Partner {
  job: Job;
  state: JobState;
}

export interface PartnerResult extends Partner {
  /** Its state before this slice (to tell a new failure from an old one). */
  before: JobState;
  summary: RunSummary | null;
  table?: () => CellValue[][];
}

/**
 * Runs one time-budgeted slice of a job. Starts a run if none is in progress, resumes it
 * otherwise, and ends it (promoting the watermark) when every phase is through.
 */
// eslint-disable-next-line max-lines-per-function -- the phase loop and its save points, in the order they must happen
export function runSlice(ctx: SyncContext, job: Job, input: JobState, partners: Partner[] = []): SliceResult {
  let state: JobState = { ...input };
  if (state.run && stagingLost(ctx, job, state.run)) state = { ...state, run: null };
  if (!state.run) state = { ...state, run: startRun(ctx, job, state, partners), lastAttemptAt: ctx.clock.now() };
  const run: RunCheckpoint = { ...state.run!, counts: { ...state.run!.counts }, slices: state.run!.slices + 1 };
  resumeHeld(run);
  run.partners = run.partners ? Object.fromEntries(Object.entries(run.partners).map(([id, c]) => [id, { ...c }])) : null;
  state.run = run;
  // Partners still in the run (a job deleted or changed since runs alone from its own state).
  const mine = partners.filter((p) => run.partners?.[p.job.id]);
  for (const id of Object.keys(run.partners ?? {})) if (!mine.some((p) => p.job.id === id)) delete run.partners![id];
  let worker: JobWorker | null = null;
  const waiting = () => partnersAfter(ctx, job, run, mine, worker, null);
  const before = { ...ctx.client.stats };
  const sync = () => {
    run.counts.requests += ctx.client.stats.requests - before.requests;
    run.counts.retries += ctx.client.stats.retries - before.retries;
    run.counts.rateLimited += ctx.client.stats.rateLimited - before.rateLimited;
    Object.assign(before, ctx.client.stats);
  };
  try {
    worker = new JobWorker(
      ctx,
      job,
      run,
      state,
      () => ctx.save(state),
      mine.map((p) => p.job),
      // Jobs whose first run this is: their tab gets its filter at the end (tab-looks.ts).
      new Set([{ job, state }, ...mine].filter((m) => m.state.lastSuccessAt === null).map((m) => m.job.id)),
    );
    let pageMs = 0;
    while (run.phase !== 'finish') {
      if (ctx.clock.now() + pageMs > ctx.deadline) {
        sync();
        ctx.save(state);
        return { state, done: false, summary: null, partners: waiting() };
      }
      const t0 = ctx.clock.now();
      worker.step();
      pageMs = Math.max(pageMs, ctx.clock.now() - t0);
      sync();
      if (limitReached(job, run)) {
        const held = { ...summarize(ctx, job, run, 'partial'), note: heldNote(job, run) };
        run.held = { at: ctx.clock.now() };
        ctx.save(state);
        return { state, done: false, summary: null, held, partners: waiting() };
      }
      ctx.save(state);
    }
    worker.finish();
    sync();
    const summary = summarize(ctx, job, run, 'ok');
    if (state.notice) summary.note = state.notice;
    const broken = job.hashChain ? brokenRow(ctx, worker.finalTable()) : null;
    if (broken) summary.note = brokenChainNote((summary.chainBrokenAt = broken));
    state = {
      ...state,
      notice: undefined,
      run: null,
      lastRun: summary,
      watermark: nextWatermark(state.watermark, run),
      deletedWatermark: run.until,
      lastFullAt: run.incremental ? state.lastFullAt : run.startedAt,
      fullSize: run.incremental ? state.fullSize : (run.listed ?? null),
      createdMin: run.incremental ? state.createdMin : (run.createdMin ?? state.createdMin ?? null),
      reconcile: nextReconcile(job, state, run),
      lastSuccessAt: summary.finishedAt,
      consecutiveFailures: 0,
      tabRows: worker.tabRows(),
      exportsPending: hasAfterRun(job) || undefined,
    };
    ctx.save(state);
    const w = worker;
    return {
      state,
      done: true,
      summary,
      table: () => w.finalTable(),
      partners: partnersAfter(ctx, job, run, mine, w, { leader: state, summary }),
    };
  } catch (e) {
    sync();
    if (e instanceof BudgetSpentError) {
      // Planned: the request that would pass the budget was not sent, so nothing is half written.
      ctx.save(state);
      return { state, done: false, summary: null, paused: { until: e.resumeAt, message: e.message }, partners: waiting() };
    }
    const err = asSyncError(e);
    const summary = summarize(ctx, job, run, 'failed');
    summary.error = { code: err.code, message: err.message };
    // A run that wrote nothing is dropped, so the state is exactly as before; one with progress
    // (a page done, or rows written) keeps its checkpoint and resumes once the cause is fixed.
    const c = run.counts;
    const keep = c.pages > 0 || run.pageDone !== null || c.rowsAdded + c.rowsUpdated + c.rowsDeleted > 0;
    // A spent daily quota pauses the job; it is not a failure of the job's (no alert, no recovery mail).
    const failures = state.consecutiveFailures + (err.code === 'QUOTA' ? 0 : 1);
    state = { ...state, run: keep ? run : null, lastRun: summary, consecutiveFailures: failures };
    ctx.save(state);
    // Kept: the partners wait for the run to go on; dropped: each runs from its own state again.
    const after = partnersAfter(ctx, job, run, mine, worker, null).map((r) =>
      keep || r.summary ? r : { ...r, state: { ...r.state, withRun: null } },
    );
    return { state, done: true, summary, partners: after };
  }
}

/**
 * A run saved as finished whose copies were never written (the execution ended between the save
 * and the copies): the copies are made now, from the tab as it is, before any new run starts.
 */
export function pendingExports(ctx: SyncContext, job: Job, state: JobState): SliceResult | null {
  if (!state.exportsPending || state.run || state.lastRun?.status !== 'ok' || !hasAfterRun(job)) return null;
  const worker = new JobWorker(ctx, job, newCheckpoint(state.lastRun.runId, ctx.clock.now(), null), state, () => undefined);
  return { state, done: true, summary: { ...state.lastRun }, table: () => worker.liveTable() };
}

/**
 * Replace mode resuming mid-list, with rows staged but the staging tab gone (swapped in by an
 * execution whose last save failed, or deleted by the user): what was staged is lost, so the run
 * starts over rather than swap in a tab missing the rows staged before.
 */
function stagingLost(ctx: SyncContext, job: Job, run: RunCheckpoint): boolean {
  if (job.mode !== 'replace' || run.phase === 'finish') return false;
  const staged = run.counts.rowsAdded > 0 || run.pageDone !== null || run.counts.pages > 0;
  return staged && !ctx.workbook.sheet(stagingName(job.sheetName));
}

function startRun(ctx: SyncContext, job: Job, state: JobState, partners: Partner[]): RunCheckpoint {
  const now = ctx.clock.now();
  // A shared run starts where the member furthest behind is (reading more is harmless: writes are by key).
  const group = groupStart([state, ...partners.map((p) => p.state)]);
  const incremental =
    job.incremental &&
    job.mode !== 'replace' &&
    !group.full &&
    listedEntry(job).incremental.kind !== 'full' &&
    ![{ job, state }, ...partners].some((m) => wholeReconcileDue(m.job, m.state, now));
  if (job.mode === 'replace') {
    const staging = ctx.workbook.sheet(stagingName(job.sheetName));
    if (staging) ctx.workbook.deleteSheet(staging.name);
  }
  const run = newCheckpoint(ctx.newRunId(), now, incremental ? (group.watermark as number) - OVERLAP_MS : null);
  if (incremental) run.share = shareOf(job, state);
  if (partners.length) run.partners = Object.fromEntries(partners.map((p) => [p.job.id, emptyCounts()]));
  // Tombstones from the earliest point any member needs them (null: none does).
  const since = [{ job, state }, ...partners].map((m) => deletionsFrom(ctx, m.job, m.state, now)).filter((x): x is number => x !== null);
  if (since.length) run.deletionsSince = Math.min(...since);
  return run;
}

/**
 * Where a job's tombstones start: after its last finished run; or, with rows in its tab left by a
 * run that never finished (they may belong to candidates deleted since), from the start (upsert
 * only: an append history keeps what a run saw, and would log every old deletion).
 */
function deletionsFrom(ctx: SyncContext, job: Job, state: JobState, now: number): number | null {
  const deletions = listedEntry(job).deletions;
  if (!deletions) return null;
  if (state.deletedWatermark !== null) return state.deletedWatermark;
  if (job.mode !== 'upsert' || (ctx.workbook.sheet(job.sheetName)?.lastRow() ?? 0) <= 1) return null;
  return deletions.maxWindowMs ? now - deletions.maxWindowMs + OVERLAP_MS : 0;
}

/** Each partner's state and, when its part of the run ended (the run finished, or its tab failed), its summary. */
function partnersAfter(
  ctx: SyncContext,
  job: Job,
  run: RunCheckpoint,
  partners: Partner[],
  worker: JobWorker | null,
  finished: { leader: JobState; summary: RunSummary } | null,
): PartnerResult[] {
  return partners.map((m): PartnerResult => {
    const p = { ...m, before: m.state };
    const failure = worker?.partnerFailures.get(p.job.id);
    if (failure !== undefined) {
      const err = asSyncError(failure);
      const summary = { ...summarize(ctx, p.job, run, 'failed'), error: { code: err.code, message: err.message } };
      summary.counts = { ...summary.counts, requests: 0, retries: 0, rateLimited: 0 };
      const state = {
        ...p.state,
        withRun: null,
        lastRun: summary,
        lastAttemptAt: run.startedAt,
        consecutiveFailures: p.state.consecutiveFailures + 1,
      };
      return { ...p, state, summary };
    }
    if (!finished) return { ...p, state: { ...p.state, withRun: { leader: job.id, runId: run.runId } }, summary: null };
    const state = partnerFinished(p.job, p.state, finished.leader, run, finished.summary, worker!.partnerRows(p.job.id));
    return { ...p, state, summary: state.lastRun, table: () => worker!.partnerTable(p.job.id) };
  });
}

/** Each run of a hash-chained tab checks the whole chain once the rows are in. */
function brokenRow(ctx: SyncContext, table: CellValue[][]): number | null {
  const at = (table[0] ?? []).indexOf(SYSTEM.rowHash.header);
  return at < 0 ? null : firstBrokenRow(ctx.crypto, table, at);
}

function summarize(ctx: SyncContext, job: Job, run: RunCheckpoint, status: RunSummary['status']): RunSummary {
  const finishedAt = ctx.clock.now();
  const summary: RunSummary = {
    runId: run.runId,
    jobId: job.id,
    jobName: job.name,
    status,
    incremental: run.incremental,
    startedAt: run.startedAt,
    finishedAt,
    durationMs: finishedAt - run.startedAt,
    counts: { ...run.counts },
  };
  return summary;
}

/**
 * The watermark after a completed run: the highest updatedAt seen (Lever's clock, not ours), but
 * never past the run's start. A full run also sees records changed while it ran, and one of those
 * may have been skipped by pagination drift; capping at the start makes the next run re-read them.
 */
export function nextWatermark(previous: number | null, run: Pick<RunCheckpoint, 'maxSeen' | 'until' | 'incremental'>): number | null {
  if (run.incremental) return maxOf(previous, run.maxSeen === null ? null : Math.min(run.maxSeen, run.until));
  return Math.min(run.maxSeen ?? run.until, run.until);
}
