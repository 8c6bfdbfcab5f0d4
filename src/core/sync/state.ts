import type { StorePort } from '../ports';
import { JOB_KEYS, VALUE_MAX_BYTES } from '../store/schema';
import type { RunCounts, RunStatus } from '../../shared/run';

export type { RunCounts, RunStatus };
import { utf8Length } from '../util/utf8';
import { ConfigError } from '../errors';

/** Records changed just before the watermark may still be settling in Lever's index: re-read them. */
export const OVERLAP_MS = 10 * 60 * 1000;

export function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/** 'share': after an incremental run's records, a child job re-reads one share of all candidates (the rotating reconcile). */
export type RunPhase = 'records' | 'share' | 'deletions' | 'finish';

/** A run in progress: everything needed to resume it in a later execution. */
export interface RunCheckpoint {
  runId: string;
  startedAt: number;
  incremental: boolean;
  /** updated_at_start of this run (null on a full run). */
  since: number | null;
  /** updated_at_end and deleted_at_end, fixed at the start so saved offset tokens stay valid. */
  until: number;
  phase: RunPhase;
  /** Lever's `next` token for the list of the current phase (null = from the start). */
  offset: string | null;
  /** Within the current page: parents already done, and the id of the last one (to detect a page that changed). */
  pageDone: { count: number; lastId: string } | null;
  /**
   * The part of the list being read (inclusive bounds on the catalog entry's window field), set
   * once a saved page token stopped working; absent = the whole list. Records before `from` are done.
   */
  window?: { from: number | null; to: number | null } | null;
  /** Lowest and highest window-field values among the records read in the current window. */
  span?: { min: number; max: number } | null;
  /**
   * Where the tombstones phase starts when no run has finished yet but the tab already holds rows
   * (written by a run that was dropped or cancelled): 0, every deletion Lever knows of.
   */
  deletionsSince?: number | null;
  /** Highest updatedAt seen so far; becomes the watermark only when the run completes. */
  maxSeen: number | null;
  /** The earliest creation time among the candidates a full run read (where reconcile shares start). */
  createdMin?: number | null;
  /** This run's share of the rotating reconcile: candidates created in [from, to] (inclusive; null = open). */
  share?: { from: number | null; to: number } | null;
  /**
   * Jobs of the same object and candidates whose tabs this run writes too (one fan-out feeds
   * them all: partners.ts), with what was written to each.
   */
  partners?: Record<string, RunCounts> | null;
  slices: number;
  /**
   * maxRowsPerRun: when this part of the run stopped at the limit (it goes on at the next
   * scheduled run), and the rows the run had written when the current part began.
   */
  held?: { at: number } | null;
  partFrom?: number;
  counts: RunCounts;
  /** Records of the listed object gone through in finished pages (candidates, for a fan-out): progress. */
  listed?: number;
}

export interface RunSummary {
  runId: string;
  /** What the log's Kind column says when it is not a sync run (the spreadsheet check). */
  kind?: string;
  jobId: string;
  jobName: string;
  status: RunStatus;
  incremental: boolean;
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  counts: RunCounts;
  error?: { code: string; message: string };
  /** Something the user should know about this run, though it went well (shown in the log). */
  note?: string;
  /** A hash-chained tab: the first row whose hash does not follow (the note says it in words). */
  chainBrokenAt?: number;
  /** The files written after the run (src/core/export). */
  exports?: Array<{ to: string; file: string; rows: number; bytes?: number; sha256: string }>;
}

export interface JobState {
  /** Max updatedAt of the last completed run (not the wall clock, per Lever's caveats). */
  watermark: number | null;
  /** deleted_at_end of the last completed run. */
  deletedWatermark: number | null;
  run: RunCheckpoint | null;
  lastRun: RunSummary | null;
  /** Start of the last completed full run (child objects are re-read whole every so often). */
  lastFullAt: number | null;
  /** Last successful run end, for schedules. */
  lastSuccessAt: number | null;
  /** Start of the last attempted run, for schedules. */
  lastAttemptAt: number | null;
  consecutiveFailures: number;
  /** Data rows the tab held after the last successful run (a tab emptied since must be rebuilt). */
  tabRows?: number;
  /** The last run finished but its copies (exports) are still to be written. */
  exportsPending?: boolean;
  /** Said in the log when the current run ends (why it is a full run, say). */
  notice?: string;
  /** Earliest creation time of a candidate, from the last full run. */
  createdMin?: number | null;
  /**
   * The rotating reconcile of a child job: the candidates created up to `upTo` (the cycle's start)
   * cut into `shares` slices of creation time, one re-read after each incremental run; `next` is
   * the slice the next run reads. A full cycle takes the reconcile period.
   */
  reconcile?: { upTo: number; from: number; shares: number; next: number } | null;
  /** Records of the listed object the last full run went through: how far a run is, in the sidebar. */
  fullSize?: number | null;
  /** This job's rows come from another job's run (a partner of it), until that run ends. */
  withRun?: { leader: string; runId: string } | null;
}

export function emptyCounts(): RunCounts {
  return { records: 0, confidential: 0, rowsAdded: 0, rowsUpdated: 0, rowsDeleted: 0, pages: 0, requests: 0, retries: 0, rateLimited: 0 };
}

/** A run at its start: the first page of its records, nothing counted yet. */
export function newCheckpoint(runId: string, now: number, since: number | null): RunCheckpoint {
  return {
    runId,
    startedAt: now,
    incremental: since !== null,
    since,
    until: now,
    phase: 'records',
    offset: null,
    pageDone: null,
    maxSeen: null,
    slices: 0,
    counts: emptyCounts(),
  };
}

export function emptyState(): JobState {
  return {
    watermark: null,
    deletedWatermark: null,
    lastFullAt: null,
    run: null,
    lastRun: null,
    lastSuccessAt: null,
    lastAttemptAt: null,
    consecutiveFailures: 0,
  };
}

const stateKey = JOB_KEYS.state;

export function loadState(store: StorePort, jobId: string): JobState {
  const raw = store.get(stateKey(jobId));
  return raw ? { ...emptyState(), ...(JSON.parse(raw) as Partial<JobState>) } : emptyState();
}

export function saveState(store: StorePort, jobId: string, state: JobState): void {
  const json = JSON.stringify(state);
  const bytes = utf8Length(json);
  if (bytes > VALUE_MAX_BYTES) {
    throw new ConfigError(
      'fields',
      `the sync state of this job has grown to ${bytes} bytes, more than the 9 KB Lever Sync keeps per job. Choose fewer fields or custom-field columns.`,
    );
  }
  store.set(stateKey(jobId), json);
}

export function deleteState(store: StorePort, jobId: string): void {
  store.delete(stateKey(jobId));
}
