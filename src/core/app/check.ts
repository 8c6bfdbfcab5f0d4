import { xlsxEntries } from '../format/xlsx';
import { CACHE_KEYS, DOCUMENT_KEYS, USER_KEYS } from '../store/schema';
import { appendRunLog } from '../sync/run-log';
import { emptyCounts } from '../sync/state';
import type { CheckReport, CheckResult } from '../../shared/rpc';
import { userMessage } from './connection';
import { withDocumentLock } from './lease';
import type { Platform, TriggerView } from './platform';
import { DISPATCHER, scheduleOwner } from './schedule-owner';

/**
 * "Check this spreadsheet": proves on the real platform what the local emulation cannot, through
 * the same ports a sync uses, and reports each finding in plain words. It leaves nothing behind
 * but one line in the Sync log.
 */

/** Strings Sheets would otherwise turn into formulas, numbers, booleans or dates. */
export const HOSTILE = ['=1+1', '+1', '-1', '@x', "'lead", '0012', 'TRUE', '2024-01-31', '=HYPERLINK("http://x.example")'];
const CHECK_TAB = '~lever-sync check';
const CHECK_FILE = 'lever-sync-check.txt';
const LINK = 'https://hire.lever.co/candidates/check';

function textRoundTrip(p: Platform): string {
  const sheet = p.workbook.createSheet(CHECK_TAB);
  sheet.setHidden(true);
  sheet.write(
    1,
    1,
    HOSTILE.map((v) => [v]),
  );
  sheet.writeLinks(1, 2, [{ text: 'Open in Lever', url: LINK }]);
  p.workbook.flush();
  const back = sheet.read(1, 1, HOSTILE.length, 1).map((r) => r[0]);
  const wrong = HOSTILE.map((v, i) => [v, back[i]] as const).filter(([v, b]) => b !== v);
  if (wrong.length) {
    const shown = wrong
      .slice(0, 3)
      .map(([v, b]) => `${JSON.stringify(v)} → ${JSON.stringify(b instanceof Date ? b.toISOString() : (b ?? null))}`);
    throw new Error(`came back changed: ${shown.join(', ')}${wrong.length > 3 ? ` (${wrong.length} in all)` : ''}`);
  }
  const link = sheet.readLinks(1, 2, 1)[0];
  if (link !== LINK) throw new Error(`the link came back as ${JSON.stringify(link)}`);
  return `${HOSTILE.length} applicant-style strings (${HOSTILE.slice(0, 5).join(' ')} …) stayed text; a link stayed a link.`;
}

function xlsxUnzips(p: Platform): string {
  const zip = p.crypto.zip(xlsxEntries('Check', ['Value'], [['=1+1']]), 'check.xlsx');
  const names = p.crypto.unzipNames(zip);
  for (const want of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']) {
    if (!names.includes(want)) throw new Error(`the .xlsx lost its folder paths: it holds ${names.join(', ')}`);
  }
  return `An .xlsx built by the add-on unzips with its folders (${names.length} parts).`;
}

function driveWorks(p: Platform): string {
  const files = p.destination('drive');
  const written = files.write(CHECK_FILE, `Lever Sync check ${new Date(p.clock.now()).toISOString()}`, 'text/plain');
  if (!files.list(CHECK_FILE).some((f) => f.id === written.id)) throw new Error('a file written to the export folder is not listed there');
  files.remove(written.id);
  if (files.list(CHECK_FILE).some((f) => f.id === written.id)) throw new Error('a file moved to the trash is still listed');
  return 'Created, listed and trashed a file in the add-on’s Drive folder.';
}

function storesWork(p: Platform): string {
  const probe = `check-${p.newId()}`;
  p.userStore.set(USER_KEYS.probe, probe);
  p.docStore.set(DOCUMENT_KEYS.probe, probe);
  const ok = p.userStore.get(USER_KEYS.probe) === probe && p.docStore.get(DOCUMENT_KEYS.probe) === probe;
  p.userStore.delete(USER_KEYS.probe);
  p.docStore.delete(DOCUMENT_KEYS.probe);
  if (!ok) throw new Error('a value written to the user or document store read back differently');
  let cache = 'no cache';
  if (p.cache) {
    p.cache.put(CACHE_KEYS.probe, probe, 60);
    cache =
      p.cache.get(CACHE_KEYS.probe) === probe
        ? 'the cache'
        : 'the cache (which lost the value: it is best effort, so this is not an error)';
  }
  return `User properties, the spreadsheet’s own store and ${cache} work; ${p.lock ? 'the document lock is available here' : 'no document lock here (the run lease covers it)'}.`;
}

function scopesGranted(p: Platform): string {
  const auth = p.authorization();
  if (auth.required) throw new Error('Google asks you to authorize the add-on again: reload the spreadsheet and open Lever Sync.');
  return auth.scopes
    ? `Granted: ${auth.scopes.map((s) => s.replace('https://www.googleapis.com/auth/', '')).join(', ')}.`
    : 'All of the add-on’s scopes are granted (Google does not list them here).';
}

function scheduleState(p: Platform): string {
  const owner = scheduleOwner(p);
  const seenRaw = p.docStore.get(DOCUMENT_KEYS.triggerSeen);
  const seen = seenRaw ? (JSON.parse(seenRaw) as TriggerView) : null;
  const who = !owner
    ? 'Nothing is scheduled yet.'
    : owner.email === p.userEmail()
      ? `You own the schedule; your hourly trigger ${p.triggers.count(DISPATCHER) > 0 ? 'exists' : 'is MISSING (save a job to recreate it)'}.`
      : `${owner.email} owns the schedule (their trigger and Lever key).`;
  if (owner && owner.email === p.userEmail() && p.triggers.count(DISPATCHER) === 0) throw new Error(who);
  const view = seen
    ? `The last hourly run (${new Date(seen.at).toISOString().slice(0, 16).replace('T', ' ')} UTC) saw ${seen.activeSpreadsheet ? 'the spreadsheet as active' : 'no active spreadsheet'}, ${seen.documentProperties ? 'document properties' : 'no document properties'}, ${seen.documentCache ? 'a document cache' : 'no document cache'} and ${seen.documentLock ? 'a document lock' : 'no document lock'}; it opened the spreadsheet by id either way.`
    : 'No hourly run has reached this spreadsheet yet: check again after the next one.';
  return `${who} ${view}`;
}

const CHECKS: Array<[string, (p: Platform) => string]> = [
  ['Applicant text stays text', textRoundTrip],
  ['Excel export', xlsxUnzips],
  ['Drive export folder', driveWorks],
  ['Storage', storesWork],
  ['Permissions', scopesGranted],
  ['Schedule', scheduleState],
];

/** Runs every check (one failing does not stop the others), logs one line, returns the report. */
export function checkSpreadsheet(p: Platform): CheckReport {
  return withDocumentLock(p, () => {
    const started = p.clock.now();
    const results: CheckResult[] = [];
    try {
      for (const [name, run] of CHECKS) {
        try {
          results.push({ name, ok: true, detail: run(p) });
        } catch (e) {
          results.push({ name, ok: false, detail: userMessage(p, e) });
        }
      }
    } finally {
      if (p.workbook.sheet(CHECK_TAB)) p.workbook.deleteSheet(CHECK_TAB);
    }
    const ok = results.every((r) => r.ok);
    const text = results.map((r) => `${r.ok ? '✓' : '✗'} ${r.name}: ${r.detail}`).join('\n');
    const finished = p.clock.now();
    appendRunLog(p.workbook, {
      runId: p.newId(),
      jobId: 'check',
      jobName: 'Check this spreadsheet',
      kind: 'check',
      status: ok ? 'ok' : 'failed',
      incremental: false,
      startedAt: started,
      finishedAt: finished,
      durationMs: finished - started,
      counts: emptyCounts(),
      error: { code: 'CHECK', message: text },
    });
    return { ok, at: finished, results };
  });
}
