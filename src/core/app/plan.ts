import { CHECKS_PER_RUN } from './resumes';
import { CATALOG } from '../catalog/objects';
import type { Job } from '../jobs/types';
import type { LeverClient } from '../lever/client';
import { DOCUMENT_KEYS, USER_KEYS } from '../store/schema';
import { ConfigError } from '../errors';
import { listedEntry } from '../sync/source';
import { talliesOf } from '../sync/tallies';
import { loadState, type JobState } from '../sync/state';
import type { AccountKind, QuotaPlan } from '../../shared/rpc';
import { ledgerOf, leverClient } from './connection';
import { listJobs } from './jobs-store';
import { BUDGET, type Platform } from './platform';
import { accountKind, budgetOf } from './quota';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Requests a second a long run sustains: the pacer's 9.5 less the time spent writing (bench: ×1.11). */
const SUSTAINED_PER_S = 8.5;
/** Before a job has run: candidates whose records change in a day (Lever gives no figure; a guess, said as one). */
const CHANGED_PER_DAY = 0.02;
const RUNS_PER_DAY = { manual: 0, once: 0, hour: 24, day: 1, week: 1 / 7 } as const;
const RECONCILE_PER_DAY = { never: 0, daily: 1, weekly: 1 / 7 } as const;
const ESTIMATE_TTL = 7 * DAY;

/** Lever's pages hold 100 records. */
const pages = (n: number) => Math.max(1, Math.ceil(n / 100));

/** Requests of one job: what its first (or current) full run still needs, and a day of runs after. */
export function jobCost(job: Job, state: JobState, candidates: number): { firstSync: number; perDay: number } {
  const entry = CATALOG[job.object];
  const fanOut = entry.source.kind === 'child';
  // Requests per candidate read: its children's list, and one per tally column's list.
  const perCandidate = (fanOut ? 1 : 0) + talliesOf(job).length;
  const opportunities = listedEntry(job).source.kind === 'list' && listedEntry(job).name === 'opportunities';
  const listed = opportunities ? candidates : (state.tabRows ?? 200);
  const full = pages(listed) + perCandidate * candidates + (listedEntry(job).deletions ? 1 : 0);
  const synced = state.watermark !== null || state.lastRun?.status === 'ok';
  const firstSync = state.run ? Math.max(0, full - state.run.counts.requests) : synced && job.mode !== 'replace' ? 0 : full;
  const runs = RUNS_PER_DAY[job.schedule.every];
  const last = state.lastRun;
  const perRun =
    last?.status === 'ok' && last.incremental
      ? last.counts.requests
      : job.mode === 'replace' || !job.incremental
        ? full
        : 2 + Math.ceil((perCandidate * candidates * CHANGED_PER_DAY) / Math.max(1, runs));
  const reconcile = fanOut ? candidates * RECONCILE_PER_DAY[job.reconcile] : 0;
  // The resume copy looks at a share of the candidates after each run (app/resumes.ts), outside the run's own count.
  const resumeLooks = job.resumes ? Math.min(CHECKS_PER_RUN, candidates) : 0;
  return { firstSync, perDay: Math.round(runs * (perRun + resumeLooks) + reconcile) };
}

/**
 * When the backlog is done if every hourly trigger run reads as fast as it may, within an
 * execution's trigger time and the day's request budget (a rolling 24 hours, as the ledger counts
 * it; `recent` is its last 24 hours, oldest first). Null beyond 60 days.
 */
export function finishTime(now: number, backlog: number, perDay: number, budget: number, runMs: number, recent: number[]): number | null {
  const hours = [...recent];
  const perRun = Math.floor((runMs / 1000) * SUSTAINED_PER_S);
  const steady = perDay / 24;
  let left = backlog;
  for (let t = Math.ceil(now / HOUR) * HOUR, h = 0; h < 60 * 24; h++, t += HOUR) {
    hours.shift();
    const room = Math.max(0, budget - hours.reduce((a, b) => a + b, 0) - steady);
    const work = Math.min(perRun, room);
    hours.push(steady + Math.min(work, left));
    if (work >= left) return t + Math.round((left / perRun) * runMs);
    left -= work;
  }
  return null;
}

/**
 * About how many candidates the account has. Lever gives no totals, so creation time is sampled:
 * the first candidate's day is found by halving (a request per step), then eight short windows
 * spread over the account's life are counted; their density times the span is the estimate.
 */
export function sampleCandidates(client: LeverClient, now: number): number {
  const any = (params: Record<string, number>) => client.list('/opportunities', { limit: 1, ...params }).data.length > 0;
  if (!any({ created_at_end: now })) return 0;
  let lo = now - 20 * 365 * DAY;
  let hi = now;
  while (hi - lo > DAY) {
    const mid = Math.floor((lo + hi) / 2);
    if (any({ created_at_end: mid })) hi = mid;
    else lo = mid;
  }
  const span = Math.max(DAY, now - lo);
  const strata = 8;
  let sampled = 0;
  let covered = 0;
  for (let i = 0; i < strata; i++) {
    let width = span / strata / 8;
    const mid = lo + (span / strata) * (i + 0.5);
    for (;;) {
      const n = countWindow(client, mid - width / 2, mid + width / 2);
      if (n !== null) {
        sampled += n;
        covered += width;
        break;
      }
      width /= 4; // too many to count in a few pages: a narrower window
    }
  }
  return Math.round((sampled * span) / covered);
}

/** Records created in a window, or null when more than three pages. */
function countWindow(client: LeverClient, from: number, to: number): number | null {
  let n = 0;
  let offset: string | undefined;
  for (let page = 0; page < 3; page++) {
    const res = client.list('/opportunities', { limit: 100, created_at_start: Math.floor(from), created_at_end: Math.floor(to) }, offset);
    n += res.data.length;
    if (!res.hasNext || !res.next) return n;
    offset = res.next;
  }
  return null;
}

/** The candidates last sampled from Lever, while the sample is less than a week old. */
export function savedEstimate(p: Platform): number | null {
  const saved = JSON.parse(p.docStore.get(DOCUMENT_KEYS.estimate) ?? 'null') as { count: number; at: number } | null;
  return saved && p.clock.now() - saved.at < ESTIMATE_TTL ? saved.count : null;
}

/** Candidates in the account: from a synced tab when there is one, else a sample kept a week. */
function candidatesOf(p: Platform, jobs: Job[], probe: boolean): { count: number; source: QuotaPlan['candidates']['source'] } {
  let fromTab = 0;
  for (const job of jobs) {
    const s = loadState(p.jobStore(job.sheetName), job.id);
    if (job.object === 'opportunities' && s.lastRun?.status === 'ok' && !job.filters.postingIds && !job.filters.stageIds)
      fromTab = Math.max(fromTab, s.tabRows ?? 0);
  }
  if (fromTab > 0) return { count: fromTab, source: 'tab' };
  const saved = savedEstimate(p);
  if (saved !== null) return { count: saved, source: 'sample' };
  if (!probe) return { count: 0, source: 'unknown' };
  const count = sampleCandidates(leverClient(p), p.clock.now());
  p.docStore.set(DOCUMENT_KEYS.estimate, JSON.stringify({ count, at: p.clock.now() }));
  return { count, source: 'sample' };
}

/** The plan for this spreadsheet's scheduled jobs within the user's daily budget (the sidebar shows it). */
export function quotaPlan(p: Platform, probe = true): QuotaPlan {
  const kind = accountKind(p.userStore);
  const budget = budgetOf(kind);
  const ledger = ledgerOf(p);
  const jobs = listJobs(p.docStore).filter((j) => j.enabled && j.schedule.every !== 'manual');
  const candidates = candidatesOf(p, jobs, probe);
  const costs = jobs.map((job) => ({ job, ...jobCost(job, loadState(p.jobStore(job.sheetName), job.id), candidates.count) }));
  const backlog = costs.reduce((n, c) => n + c.firstSync, 0);
  const perDay = costs.reduce((n, c) => n + c.perDay, 0);
  const now = p.clock.now();
  const doneAt = backlog > 0 ? finishTime(now, backlog, perDay, budget.urlFetch, BUDGET.triggerMs[kind], ledger.recent()) : now;
  return {
    account: kind,
    budget: { requestsPerDay: budget.urlFetch, triggerMinutesPerDay: Math.round(budget.triggerMs / 60_000) },
    used: { requests: ledger.fetches(), triggerMinutes: Math.round(ledger.triggerMs() / 60_000) },
    candidates,
    jobs: costs.map((c) => ({ jobId: c.job.id, name: c.job.name, firstSync: c.firstSync, perDay: c.perDay })),
    backlog,
    perDay,
    doneAt,
    summary: summaryText(now, backlog, perDay, doneAt, budget.urlFetch, candidates),
  };
}

function summaryText(
  now: number,
  backlog: number,
  perDay: number,
  doneAt: number | null,
  budget: number,
  c: QuotaPlan['candidates'],
): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const after = `then about ${n(perDay)} Lever requests a day (${Math.round((perDay / budget) * 100)}% of the ${n(budget)} Lever Sync keeps for itself)`;
  if (backlog === 0)
    return `Up to date: about ${n(perDay)} Lever requests a day (${Math.round((perDay / budget) * 100)}% of the ${n(budget)} Lever Sync keeps for itself).`;
  const who = c.source === 'unknown' ? '' : ` for about ${n(c.count)} candidates`;
  if (doneAt === null)
    return `The first syncs need about ${n(backlog)} Lever requests${who}: more than two months of your daily share. Choose fewer jobs, or a Workspace account.`;
  const hours = (doneAt - now) / HOUR;
  const when = hours < 1.5 ? 'within the hour' : hours < 36 ? `about ${Math.round(hours)} hours` : `about ${Math.round(hours / 24)} days`;
  return `First sync: ${when} (about ${n(backlog)} Lever requests${who}), ${after}.`;
}

/** The user's choice of account type (personal Gmail or Workspace), which sets the daily quotas. */
export function setAccountKind(p: Platform, kind: AccountKind): QuotaPlan {
  if (kind !== 'consumer' && kind !== 'workspace')
    throw new ConfigError('account', 'must be consumer (a personal Google account) or workspace.');
  p.userStore.set(USER_KEYS.account, kind);
  return quotaPlan(p, false);
}
