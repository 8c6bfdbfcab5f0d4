import { CATALOG } from '../catalog/objects';
import type { Job } from '../jobs/types';
import { talliesOf } from './tallies';
import { emptyCounts, maxOf, type JobState, type RunCheckpoint, type RunSummary } from './state';

/**
 * Jobs that need the same children of the same candidates (two interviews tabs with different
 * columns, say) share one run: it lists the candidates and fetches each one's children once, and
 * writes every partner's tab from them. Without this, each job pays for the whole fan-out.
 */

/** What must match for two jobs to share a fan-out (what they fetch and when), or null. */
export function shareKey(job: Job): string | null {
  if (CATALOG[job.object].source.kind !== 'child' || job.mode !== 'upsert' || !job.enabled) return null;
  return JSON.stringify([job.object, job.filters, job.incremental, job.reconcile, job.schedule.every, job.savedBy, talliesOf(job)]);
}

/** Whether a job may start a run now, alone or in a group (one served by a run in progress is not asked). */
function free(state: JobState): boolean {
  return !state.run && !state.exportsPending;
}

/**
 * Among jobs about to start, those that share a fan-out: the first of each kind leads, with the
 * others as partners. Jobs with a run of their own in progress are left to finish it alone.
 */
export function planGroups(jobs: Job[], states: Map<string, JobState>): Map<string, Job[]> {
  const groups = new Map<string, Job[]>();
  const leaders = new Map<string, string>();
  for (const job of jobs) {
    const key = shareKey(job);
    if (!key || !free(states.get(job.id)!)) continue;
    const leader = leaders.get(key);
    if (leader === undefined) {
      leaders.set(key, job.id);
      groups.set(job.id, []);
    } else groups.get(leader)!.push(job);
  }
  for (const [leader, partners] of groups) if (partners.length === 0) groups.delete(leader);
  return groups;
}

/** The earliest of the members' positions, so the shared run reads what any of them still needs. */
export function groupStart(states: JobState[]): { watermark: number | null; deletedWatermark: number | null; full: boolean } {
  const marks = states.map((s) => s.watermark);
  const deleted = states.map((s) => s.deletedWatermark);
  const least = (xs: Array<number | null>) => (xs.some((x) => x === null) ? null : Math.min(...(xs as number[])));
  return { watermark: least(marks), deletedWatermark: least(deleted), full: marks.some((m) => m === null) };
}

/** A partner's state once the shared run is through: where the leader is now, with its own counts. */
export function partnerFinished(
  partner: Job,
  before: JobState,
  leader: JobState,
  run: RunCheckpoint,
  summary: RunSummary,
  tabRows: number,
): JobState {
  const counts = run.partners?.[partner.id] ?? emptyCounts();
  return {
    ...before,
    withRun: null,
    run: null,
    notice: undefined,
    lastRun: {
      ...summary,
      jobId: partner.id,
      jobName: partner.name,
      counts: { ...summary.counts, ...counts, requests: 0, retries: 0, rateLimited: 0 },
    },
    watermark: leader.watermark,
    deletedWatermark: leader.deletedWatermark,
    lastFullAt: leader.lastFullAt,
    fullSize: leader.fullSize,
    lastSuccessAt: leader.lastSuccessAt,
    lastAttemptAt: maxOf(before.lastAttemptAt, run.startedAt),
    consecutiveFailures: 0,
    createdMin: leader.createdMin,
    reconcile: leader.reconcile,
    tabRows,
    exportsPending: partner.exports.length > 0 || undefined,
  };
}
