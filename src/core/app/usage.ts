import { exportedFiles } from '../export/deliver';
import { WORKBOOK_MAX_CELLS } from '../sync/cell-budget';
import type { ExportConfig, Job } from '../jobs/types';
import { recentRunLog } from '../sync/run-log';
import { DOCUMENT_KEYS } from '../store/schema';
import type { CopyUsage, JobUsage, UsageReport } from '../../shared/rpc';
import { ledgerOf, userMessage } from './connection';
import { destinationAddress, destinationFor } from './destinations';
import { listJobs } from './jobs-store';
import type { Platform } from './platform';
import { accountKind, QUOTAS } from './quota';

/**
 * What the add-on uses of the user's quotas and the spreadsheet's room, per job and in all: Lever
 * requests over the last 24 hours and 7 days (from the Sync log), their share of the UrlFetch
 * quota, trigger minutes, cells against Google's 10 million with a projection from daily samples,
 * and the bytes each copy keeps in its destination with their growth a day.
 */

const DAY = 24 * 3600_000;
/** Daily samples kept for the projections (the spreadsheet's store is small: 30,000 characters for all). */
const MAX_SAMPLES = 14;

interface Sample {
  day: string;
  cells: number;
  /** Bytes per copy (job id and the copy's place in its list). */
  stored: Record<string, number>;
}

export function getUsage(p: Platform): UsageReport {
  const now = p.clock.now();
  const kind = accountKind(p.userStore);
  const ledger = ledgerOf(p);
  const log = recentRunLog(p.workbook, now - 7 * DAY, 2000);
  const cells = p.workbook.totalCells();
  const stored: Record<string, number> = {};
  const jobs = listJobs(p.docStore).map((job): JobUsage => {
    const runs = log.filter((r) => r.Job === job.name);
    const sum = (rows: typeof runs, k: string) => rows.reduce((n, r) => n + (Number(r[k]) || 0), 0);
    const today = runs.filter((r) => r.startedMs > now - DAY);
    const copies = job.exports.map((exp, i) => copyUsage(p, job, exp, (bytes) => (stored[`${job.id}:${i}`] = bytes)));
    return {
      jobId: job.id,
      name: job.name,
      requestsToday: sum(today, 'Requests'),
      requests7d: sum(runs, 'Requests'),
      quotaShare: sum(today, 'Requests') / QUOTAS[kind].urlFetch,
      runMinutes7d: Math.round(sum(runs, 'Seconds') / 6) / 10,
      cells: tabCells(p, job.sheetName),
      copies,
    };
  });
  const samples = recordSample(p, { day: new Date(now).toISOString().slice(0, 10), cells, stored });
  const growth = perDay(samples, (s) => s.cells);
  for (const j of jobs) j.copies.forEach((c, i) => c.error || (c.growthPerDay = perDay(samples, (s) => s.stored[`${j.jobId}:${i}`])));
  return {
    account: {
      kind,
      requests24h: ledger.fetches(),
      requestLimit: QUOTAS[kind].urlFetch,
      triggerMinutes24h: Math.round(ledger.triggerMs() / 6000) / 10,
      triggerMinuteLimit: QUOTAS[kind].triggerMs / 60_000,
    },
    spreadsheet: {
      cells,
      cellLimit: WORKBOOK_MAX_CELLS,
      growthPerDay: growth,
      fullInDays: growth !== null && growth > 0 ? Math.floor((WORKBOOK_MAX_CELLS - cells) / growth) : null,
    },
    jobs,
  };
}

/** The files and bytes a copy keeps, as its destination lists them; an error in words if it cannot be listed. */
function copyUsage(p: Platform, job: Job, exp: ExportConfig, keep: (bytes: number) => void): CopyUsage {
  const where = exp.to === 'drive' ? 'Drive' : destinationAddress(exp) + (exp.prefix ? `/${exp.prefix}` : '');
  try {
    const files = exportedFiles(destinationFor(p, exp), job, exp);
    const bytes = files.reduce((n, f) => n + f.size, 0);
    keep(bytes);
    return { to: exp.to, where, files: files.length, bytes, growthPerDay: null, error: null };
  } catch (e) {
    return { to: exp.to, where, files: 0, bytes: 0, growthPerDay: null, error: userMessage(p, e) };
  }
}

function tabCells(p: Platform, name: string): number {
  const sheet = p.workbook.sheet(name);
  return sheet ? sheet.maxRows() * sheet.maxColumns() : 0;
}

/** Today's sample replaces any earlier one of today; the oldest go past two weeks. */
function recordSample(p: Platform, today: Sample): Sample[] {
  let samples: Sample[] = [];
  try {
    samples = JSON.parse(p.docStore.get(DOCUMENT_KEYS.usage) ?? '[]') as Sample[];
  } catch {
    // A damaged history only costs the projection a few days.
  }
  samples = [...samples.filter((s) => s.day !== today.day), today].slice(-MAX_SAMPLES);
  p.docStore.set(DOCUMENT_KEYS.usage, JSON.stringify(samples));
  return samples;
}

/** Growth a day between the oldest and the newest sample that have the figure, or null under a day apart. */
function perDay(samples: Sample[], of: (s: Sample) => number | undefined): number | null {
  const known = samples.filter((s) => of(s) !== undefined);
  if (known.length < 2) return null;
  const first = known[0];
  const last = known[known.length - 1];
  const days = (Date.parse(last.day) - Date.parse(first.day)) / DAY;
  return days >= 1 ? Math.round((of(last)! - of(first)!) / days) : null;
}

/** The trigger's daily sample, so projections need no one to open the Usage view. */
export function sampleUsage(p: Platform): void {
  const day = new Date(p.clock.now()).toISOString().slice(0, 10);
  const raw = p.docStore.get(DOCUMENT_KEYS.usage);
  if (raw?.includes(`"day":"${day}"`)) return;
  getUsage(p);
}
