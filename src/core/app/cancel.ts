import { appendRunLog } from '../sync/run-log';
import { stagingName } from '../sync/engine';
import { loadState, saveState, type RunSummary } from '../sync/state';
import { userMessage } from './connection';
import { getJob } from './jobs-store';
import { withDocumentLock } from './lease';
import type { Platform } from './platform';

/**
 * Drops a run in progress: what it already wrote stays, the watermark does not move, and the
 * next run starts over. Said in the Sync log; no alert (it was asked for).
 */
export function cancelRun(p: Platform, id: string): boolean {
  return withDocumentLock(p, () => {
    const job = getJob(p.docStore, id);
    const store = p.jobStore(job.sheetName);
    const state = loadState(store, id);
    const run = state.run;
    if (!run) return false;
    const now = p.clock.now();
    const summary: RunSummary = {
      runId: run.runId,
      jobId: job.id,
      jobName: job.name,
      status: 'cancelled',
      incremental: run.incremental,
      startedAt: run.startedAt,
      finishedAt: now,
      durationMs: now - run.startedAt,
      counts: { ...run.counts },
      note: 'Cancelled from the sidebar. The rows it wrote stay in the tab; the next run starts over.',
    };
    saveState(store, id, { ...state, run: null, lastRun: summary });
    // Replace mode's half-built staging tab is of no use once the run is dropped.
    if (job.mode === 'replace' && p.workbook.sheet(stagingName(job.sheetName))) p.workbook.deleteSheet(stagingName(job.sheetName));
    try {
      appendRunLog(p.workbook, summary);
    } catch (e) {
      p.log(`Could not write the Sync log: ${userMessage(p, e)}`);
    }
    return true;
  });
}
