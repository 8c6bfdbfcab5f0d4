import { rereadsCandidates } from '../jobs/columns';
import type { Job } from '../jobs/types';
import { OVERLAP_MS, type JobState, type RunCheckpoint } from './state';

/**
 * Child objects change without touching their candidate (edited feedback, say), so a child job
 * re-reads every candidate's children once per reconcile period. Read all at once, that is a
 * request per candidate in one burst (20,000 on a big account: more than a personal Google
 * account's day, and the job stale until it is through). So where the schedule allows, it
 * rotates: the candidates are cut into shares by creation time, and each incremental run re-reads
 * one share after its own changes; a cycle of shares takes the reconcile period. Tally columns
 * (interviews, scorecards per candidate) are re-read the same way, for the same reason.
 */

const HOUR = 3600_000;
const RECONCILE_MS = { never: Infinity, daily: 24 * HOUR, weekly: 7 * 24 * HOUR } as const;
const RUN_EVERY_MS = { hour: HOUR, day: 24 * HOUR, week: 7 * 24 * HOUR, manual: 0, once: 0 } as const;

/** Shares a reconcile period is cut into for this job (below 2: no rotation, a whole re-read). */
export function reconcileShares(job: Job): number {
  if (!rereadsCandidates(job) || job.reconcile === 'never' || job.mode !== 'upsert') return 0;
  const every = RUN_EVERY_MS[job.schedule.every];
  return every > 0 ? Math.floor(RECONCILE_MS[job.reconcile] / every) : 0;
}

/** Whether the next run re-reads every candidate's children (a whole reconcile, without rotation). */
export function wholeReconcileDue(job: Job, state: JobState, now: number): boolean {
  if (!rereadsCandidates(job) || state.lastFullAt === null) return false;
  if (reconcileShares(job) >= 2 && state.reconcile) return false;
  return now - state.lastFullAt >= RECONCILE_MS[job.reconcile] - OVERLAP_MS;
}

/** The creation-time slice an incremental run re-reads, or null. */
export function shareOf(job: Job, state: JobState): RunCheckpoint['share'] {
  const r = state.reconcile;
  if (!r || reconcileShares(job) < 2) return null;
  const width = (r.upTo - r.from) / r.shares;
  const k = Math.min(r.next, r.shares - 1);
  // The first share is open below (candidates imported with an older date), the last ends at the cycle's start.
  return {
    from: k === 0 ? null : Math.floor(r.from + k * width),
    to: k === r.shares - 1 ? r.upTo : Math.floor(r.from + (k + 1) * width) - 1,
  };
}

/** The rotation after a finished run: a full run starts a cycle; a run that read its share moves on. */
export function nextReconcile(job: Job, state: JobState, run: RunCheckpoint): JobState['reconcile'] {
  const shares = reconcileShares(job);
  const from = run.incremental ? state.createdMin : (run.createdMin ?? state.createdMin);
  if (shares < 2 || from === null || from === undefined) return null;
  const cycle = { upTo: run.startedAt, from: Math.min(from, run.startedAt), shares, next: 0 };
  if (!run.incremental || !state.reconcile) return cycle;
  if (!run.share) return state.reconcile;
  const next = state.reconcile.next + 1;
  return next >= state.reconcile.shares ? cycle : { ...state.reconcile, next };
}
