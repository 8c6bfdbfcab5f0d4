import { asSyncError, InternalError } from '../errors';
import { deliverExport, type ExportResult } from '../export/deliver';
import type { Column, Job } from '../jobs/types';
import type { SliceResult } from '../sync/engine';
import { saveState, type JobState } from '../sync/state';
import { userMessage } from './connection';
import type { Platform } from './platform';
import { customColumnStore } from './jobs-store';
import { jobColumns } from '../jobs/columns';
import type { CellValue } from '../ports';
import { drawDashboard } from './dashboard';
import type { ExtraSheet } from '../export/encode';
import { destinationFor } from './destinations';
import { jobRetryPolicy, retrying } from '../lever/retry';
import { hasAfterRun } from '../jobs/dashboard';
import { splitParts, writeSplitTabs, type SplitPart } from './split';
import { mirrorResumes } from './resumes';

/**
 * After a successful run: a dashboard job's summary tab, then each of the job's exports of the
 * finished tab. The sync itself is done by then (rows written, watermark moved), so a failed copy
 * loses nothing: the run is reported failed, the schedule tries again at the next hourly turn, and
 * that run writes the copy.
 */
export function deliverExports(p: Platform, job: Job, before: JobState, result: SliceResult): SliceResult {
  const summary = result.summary;
  if (!summary || summary.status !== 'ok' || !result.table || !hasAfterRun(job)) return result;
  const delivered: ExportResult[] = [];
  let state = result.state;
  let current: { format: string; to: string } = job.exports[0] ?? { format: 'dashboard', to: 'its tab' };
  const notes: string[] = [];
  try {
    const finished = finishedTable(p, job, result.table(), summary.runId, state.watermark);
    const { columns, same, run } = finished;
    const { dashboard, parts, table } = tabsAfterRun(p, job, finished, notes, (step) => (current = step));
    const looks = same ? { columns, zone: p.zone, extraSheets: dashboard ? [dashboard] : [] } : undefined;
    // A split into files: each copy once per value, named after the value's tab (a plain dash: file names stay ASCII-safe).
    const targets =
      job.splitBy && job.splitBy.into !== 'tabs'
        ? parts.map((part) => ({ job: { ...job, sheetName: part.name.replace(' – ', ' - ') }, table: part.table }))
        : [{ job, table }];
    for (const exp of job.exports) {
      current = exp;
      const ctx = { destination: destinationFor(p, exp), crypto: p.crypto, clock: p.clock };
      // Passing errors of the destination are tried again as the job's retry policy says.
      const deliver = (t: (typeof targets)[number]) => deliverExport(ctx, t.job, exp, t.table, looks, run);
      for (const t of targets)
        delivered.push(
          retrying(
            () => deliver(t),
            jobRetryPolicy(job.retry),
            (ms) => p.clock.sleep(ms),
          ),
        );
    }
    if (notes.length) summary.note = [summary.note, ...notes].filter(Boolean).join(' ');
    summary.exports = delivered;
    state = { ...state, lastRun: summary, exportsPending: undefined };
  } catch (e) {
    const err = asSyncError(e);
    summary.exports = delivered;
    summary.status = 'failed';
    summary.error = { code: err.code, message: afterRunFailure(current, userMessage(p, err)) };
    state = {
      ...state,
      lastRun: summary,
      lastSuccessAt: before.lastSuccessAt,
      consecutiveFailures: before.consecutiveFailures + 1,
      // The next run writes the copies again (its own rows and all).
      exportsPending: undefined,
    };
  }
  saveState(p.jobStore(job.sheetName), job.id, state);
  return { ...result, state };
}

/** The tabs a run makes from the finished one before the copies: the dashboard's summary, the split's tabs. */
function tabsAfterRun(
  p: Platform,
  job: Job,
  finished: { table: CellValue[][]; columns: Column[]; same: boolean },
  notes: string[],
  step: (s: { format: string; to: string }) => void,
): { dashboard: ExtraSheet | null; parts: SplitPart[]; table: CellValue[][] } {
  const { columns, same } = finished;
  let table = finished.table;
  // Resumes first: their links are in the split tabs and the copies.
  if (job.resumes) {
    step({ format: 'resumes', to: 'the resume copy' });
    const mirrored = mirrorResumes(p, job, table, columns);
    notes.push(mirrored.note);
    table = mirrored.table;
  }
  let dashboard = null;
  if (job.dashboard) {
    step({ format: 'dashboard', to: `the tab "${job.dashboard.sheetName}"` });
    if (!same) throw new InternalError('the tab’s columns changed while the run ended; the next run draws the dashboard');
    dashboard = drawDashboard(p, job, table, columns);
  }
  let parts: SplitPart[] = [];
  if (job.splitBy) {
    step({ format: 'split', to: `its tabs per ${job.splitBy.by}` });
    parts = splitTabs(p, job, table, columns, same, notes);
  }
  return { dashboard, parts, table };
}

/** What failed after the rows were in: the dashboard, the split tabs, or a copy. */
function afterRunFailure(step: { format: string; to: string }, why: string): string {
  if (step.format === 'dashboard') return `The rows are in the sheet, but the dashboard on ${step.to} could not be drawn: ${why}`;
  if (step.format === 'split') return `The rows are in the sheet, but ${step.to} could not be written: ${why}`;
  if (step.format === 'resumes') return `The rows are in the sheet, but the resumes could not be mirrored: ${why}`;
  return `The rows are in the sheet, but the ${step.format} copy to ${step.to} failed: ${why}`;
}

/** A split job's value tabs, written from the finished tab (its columns must be the job's). */
function splitTabs(p: Platform, job: Job, table: CellValue[][], columns: Column[], same: boolean, notes: string[]): SplitPart[] {
  if (!same) throw new InternalError('the tab’s columns changed while the run ended; the next run writes the split');
  const parts = splitParts(job, table, columns);
  if (job.splitBy!.into !== 'files') notes.push(...writeSplitTabs(p, job, parts, columns));
  return parts;
}

/**
 * The finished tab as the copies take it, without blank rows the user left amid the data (a copy
 * for BI tools has none); its columns, when they are the job's, for formats and widths; and what
 * each manifest says of the run: its id, where Lever was read up to, the columns and their types.
 */
function finishedTable(p: Platform, job: Job, raw: CellValue[][], runId: string, watermark: number | null) {
  const table = raw.filter((row, i) => i === 0 || row.some((v) => v !== null && v !== undefined && v !== ''));
  const columns = jobColumns(job, customColumnStore(p, job).load());
  const same = columns.length === table[0].length && columns.every((c, i) => c.header === table[0][i]);
  const types = same
    ? columns.map((c) => ({ name: c.header, type: c.type as string }))
    : table[0].map((h) => ({ name: String(h), type: 'text' }));
  const ownColumns = columns.map((c) => ({ name: c.header, type: c.type as string }));
  return { table, columns, same, run: { runId, watermark, columns: types, jobColumns: ownColumns } };
}
