/**
 * The differential fault harness: one scenario played by two twins from the same seed, one
 * without faults and one under a fault schedule. Both see the same Lever activity and the same
 * user edits at the same virtual times; after every round their tabs, the user's notes, their
 * CSV copies and their watermarks must be equal, and nothing the faulty twin shows may hold the key.
 */
import type { LocalWorld } from '../../src/cli/local-world';
import { LEASE_KEY } from '../../src/core/store/schema';
import { secretForms } from '../../src/core/util/secrets';
import { userEdits } from '../../src/host/user-edits';
import type { EmuSheet } from '../../src/host/spreadsheet';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import type { Job, SliceProgress } from '../../src/shared/rpc';
import { connectedWorld, documentStore, runToEnd, saveJob, sheetObjects } from './world';
import { type FaultPlan, type Scenario, type UserEdit } from './scenarios';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const TAB = 'Data';
const NOTES = 'My notes';
/** Columns whose value is the time of the write, not data: left out of the comparison. */
const TIMES = new Set(['Synced at']);

export interface Outcome {
  faults: number;
  attempts: number;
  lost: number;
  duplicated: number;
  misplacedNotes: number;
  leaks: string[];
}

export function playScenario(s: Scenario): Outcome {
  const twin = (limit: number) => connectedWorld({ executionLimitMs: limit, sandbox: { seed: s.seed, opportunities: s.opportunities } });
  const [clean, faulty] = [twin(360_000), twin(s.executionLimitMs)];
  const input = {
    object: s.object,
    mode: s.mode,
    sheetName: TAB,
    ...(s.activeOnly && s.object !== 'postings' ? { filters: { archived: false } } : {}),
    ...(s.csv ? { exports: [{ to: 'drive', format: 'csv', keep: 'latest' }] } : {}),
  };
  const jobs = [clean, faulty].map((w) => saveJob(w, input as Parameters<typeof saveJob>[1]));
  const out: Outcome = { faults: 0, attempts: 0, lost: 0, duplicated: 0, misplacedNotes: 0, leaks: [] };
  const t0 = faulty.clock.now();
  let keyHeader = '';
  for (let r = 0; r <= s.rounds.length; r++) {
    const at = t0 + r * DAY;
    for (const w of [clean, faulty]) {
      if (w.clock.now() > at) throw new Error(`round ${r - 1} outlasted a day`);
      w.clock.advance(at - w.clock.now());
      if (r === 0) continue;
      w.sandbox.activity.simulate(at - 3 * HOUR, at - HOUR, Math.ceil(s.rounds[r - 1].activity / 2));
      edit(w.host.spreadsheet.tab(TAB), s.rounds[r - 1].edits, keyHeader);
    }
    expect(runToEnd(clean, jobs[0]).pop()!.status).toBe('ok');
    const round = runUnderFaults(faulty, jobs[1], s.faults[r], s.csv);
    out.attempts += round.attempts;
    out.faults += round.fired;
    keyHeader ||= String(clean.host.spreadsheet.tab(TAB)!.snapshot()[0][0]);
    compare(clean, faulty, keyHeader, out);
  }
  out.leaks.push(...leaks(faulty));
  return out;
}

/** The user's edits between runs, the same in both twins. */
function edit(tab: EmuSheet | undefined, edits: UserEdit[], keyHeader: string): void {
  if (!tab || tab.lastRow() < 2) return;
  const header = () => tab.snapshot()[0].map(String);
  for (const e of edits) {
    if (e === 'notes' && !header().includes(NOTES)) {
      userEdits.insertColumn(tab, 2, NOTES);
      const key = header().indexOf(keyHeader);
      for (let r = 2; r <= tab.lastRow(); r++) tab.rows[r - 1][1] = `note:${String(tab.rows[r - 1][key])}`;
    }
    if (e === 'sort') userEdits.sortRows(tab, (a, b) => JSON.stringify(b).localeCompare(JSON.stringify(a)));
    if (e === 'rename') {
      const col = header().findIndex((h, i) => i > 0 && h !== keyHeader && h !== NOTES && !h.startsWith('Renamed'));
      if (col > 0) userEdits.renameHeader(tab, col + 1, `Renamed ${header()[col]}`);
    }
    if (e === 'drag') userEdits.moveColumn(tab, tab.lastCol(), 1);
  }
}

/** Runs the job like the sidebar (and the hourly trigger after a failure) until a run ends ok. */
function runUnderFaults(w: LocalWorld, job: Job, plan: FaultPlan, csv: boolean): { attempts: number; fired: number } {
  const { relieve, fired } = arm(w, plan, csv);
  try {
    for (let attempt = 1; attempt <= 150; attempt++) {
      const res = w.host.execute<SliceProgress>('runJobSlice', [job.id]);
      if (res.killed)
        w.clock.advance(7 * 60_000); // the killed execution's lease runs out
      else if (!res.ok) w.clock.advance(/Another sync is running/.test(res.error ?? '') ? 60_000 : HOUR);
      else if (res.value!.done && res.value!.status === 'ok') return { attempts: attempt, fired: fired() };
      else if (res.value!.done) {
        relieve();
        w.clock.advance(HOUR);
      }
    }
    throw new Error(`the faulty twin never finished: ${w.host.logs.slice(-5).join(' | ')}`);
  } finally {
    relieve();
    w.host.spreadsheet.onCall = null;
    w.sandbox.faults.clear();
    w.clock.cancelKill();
  }
}

/** Sets the plan's faults on the twin; returns what ends those that last only a while. */
function arm(w: LocalWorld, plan: FaultPlan, csv: boolean): { relieve: () => void; fired: () => number } {
  const ss = w.host.spreadsheet;
  const n0 = w.sandbox.log.length;
  w.sandbox.injectFaults(plan.lever.map((f) => ({ kind: f.kind, from: n0 + f.after, count: f.count })));
  if (plan.contention) {
    const lease = JSON.stringify({ holder: 'another-editor', until: w.clock.now() + 3 * 60_000 });
    ss.metadata.add(LEASE_KEY, lease, 'PROJECT');
  }
  let calls = 0;
  let checkpoints = 0;
  ss.onCall = (method) => {
    calls++;
    if (plan.killAt.includes(calls)) w.clock.killAtNextCall();
    if (plan.sheetsFailAt.includes(calls))
      throw new Error(`Exception: Service Spreadsheets failed while accessing document with id ${ss.id}.`);
    if (method === 'DeveloperMetadata.setValue' && ++checkpoints === plan.sortAtCheckpoint) {
      const tab = ss.tab(TAB);
      if (tab) userEdits.sortRows(tab, (a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
  };
  if (plan.driveFails) w.host.drive.failing = true;
  if (plan.quotaAfter !== null) w.host.urlFetch.exhaustAfter(plan.quotaAfter);
  const fetches = w.host.urlFetch.calls;
  /** The faults that hit something: a Lever fault past the round's last request never did. */
  const fired = () => {
    const made = w.sandbox.log.length - n0;
    return (
      plan.lever.reduce((n, f) => n + Math.min(f.count, Math.max(0, made - f.after + 1)), 0) +
      [...plan.killAt, ...plan.sheetsFailAt].filter((c) => c <= calls).length +
      (plan.sortAtCheckpoint !== null && checkpoints >= plan.sortAtCheckpoint ? 1 : 0) +
      (plan.driveFails && csv ? 1 : 0) +
      (plan.quotaAfter !== null && w.host.urlFetch.calls - fetches > plan.quotaAfter ? 1 : 0) +
      (plan.contention ? 1 : 0)
    );
  };
  const relieve = () => {
    w.host.drive.failing = false;
    w.host.urlFetch.dailyQuota = 20_000;
  };
  return { relieve, fired };
}

/** The tab's rows as comparable text, the user's notes and sync times left out. */
function rowsOf(w: LocalWorld): string[] {
  const tab = w.host.spreadsheet.tab(TAB);
  if (!tab) return [];
  return sheetObjects(tab)
    .map((r) => JSON.stringify(Object.entries(r).filter(([h]) => h !== NOTES && !TIMES.has(h))))
    .sort();
}

function compare(clean: LocalWorld, faulty: LocalWorld, keyHeader: string, out: Outcome): void {
  const [a, b] = [rowsOf(clean), rowsOf(faulty)];
  out.lost += minus(a, b).length;
  out.duplicated += minus(b, a).length;
  const notes = (w: LocalWorld) => sheetObjects(w.host.spreadsheet.tab(TAB)).filter((r) => r[NOTES]);
  for (const r of notes(faulty)) if (r[NOTES] !== `note:${String(r[keyHeader])}`) out.misplacedNotes++;
  out.lost += Math.max(0, notes(clean).length - notes(faulty).length);
  expect(watermarks(faulty)).toEqual(watermarks(clean));
  expect(csvCopies(faulty)).toEqual(csvCopies(clean));
}

function watermarks(w: LocalWorld): unknown[] {
  return [...documentStore(w).entries()]
    .filter(([k]) => k.startsWith('state:'))
    .map(([, v]) => {
      const s = JSON.parse(v);
      // deletedWatermark is the run's start time, not data: a retried run legitimately starts later.
      return [s.watermark, s.run];
    });
}

/** Each CSV copy's header, then its rows in order of their text (a retried run may order them otherwise). */
function csvCopies(w: LocalWorld): string[][] {
  return w.host.drive.liveFiles().map((f) => {
    const [head, ...rows] = text(f.blob.raw()).split('\r\n');
    return [f.name, head, ...rows.sort()];
  });
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}

/** Multiset difference. */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    return n === 0;
  });
}

/** Every place the faulty twin shows something: where any form of the key would be a leak. */
function leaks(w: LocalWorld): string[] {
  const forms = secretForms(SANDBOX_KEY);
  const places: Array<[string, string]> = [
    ...w.host.spreadsheet.sheets.map((s): [string, string] => [`tab ${s.name}`, JSON.stringify(s.rows)]),
    [
      'metadata',
      JSON.stringify(
        w.host.spreadsheet
          .createDeveloperMetadataFinder()
          .find()
          .map((m) => [m.getKey(), m.getValue()]),
      ),
    ],
    ['document properties', JSON.stringify([...w.host.docProps.map])],
    ['user properties (but the key itself)', JSON.stringify([...w.host.userProps.map].filter(([k]) => k !== 'lever.apiKey'))],
    ['files', w.host.drive.items.map((f) => f.name + text(f.blob.raw())).join('\n')],
    ['mail', JSON.stringify(w.host.outbox)],
    ['logs', w.host.logs.join('\n')],
    ['sidebar', JSON.stringify(w.host.call('getSidebarState'))],
  ];
  return places.filter(([, text]) => forms.some((f) => text.includes(f))).map(([where]) => where);
}
