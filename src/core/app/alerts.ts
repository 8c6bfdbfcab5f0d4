import type { Job } from '../jobs/types';
import { DOCUMENT_KEYS, JOB_KEYS } from '../store/schema';
import { loadState, type JobState, type RunSummary } from '../sync/state';
import { listJobs } from './jobs-store';
import { recentRunLog } from '../sync/run-log';
import { userMessage } from './connection';
import { postWebhook } from './webhook';
import type { Platform } from './platform';
import { scheduleOwner } from './schedule-owner';

/**
 * Who hears about a job, and when: when it starts failing (at most once a day for the same
 * error), when it works again, when its data grows staler than its threshold, and in a daily
 * digest. Mail goes to the job's recipients (default: the schedule owner); jobs that ask for it
 * also post to the webhook of the person whose runs send it. An alert is a courtesy: whatever
 * goes wrong here (mail quota, a webhook that does not answer) is logged and never stops a sync.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** What the trigger sent, per spreadsheet: stale alerts per job, the digest. */
interface AlertLedger {
  stale: Record<string, number>;
  digestAt?: number;
}

function loadLedger(p: Platform): AlertLedger {
  try {
    const raw = p.docStore.get(DOCUMENT_KEYS.alerts);
    if (raw) return JSON.parse(raw) as AlertLedger;
  } catch {
    // A damaged ledger costs at most one repeated alert.
  }
  return { stale: {} };
}

function saveLedger(p: Platform, ledger: AlertLedger): void {
  p.docStore.set(DOCUMENT_KEYS.alerts, JSON.stringify(ledger));
}

/** The job's recipients: its own list, or the schedule owner (the person running it, if none). */
export function recipientsOf(p: Platform, job: Job): string[] {
  if (job.alerts?.to?.length) return job.alerts.to;
  const owner = scheduleOwner(p)?.email ?? p.userEmail();
  return owner ? [owner] : [];
}

/** A run's end: its failure or recovery, and a broken hash chain. */
export function alertsAfterRun(p: Platform, job: Job, before: JobState, summary: RunSummary): void {
  alertOnChange(p, job, before, summary);
  if (summary.chainBrokenAt) alertOnTamper(p, job, summary.chainBrokenAt, summary.note ?? '');
}

/** A tab whose hash chain broke: said once a day while it stays broken at the same row. */
function alertOnTamper(p: Platform, job: Job, row: number, note: string): void {
  const store = p.jobStore(job.sheetName);
  const last = parseMailed(store.get(JOB_KEYS.tamperMailed(job.id)));
  const now = p.clock.now();
  if (last && last.key === String(row) && now - last.at < DAY) return;
  store.set(JOB_KEYS.tamperMailed(job.id), JSON.stringify({ key: String(row), at: now }));
  send(
    p,
    job,
    `Lever sync: rows changed in "${job.sheetName}"`,
    `${note}\n\nThe sync "${job.name}" goes on appending; the Sync log says this at every run until the tab is put right.`,
  );
}

/** A run's end: mail (and post) when the job starts failing or works again; never every hour. */
function alertOnChange(p: Platform, job: Job, before: JobState, summary: RunSummary): void {
  const failedBefore = before.consecutiveFailures > 0;
  const failedNow = summary.status === 'failed';
  // A spent daily quota is a pause, not a failure to mail about: the log and the sidebar say it.
  if (failedBefore === failedNow || summary.error?.code === 'QUOTA' || summary.status === 'partial') return;
  const now = p.clock.now();
  if (failedNow) {
    // Kept beside the job's state: the same failure again within a day (it recovered and broke alike) mails once.
    const store = p.jobStore(job.sheetName);
    const key = p.crypto.sha256Hex(`${summary.error?.code ?? ''}:${summary.error?.message ?? ''}`).slice(0, 16);
    const last = parseMailed(store.get(JOB_KEYS.failureMailed(job.id)));
    if (last && last.key === key && now - last.at < DAY) return;
    store.set(JOB_KEYS.failureMailed(job.id), JSON.stringify({ key, at: now }));
    send(p, job, `Lever sync failed: ${job.name}`, failureText(job, summary));
    return;
  }
  if (job.alerts?.onRecovery === false) return;
  send(
    p,
    job,
    `Lever sync recovered: ${job.name}`,
    `The sync "${job.name}" (tab "${job.sheetName}") works again: ${summary.counts.records} records read.`,
  );
}

function parseMailed(raw: string | null): { key: string; at: number } | null {
  try {
    return raw ? (JSON.parse(raw) as { key: string; at: number }) : null;
  } catch {
    return null;
  }
}

function failureText(job: Job, summary: RunSummary): string {
  return `The sync "${job.name}" (tab "${job.sheetName}") failed:\n\n${summary.error?.message ?? ''}\n\nThe sheet keeps its last good data. Open Extensions → Lever Sync to see the run log. You will get one more email when it works again.`;
}

/**
 * Each hourly turn: a job whose last good run is older than its threshold is said once, until it
 * runs well again.
 */
export function checkStaleness(p: Platform, jobs: Array<{ job: Job; state: JobState }>): void {
  const ledger = loadLedger(p);
  let changed = false;
  const now = p.clock.now();
  for (const { job, state } of jobs) {
    const limit = job.alerts?.staleAfterHours;
    if (!limit || !job.enabled) continue;
    const since = state.lastSuccessAt ?? job.createdAt;
    const hours = Math.floor((now - since) / HOUR);
    if (now - since <= limit * HOUR) {
      if (ledger.stale[job.id]) {
        delete ledger.stale[job.id];
        changed = true;
      }
      continue;
    }
    if (ledger.stale[job.id]) continue;
    ledger.stale[job.id] = now;
    changed = true;
    const what = state.lastSuccessAt === null ? 'has not run successfully yet' : `last ran successfully ${hours} hours ago`;
    send(
      p,
      job,
      `Lever sync data is stale: ${job.name}`,
      `The tab "${job.sheetName}" of the sync "${job.name}" ${what}, more than the ${limit} hours you allowed. Open Extensions → Lever Sync to see why; you will not be told again until it has run well.`,
    );
  }
  if (changed) saveLedger(p, ledger);
}

/** Once a day, for jobs that ask for it: runs, rows, files and failures of the last 24 hours, from the Sync log. */
export function sendDigest(p: Platform, docName: string, jobs: Job[]): void {
  const wanting = jobs.filter((j) => j.alerts?.digest);
  if (wanting.length === 0) return;
  const ledger = loadLedger(p);
  const now = p.clock.now();
  // The first sight starts the clock: the first digest covers a whole day.
  if (ledger.digestAt === undefined || now - ledger.digestAt >= DAY - 10 * 60_000) {
    const first = ledger.digestAt === undefined;
    ledger.digestAt = now;
    saveLedger(p, ledger);
    if (first) return;
  } else return;
  const recent = recentRunLog(p.workbook, now - DAY);
  const lines = wanting.map((job) => {
    const rows = recent.filter((r) => r.Job === job.name);
    const sum = (k: string) => rows.reduce((n, r) => n + (Number(r[k]) || 0), 0);
    const files = new Set(
      rows.flatMap((r) =>
        String(r['Mirror file'] ?? '')
          .split(', ')
          .filter(Boolean),
      ),
    );
    const failed = rows.filter((r) => r.Status === 'failed').length;
    return `${job.name} (tab "${job.sheetName}"): ${rows.length} runs, ${failed} failed; rows added ${sum('Rows added')}, updated ${sum('Rows updated')}, deleted ${sum('Rows deleted')}; files written ${files.size}.`;
  });
  const to = [...new Set(wanting.flatMap((j) => recipientsOf(p, j)))];
  const text = `Lever Sync, the last 24 hours in "${docName}":\n\n${lines.join('\n')}`;
  mail(p, to, `Lever sync daily digest: ${docName}`, text);
  if (wanting.some((j) => j.alerts?.webhook)) postWebhook(p, 'digest', text);
}

function send(p: Platform, job: Job, subject: string, body: string): void {
  mail(p, recipientsOf(p, job), subject, body);
  if (job.alerts?.webhook) postWebhook(p, subject, `${subject}\n${body}`);
}

function mail(p: Platform, to: string[], subject: string, body: string): void {
  try {
    if (to.length === 0) return;
    // MailApp counts recipients: a message that would pass the day's quota is not sent.
    if (p.mail.remainingQuota() < to.length) return p.log(`Not mailed (the day's email quota is spent): ${subject}`);
    p.mail.send(to.join(','), subject, body);
  } catch (e) {
    p.log(`Could not send the alert email: ${userMessage(p, e)}`);
  }
}

/** The trigger's turn at a spreadsheet: stale data said, and the daily digest. */
export function hourlyAlerts(p: Platform, docName: string): void {
  try {
    turnAlerts(p, docName);
  } catch (e) {
    p.log(`Could not check this spreadsheet's alerts: ${userMessage(p, e)}`);
  }
}

function turnAlerts(p: Platform, docName: string): void {
  const me = p.userEmail();
  const jobs = listJobs(p.docStore).filter((j) => j.enabled && j.savedBy === me);
  checkStaleness(
    p,
    jobs.map((job) => ({ job, state: loadState(p.jobStore(job.sheetName), job.id) })),
  );
  sendDigest(p, docName, jobs);
}
