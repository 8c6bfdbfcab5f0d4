import { BusyError, asSyncError } from '../errors';
import { isDue } from '../jobs/schedule';
import type { Job } from '../jobs/types';
import type { CustomColumn } from '../catalog/custom';
import type { CustomColumnStore } from '../sync/custom-columns';
import { runSlice, stagingName, type SliceResult } from '../sync/engine';
import { appendRunLog } from '../sync/run-log';
import { emptyCounts, loadState, saveState, type JobState, type RunSummary } from '../sync/state';
import type { SliceProgress } from '../../shared/rpc';
import { leverClient, userMessage } from './connection';
import { getJob, listJobs } from './jobs-store';
import { BUDGET, type Platform } from './platform';

export const DISPATCHER = 'runScheduledSyncs';
/** A failed scheduled job is tried again at most this often. */
const RETRY_GAP_MS = 50 * 60_000;

const SALT_KEY = 'privacy.salt';

/** A job's custom-field columns, one JSON document property. */
export function customColumnStore(p: Platform, jobId: string): CustomColumnStore {
  const key = `columns:${jobId}`;
  return {
    load: () => JSON.parse(p.docStore.get(key) ?? '[]') as CustomColumn[],
    save: (cols) => p.docStore.set(key, JSON.stringify(cols)),
  };
}

/** The spreadsheet's secret for hashing personal data: made once, kept in document properties. */
export function privacySalt(p: Platform): string {
  let salt = p.docStore.get(SALT_KEY);
  if (!salt) {
    salt = `${p.newId()}${p.newId()}`;
    p.docStore.set(SALT_KEY, salt);
  }
  return salt;
}

/** Holds the document lock around `work`, releasing it whatever happens. */
export function withDocumentLock<T>(p: Platform, work: () => T): T {
  if (!p.lock.tryLock(BUDGET.lockWaitMs)) {
    throw new BusyError('Another sync is running in this spreadsheet right now. Try again in a minute.');
  }
  try {
    return work();
  } finally {
    p.workbook.flush();
    p.lock.release();
  }
}

/** Runs one slice of one job with the given deadline; logs and alerts when the run ends. */
export function sliceJob(p: Platform, job: Job, deadline: number): SliceResult {
  const before = loadState(p.docStore, job.id);
  let result: SliceResult;
  try {
    result = runSlice(
      {
        client: leverClient(p),
        clock: p.clock,
        workbook: p.workbook,
        crypto: p.crypto,
        files: job.mirror ? p.files() : null,
        cache: p.cache,
        deadline,
        save: (s) => saveState(p.docStore, job.id, s),
        newRunId: p.newId,
        salt: privacySalt(p),
        customColumns: customColumnStore(p, job.id),
      },
      job,
      before,
    );
  } catch (e) {
    // Failing before the run could start (no key, Drive refused): record it, change nothing else.
    const err = asSyncError(e);
    const now = p.clock.now();
    const summary: RunSummary = {
      runId: p.newId(), jobId: job.id, jobName: job.name, status: 'failed', incremental: false,
      startedAt: now, finishedAt: now, durationMs: 0,
      counts: emptyCounts(),
      error: { code: err.code, message: userMessage(p, err) },
    };
    const state: JobState = { ...before, lastRun: summary, lastAttemptAt: now, consecutiveFailures: before.consecutiveFailures + 1 };
    saveState(p.docStore, job.id, state);
    result = { state, done: true, summary };
  }
  if (result.summary) {
    if (result.summary.error) result.summary.error.message = userMessage(p, result.summary.error.message);
    try {
      appendRunLog(p.workbook, result.summary);
    } catch (e) {
      // A full spreadsheet must not hide the run's own result; the state holds it too.
      p.log(`Could not write the Sync log: ${userMessage(p, e)}`);
    }
    alertOnChange(p, job, before, result.summary);
  }
  return result;
}

/**
 * Mails the user when a job starts failing and when it recovers; never every hour. An alert is a
 * courtesy: whatever goes wrong here (no email scope, mail quota, the lookup of the address) is
 * logged and never stops the sync or the other jobs.
 */
function alertOnChange(p: Platform, job: Job, before: JobState, summary: RunSummary): void {
  const failedBefore = before.consecutiveFailures > 0;
  const failedNow = summary.status === 'failed';
  if (failedBefore === failedNow) return;
  try {
    const to = p.userEmail();
    if (!to || p.mail.remainingQuota() < 1) return;
    const subject = failedNow ? `Lever sync failed: ${job.name}` : `Lever sync recovered: ${job.name}`;
    const body = failedNow
      ? `The sync "${job.name}" (tab "${job.sheetName}") failed:\n\n${summary.error?.message ?? ''}\n\nThe sheet keeps its last good data. Open Extensions → Lever Sync to see the run log. You will get one more email when it works again.`
      : `The sync "${job.name}" (tab "${job.sheetName}") works again: ${summary.counts.records} records read.`;
    p.mail.send(to, subject, body);
  } catch (e) {
    p.log(`Could not send the alert email: ${userMessage(p, e)}`);
  }
}

export function progressOf(jobId: string, result: SliceResult): SliceProgress {
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
  };
}

/** The sidebar's "Run now": one short slice; the sidebar calls again until `done`. */
export function runJobSlice(p: Platform, id: string): SliceProgress {
  return withDocumentLock(p, () => {
    const job = getJob(p.docStore, id);
    return progressOf(id, sliceJob(p, job, p.clock.now() + BUDGET.sidebarMs));
  });
}

/** Drops a run in progress; what it already wrote stays, the watermark does not move. */
export function cancelRun(p: Platform, id: string): boolean {
  return withDocumentLock(p, () => {
    const job = getJob(p.docStore, id);
    const state = loadState(p.docStore, id);
    if (!state.run) return false;
    saveState(p.docStore, id, { ...state, run: null });
    // Replace mode's half-built staging tab is of no use once the run is dropped.
    if (job.mode === 'replace' && p.workbook.sheet(stagingName(job.sheetName))) p.workbook.deleteSheet(stagingName(job.sheetName));
    return true;
  });
}

/**
 * The hourly trigger: resumes runs in progress first, then starts due jobs, until the time budget
 * is spent. Whatever is left continues at the next tick.
 */
export function runScheduledSyncs(p: Platform): { ran: string[]; skipped: string[] } {
  const start = p.clock.now();
  const deadline = start + BUDGET.triggerMs;
  const ran: string[] = [];
  const skipped: string[] = [];
  try {
    withDocumentLock(p, () => {
      const jobs = listJobs(p.docStore).filter((j) => j.enabled);
      const states = new Map(jobs.map((j) => [j.id, loadState(p.docStore, j.id)]));
      const wanted = jobs.filter((j) => {
        const s = states.get(j.id) as JobState;
        if (s.run) return true;
        if (!isDue(j.schedule, s.lastSuccessAt ?? j.createdAt, p.clock.now(), p.zone)) return false;
        return s.lastAttemptAt === null || p.clock.now() - s.lastAttemptAt >= RETRY_GAP_MS;
      });
      wanted.sort((a, b) => Number(!!states.get(b.id)?.run) - Number(!!states.get(a.id)?.run));
      for (const job of wanted) {
        if (p.clock.now() >= deadline) {
          skipped.push(job.id);
          continue;
        }
        ran.push(job.id);
        sliceJob(p, job, deadline);
      }
    });
  } catch (e) {
    if (e instanceof BusyError) p.log('Skipped: another sync holds the document lock.');
    else throw e;
  }
  return { ran, skipped };
}
