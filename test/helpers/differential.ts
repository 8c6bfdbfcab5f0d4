/**
 * The differential fault harness: one scenario played by two twins from the same seed, one
 * without faults and one under a fault schedule. Both see the same Lever activity and the same
 * user edits at the same virtual times; after every round their tabs, the user's notes, their
 * CSV copies and their watermarks must be equal, and nothing the faulty twin shows may hold the key.
 */
import type { LocalWorld } from '../../src/cli/local-world';
import { CATALOG } from '../../src/core/catalog/objects';
import type { ObjectName } from '../../src/core/catalog/types';
import { secretForms } from '../../src/core/util/secrets';
import { userEdits } from '../../src/host/user-edits';
import type { EmuSheet } from '../../src/host/spreadsheet';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import { connectedWorld, documentStore, saveJob, sheetObjects } from './world';
import { runRound, TAB, TAB2 } from './fault-injection';
import type { Scenario, UserEdit } from './scenarios';

const HOUR = 3600_000;
/** Rounds start this far apart, so a faulty twin's retries (and the trigger's hours) fit. */
const ROUND = 3 * 24 * HOUR;
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
  const twin = (limit: number) =>
    connectedWorld({ executionLimitMs: limit, sandbox: { seed: s.seed, opportunities: s.opportunities, retryAfter: s.retryAfter } });
  const [clean, faulty] = [twin(360_000), twin(s.executionLimitMs)];
  const input = {
    object: s.object,
    mode: s.mode,
    sheetName: TAB,
    ...(s.activeOnly && s.object !== 'postings' ? { filters: { archived: false } } : {}),
    ...(s.csv ? { exports: [{ to: 'drive', format: 'csv', keep: 'latest' }] } : {}),
    ...(s.path === 'trigger' ? { schedule: { every: 'hour' } } : {}),
  };
  const roster = { ...input, sheetName: TAB2, fields: ['id', 'opportunityId', 'date'], exports: undefined };
  const jobs = [clean, faulty].map((w) => [
    saveJob(w, input as Parameters<typeof saveJob>[1]),
    ...(s.partner ? [saveJob(w, roster as Parameters<typeof saveJob>[1])] : []),
  ]);
  const out: Outcome = { faults: 0, attempts: 0, lost: 0, duplicated: 0, misplacedNotes: 0, leaks: [] };
  const t0 = faulty.clock.now();
  let keyHeader = '';
  for (let r = 0; r <= s.rounds.length; r++) {
    const at = t0 + r * ROUND;
    for (const w of [clean, faulty]) {
      if (w.clock.now() > at) throw new Error(`round ${r - 1} outlasted its days`);
      w.clock.advance(at - w.clock.now());
      if (r === 0) continue;
      w.sandbox.activity.simulate(at - 3 * HOUR, at - HOUR, Math.ceil(s.rounds[r - 1].activity / 2));
      edit(w.host.spreadsheet.tab(TAB), s.rounds[r - 1].edits, keyHeader);
    }
    // Candidates that move while the faulty twin's run pages through them, at that moment; the
    // same events reach the clean twin after its run (then both need a catch-up run).
    const plan = s.faults[r];
    let stamp = 0;
    const moves = (w: LocalWorld) => () => void w.sandbox.activity.simulate(stamp, stamp + 1000, 8);
    const round = runRound(
      faulty,
      jobs[1],
      s,
      plan,
      plan.moveAtCheckpoint === null ? null : () => ((stamp = faulty.clock.now() + 1), moves(faulty)()),
    );
    runRound(clean, jobs[0], s, null, plan.moveAtCheckpoint === null ? null : moves(clean));
    out.attempts += round.attempts;
    out.faults += round.fired;
    if (plan.moveAtCheckpoint !== null) {
      for (const [i, w] of [clean, faulty].entries()) {
        w.clock.advance(Math.max(0, at + 12 * HOUR - w.clock.now()));
        runRound(w, jobs[i], s, null, null);
      }
    }
    // Notes follow the record's id (the key column, wherever the job put it), not a name.
    const entry = CATALOG[s.object as ObjectName];
    keyHeader ||= entry.fields.find((f) => f.path === entry.key)!.label;
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
      for (let r = 2; r <= tab.lastRow(); r++) if (tab.rows[r - 1]?.[key]) tab.rows[r - 1][1] = `note:${String(tab.rows[r - 1][key])}`;
    }
    if (e === 'sort') userEdits.sortRows(tab, (a, b) => JSON.stringify(b).localeCompare(JSON.stringify(a)));
    if (e === 'rename') {
      const col = header().findIndex((h, i) => i > 0 && h !== keyHeader && h !== NOTES && !h.startsWith('Renamed'));
      if (col > 0) userEdits.renameHeader(tab, col + 1, `Renamed ${header()[col]}`);
    }
    if (e === 'drag') userEdits.moveColumn(tab, tab.lastCol(), 1);
    if (e === 'gap') userEdits.insertRows(tab, Math.floor(tab.lastRow() / 2), 2); // blank rows amid the data
  }
}

/** The tab's rows as comparable text, the user's notes and sync times left out. */
function rowsOf(w: LocalWorld, name = TAB): string[] {
  const tab = w.host.spreadsheet.tab(name);
  if (!tab) return [];
  // Blank rows the user put amid the data are theirs, and a sort in one twin only moves them below the data.
  return sheetObjects(tab)
    .map((r) => Object.entries(r).filter(([h]) => h !== NOTES && !TIMES.has(h)))
    .filter((cells) => cells.some(([, v]) => v !== ''))
    .map((cells) => JSON.stringify(cells))
    .sort();
}

function compare(clean: LocalWorld, faulty: LocalWorld, keyHeader: string, out: Outcome): void {
  for (const name of [TAB, TAB2]) {
    const [a, b] = [rowsOf(clean, name), rowsOf(faulty, name)];
    out.lost += minus(a, b).length;
    out.duplicated += minus(b, a).length;
  }
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

/**
 * Each CSV copy's header, then its rows in order of their text (a retried run may order them
 * otherwise); of each manifest, what follows from the data (ids, times and the checksum of rows in
 * another order may differ).
 */
function csvCopies(w: LocalWorld): string[][] {
  return w.host.drive.liveFiles().map((f) => {
    if (f.name.endsWith('.manifest.json')) {
      const m = JSON.parse(text(f.blob.raw())) as Record<string, unknown>;
      return [f.name, JSON.stringify([m.file, m.object, m.format, m.rows, m.bytes, m.columns])];
    }
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
