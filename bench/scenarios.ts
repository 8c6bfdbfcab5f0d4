/** The benchmark's scenarios: each builds its world, runs, and returns what it measured. */
import { createLocalWorld, type LocalWorld } from '../src/cli/local-world';
import { SANDBOX_KEY } from '../src/sandbox/sandbox';
import type { Job, QuotaPlan, SidebarState } from '../src/shared/rpc';
import { DEFAULT_JOBS } from '../src/cli/default-jobs';
import { measure, runToEnd, type Measure } from './measure';

const HOUR = 3600_000;

export interface Result extends Measure {
  scenario: string;
  candidates: number;
  /** Anything else worth keeping (rows in the tab, changes made in Lever). */
  extra?: Record<string, number>;
}

function world(candidates: number, jitter: boolean): LocalWorld {
  const w = createLocalWorld({ sandbox: { seed: 1, opportunities: candidates, jitter }, chargeCpu: true });
  w.host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });
  return w;
}

const save = (w: LocalWorld, input: object) => w.host.call<Job>('saveJob', input);

/** A full opportunities sync into an empty tab, then an incremental one after activity touching ~2% of candidates. */
export function opportunities(candidates: number): Result[] {
  const w = world(candidates, true);
  const job = save(w, { object: 'opportunities', sheetName: 'Pipeline' });
  const full = measure(w, () => runToEnd(w, job));
  const t = w.clock.now();
  w.clock.advance(HOUR);
  // ~2% of candidates change: about 0.45 of activity events touch an existing candidate's row.
  const perHour = Math.max(1, Math.round((candidates * 0.02) / 0.8));
  const act = w.sandbox.activity.simulate(t, w.clock.now(), perHour);
  const inc = measure(w, () => runToEnd(w, job));
  const rows = w.host.spreadsheet.tab('Pipeline')!.lastRow() - 1;
  const changed = act.created + act.advanced + act.archived + act.notes + act.anonymized;
  return [
    { scenario: 'full opportunities sync', candidates, ...full, extra: { rows } },
    { scenario: 'incremental upsert, ~2% changed', candidates, ...inc, extra: { rows, changed } },
  ];
}

/**
 * Interviews for every candidate: the per-opportunity fan-out, paced under Lever's limit. On a
 * Workspace account: 20,000 candidates need more requests than a personal account's day allows,
 * and this measures speed, not the planner.
 */
export function fanOut(candidates: number, jitter: boolean): Result {
  const w = world(candidates, jitter);
  w.host.call('setAccountKind', 'workspace');
  w.host.user().useWorkspaceQuotas();
  const job = save(w, { object: 'interviews', sheetName: 'Interviews' });
  return { scenario: `interviews fan-out${jitter ? ' (jitter)' : ''}`, candidates, ...measure(w, () => runToEnd(w, job)) };
}

/**
 * Interviews jobs left to the hourly trigger (3.5-minute executions rather than the sidebar's
 * 40-second slices) on a Workspace account, until every job has synced.
 */
function byTrigger(candidates: number, jobs: object[]): Measure & { extra: { hours: number } } {
  const w = world(candidates, false);
  w.host.call('setAccountKind', 'workspace');
  w.host.user().useWorkspaceQuotas();
  for (const j of jobs) save(w, j);
  let hours = 0;
  const m = measure(w, () => {
    while (!allSynced(w) && hours < 24 * 5) {
      w.host.runHours(1);
      hours++;
    }
    return { slices: hours, records: 0, retries: 0 };
  });
  return { ...m, extra: { hours } };
}

const INTERVIEWS = { object: 'interviews', sheetName: 'Interviews', schedule: { every: 'hour' } };

/** One interviews job: the add-on's own CPU as a sync normally spends it (each execution reads the tab's keys once). */
export function fanOutByTrigger(candidates: number): Result {
  return { scenario: 'interviews by the hourly trigger (Workspace)', candidates, ...byTrigger(candidates, [INTERVIEWS]) };
}

/** Two interviews jobs (different columns, different tabs) on the same candidates: one fan-out. */
export function twoChildJobsByTrigger(candidates: number): Result {
  const roster = { ...INTERVIEWS, sheetName: 'Roster', fields: ['id', 'opportunityId', 'date', 'interviewers.name'] };
  return { scenario: 'two interviews jobs by the hourly trigger (Workspace)', candidates, ...byTrigger(candidates, [INTERVIEWS, roster]) };
}

/** An append history with a gzipped CSV copy. */
export function appendWithCopy(candidates: number): Result {
  const w = world(candidates, true);
  const job = save(w, {
    object: 'opportunities',
    mode: 'append',
    sheetName: 'History',
    exports: [{ to: 'drive', format: 'csv.gz', keep: 'latest' }],
  });
  return { scenario: 'append + csv.gz copy', candidates, ...measure(w, () => runToEnd(w, job)) };
}

/**
 * The five default jobs on `candidates` candidates, left to the hourly trigger alone on a consumer
 * account: how long the first syncs take against the plan shown beforehand, whether any run failed
 * or mailed, and the most UrlFetch calls in any 24 hours.
 */
export function fiveJobsByTrigger(candidates: number): Result {
  const w = world(candidates, true);
  for (const j of DEFAULT_JOBS) save(w, j);
  const t0 = w.clock.now();
  const plan = w.host.call<QuotaPlan>('getQuotaPlan');
  const perHour: number[] = [];
  let failedRuns = 0;
  let failedExecutions = 0;
  const m = measure(w, () => {
    for (let h = 0; h < 24 * 10 && !allSynced(w); h++) {
      const before = w.sandbox.requestCount;
      failedExecutions += w.host.runHours(1).filter((r) => !r.ok).length;
      perHour.push(w.sandbox.requestCount - before);
    }
    const log = w.host.spreadsheet.tab('Sync log')?.snapshot() ?? [];
    const status = log[0]?.indexOf('Status') ?? -1;
    failedRuns = log.slice(1).filter((r) => status >= 0 && r[status] !== 'ok').length;
    return { slices: perHour.length, records: 0, retries: 0 };
  });
  const actualH = (w.clock.now() - t0) / HOUR;
  const plannedH = plan.doneAt === null ? Infinity : (plan.doneAt - t0) / HOUR;
  let maxDay = 0;
  for (let i = 0; i < perHour.length; i++)
    maxDay = Math.max(
      maxDay,
      perHour.slice(Math.max(0, i - 23), i + 1).reduce((a, b) => a + b, 0),
    );
  return {
    scenario: 'five default jobs by the hourly trigger (consumer)',
    candidates,
    ...m,
    extra: {
      hoursToSynced: Math.round(actualH * 10) / 10,
      hoursPlanned: Math.round(plannedH * 10) / 10,
      etaErrorPct: Math.round((Math.abs(plannedH - actualH) / actualH) * 1000) / 10,
      failedRuns,
      failedExecutions,
      alertEmails: w.host.outbox.length,
      maxUrlFetchIn24h: maxDay,
      maxUrlFetchSharePct: Math.round((maxDay / 20_000) * 1000) / 10,
      estimatedCandidates: plan.candidates.count,
    },
  };
}

/** Every job has finished a run. */
function allSynced(w: LocalWorld): boolean {
  return w.host.call<SidebarState>('getSidebarState').jobs.every((j) => j.lastRun?.status === 'ok' && !j.running);
}
