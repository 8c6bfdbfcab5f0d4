import { CATALOG } from '../catalog/objects';
import type { Job } from '../jobs/types';
import { listedEntry } from '../sync/source';
import type { JobState, RunCheckpoint } from '../sync/state';
import type { RunProgress } from '../../shared/rpc';
import { objectNoun } from './key-check';
import type { Platform } from './platform';
import { savedEstimate } from './plan';

/**
 * What to measure a full run against: the last full run's count; for candidates, the quota
 * plan's sample; for a list written as it is, the rows the tab held. A filter makes the sample
 * and the tab poor guides to what is listed, but a rough bar beats none on a first sync.
 */
function expectedTotal(p: Platform, job: Job, state: JobState): number | null {
  if (state.fullSize) return state.fullSize;
  const listed = listedEntry(job);
  if (listed.name === 'opportunities') {
    const sampled = savedEstimate(p);
    if (sampled) return sampled;
  }
  return CATALOG[job.object].source.kind === 'list' && state.tabRows ? state.tabRows : null;
}

/** How far this run is, in figures the sidebar turns into words. */
export function runProgress(p: Platform, job: Job, state: JobState, run: RunCheckpoint): RunProgress {
  const listed = listedEntry(job);
  const child = CATALOG[job.object].source.kind === 'list' ? null : objectNoun(job.object);
  return {
    phase: run.phase,
    listedNoun: objectNoun(listed.name),
    childNoun: child,
    listed: (run.listed ?? 0) + (run.pageDone?.count ?? 0),
    total: run.incremental ? null : expectedTotal(p, job, state),
    incremental: run.incremental,
  };
}
