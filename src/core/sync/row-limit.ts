import type { Job, Schedule } from '../jobs/types';
import { isDue, type Zoner } from '../jobs/schedule';
import type { RunCounts } from '../../shared/run';
import type { RunCheckpoint } from './state';

/**
 * maxRowsPerRun: a run stops once it has written that many rows (at the end of the page that got
 * there: a page is never cut), keeps its checkpoint, and goes on at the next scheduled run.
 */

export function rowsWritten(c: RunCounts): number {
  return c.rowsAdded + c.rowsUpdated + c.rowsDeleted;
}

/** A held run taken up again: its new part counts rows from here. */
export function resumeHeld(run: RunCheckpoint): void {
  if (!run.held) return;
  run.held = null;
  run.partFrom = rowsWritten(run.counts);
}

export function limitReached(job: Job, run: RunCheckpoint): boolean {
  return !!job.maxRowsPerRun && run.phase !== 'finish' && rowsWritten(run.counts) - (run.partFrom ?? 0) >= job.maxRowsPerRun;
}

/** Rows this part may still write (Infinity without a limit). */
export function rowsLeft(job: Job, run: RunCheckpoint): number {
  return job.maxRowsPerRun ? Math.max(0, job.maxRowsPerRun - (rowsWritten(run.counts) - (run.partFrom ?? 0))) : Infinity;
}

/** What the Sync log and the sidebar say of a part that stopped at the limit. */
export function heldNote(job: Job, run: RunCheckpoint): string {
  const part = rowsWritten(run.counts) - (run.partFrom ?? 0);
  const next = job.schedule.every === 'manual' ? 'the next Run now' : 'the next scheduled run';
  return `Stopped after ${part.toLocaleString('en-US')} rows, this job's limit per run (maxRowsPerRun ${job.maxRowsPerRun!.toLocaleString('en-US')}); the rest continues at ${next}, from where this part stopped.`;
}

/**
 * Whether a held run goes on now: at the schedule's next slot after it stopped (a run scheduled
 * once goes on at the next hourly turn; a manual job at the next Run now).
 */
export function heldDue(job: Job, heldAt: number, now: number, zone: Zoner): boolean {
  const schedule: Schedule = job.schedule.every === 'once' ? { every: 'hour' } : job.schedule;
  return isDue(schedule, heldAt, now, zone);
}
