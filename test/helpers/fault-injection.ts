/**
 * Running one round of a scenario in a twin: the faults of a plan armed on the twin's Lever
 * sandbox and Apps Script services, then the job run the way the scenario says (sidebar slices or
 * the hourly trigger) until a run ends ok, as a user or the schedule would keep trying.
 */
import type { LocalWorld } from '../../src/cli/local-world';
import { LEASE_KEY } from '../../src/core/store/schema';
import { userEdits } from '../../src/host/user-edits';
import type { Job, SliceProgress } from '../../src/shared/rpc';
import { documentStore } from './world';
import type { FaultPlan, Scenario } from './scenarios';

const HOUR = 3600_000;
export const TAB = 'Data';
/** The partner job's tab (Scenario.partner). */
export const TAB2 = 'Roster';

/** What happens in Lever while a run pages (the same events in both twins). */
export type Moves = () => void;

/** The job's last run ended ok after `since`, its copies are written, and no run is in progress. */
function finishedOk(w: LocalWorld, job: Job, since: number): boolean {
  const state = JSON.parse(documentStore(w).get(`state:${job.id}`) ?? '{}');
  return state.run === null && !state.exportsPending && state.lastRun?.status === 'ok' && state.lastRun.finishedAt >= since;
}

/** One attempt: a sidebar slice, or an hour of the trigger. Returns whether a run just failed. */
function attempt(w: LocalWorld, job: Job, path: Scenario['path']): boolean {
  if (path === 'trigger') {
    w.clock.advance(HOUR);
    w.host.fireDueTriggers();
    const state = JSON.parse(documentStore(w).get(`state:${job.id}`) ?? '{}');
    return state.lastRun?.status === 'failed';
  }
  const res = w.host.execute<SliceProgress>('runJobSlice', [job.id]);
  if (res.killed)
    w.clock.advance(7 * 60_000); // the killed execution's lease runs out
  else if (!res.ok) w.clock.advance(/Another sync is running/.test(res.error ?? '') ? 60_000 : HOUR);
  else if (res.value!.done && res.value!.status !== 'ok') {
    w.clock.advance(HOUR);
    return true;
  }
  return false;
}

/** Runs the job until a run ends ok; `moves` may happen mid-run (or after, if no run paged long enough). */
export function runRound(
  w: LocalWorld,
  jobs: Job[],
  s: Scenario,
  plan: FaultPlan | null,
  moves: Moves | null,
): { attempts: number; fired: number } {
  const start = w.clock.now();
  const armed = plan ? arm(w, plan, s.csv, moves) : null;
  let moved = false;
  try {
    for (let n = 1; n <= 150; n++) {
      if (attempt(w, jobs[0], s.path)) armed?.relieve();
      moved ||= armed?.moved() ?? false;
      if (jobs.every((job) => finishedOk(w, job, start))) {
        if (moves && !moved) moves();
        return { attempts: n, fired: armed?.fired() ?? 0 };
      }
    }
    throw new Error(`the ${plan ? 'faulty' : 'clean'} twin never finished: ${w.host.logs.slice(-5).join(' | ')}`);
  } finally {
    armed?.disarm();
  }
}

function arm(w: LocalWorld, plan: FaultPlan, csv: boolean, moves: Moves | null) {
  const ss = w.host.spreadsheet;
  const n0 = w.sandbox.log.length;
  w.sandbox.injectFaults(plan.lever.map((f) => ({ kind: f.kind, from: n0 + f.after, count: f.count, delayMs: 20_000 })));
  if (plan.contention)
    ss.metadata.add(LEASE_KEY, JSON.stringify({ holder: 'another-editor', until: w.clock.now() + 3 * 60_000 }), 'PROJECT');
  const filler = plan.mailSpent
    ? Array.from({ length: 100 }, () => ({ to: 'x@example.com', from: w.host.user().email, subject: 'filler', body: '', at: 0 }))
    : [];
  w.host.outbox.push(...filler);
  let calls = 0;
  let checkpoints = 0;
  let moved = false;
  ss.onCall = (method) => {
    calls++;
    if (plan.killAt.includes(calls)) w.clock.killAtNextCall();
    if (plan.sheetsFailAt.includes(calls))
      throw new Error(`Exception: Service Spreadsheets failed while accessing document with id ${ss.id}.`);
    if (method !== 'DeveloperMetadata.setValue') return;
    checkpoints++;
    const tab = ss.tab(TAB);
    if (checkpoints === plan.sortAtCheckpoint && tab) {
      userEdits.sortRows(tab, (a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      userEdits.insertRows(tab, tab.lastRow() + 1, 3); // and adds rows at the bottom: the grid grows
    }
    if (checkpoints === plan.moveAtCheckpoint && moves && !moved) {
      moved = true;
      moves();
    }
  };
  const props = w.host.userProps as unknown as Record<string, (...a: unknown[]) => unknown>;
  let propCalls = 0;
  const methods = ['getProperty', 'getProperties', 'setProperty', 'deleteProperty'];
  for (const m of methods) {
    const real = props[m].bind(props);
    props[m] = (...a: unknown[]) => {
      if (plan.propsFailAt.includes(++propCalls)) throw new Error('Exception: Service error: Properties');
      return real(...a);
    };
  }
  if (plan.driveFails) w.host.drive.failing = true;
  if (plan.quotaAfter !== null) w.host.urlFetch.exhaustAfter(plan.quotaAfter);
  const fetches = w.host.urlFetch.calls;
  const relieve = () => {
    w.host.drive.failing = false;
    w.host.urlFetch.dailyQuota = 20_000;
  };
  return {
    relieve,
    moved: () => moved,
    /** The faults that hit something: a Lever fault past the round's last request never did. */
    fired: () =>
      plan.lever.reduce((n, f) => n + Math.min(f.count, Math.max(0, w.sandbox.log.length - n0 - f.after + 1)), 0) +
      [...plan.killAt, ...plan.sheetsFailAt].filter((c) => c <= calls).length +
      plan.propsFailAt.filter((c) => c <= propCalls).length +
      [plan.sortAtCheckpoint, plan.moveAtCheckpoint].filter((c) => c !== null && checkpoints >= c).length +
      Number(plan.driveFails && csv) +
      Number(plan.quotaAfter !== null && w.host.urlFetch.calls - fetches > plan.quotaAfter) +
      Number(plan.contention) +
      Number(plan.mailSpent),
    disarm: () => {
      relieve();
      ss.onCall = null;
      w.sandbox.faults.clear();
      w.clock.cancelKill();
      for (const m of methods) delete props[m];
      for (const f of filler) w.host.outbox.splice(w.host.outbox.indexOf(f), 1);
    },
  };
}
