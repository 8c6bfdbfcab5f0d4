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
import { resumeDownload } from '../../src/sandbox/files';
import type { KeyPolicy } from '../../src/sandbox/types';
import { parse } from 'csv-parse/sync';
import { connectedWorld, documentStore, saveJob, sheetObjects } from './world';
import { runRound, TAB, TAB2 } from './fault-injection';
import type { Scenario, UserEdit } from './scenarios';

const HOUR = 3600_000;
/** Rounds start this far apart, so a faulty twin's retries (and the trigger's hours) fit. */
const ROUND = 3 * 24 * HOUR;
const NOTES = 'My notes';
/** Columns whose value is the time of the write, not data: left out of the comparison. */
const TIMES = new Set(['Synced at']);
/**
 * The resume mirror's folder. Which candidates have a file depends on how many runs looked (40 a
 * run, in rotation): the Resume column and the files are checked for what must always hold, not
 * against the clean twin.
 */
const RESUMES = 'CV';
const isResumeColumn = (h: string) => /Resume$/.test(h);

export interface Outcome {
  faults: number;
  attempts: number;
  lost: number;
  duplicated: number;
  misplacedNotes: number;
  /** Resume links to a file not the row's candidate's, files of candidates gone, files not Lever's bytes, two for one. */
  badResumes: number;
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
    ...(s.resumes ? { resumes: { to: 'drive', folder: RESUMES, maxMb: 1 } } : {}),
    ...(s.split ? { splitBy: { by: 'department', into: s.csv ? 'both' : 'tabs' } } : {}),
  };
  const roster = { ...input, sheetName: TAB2, fields: ['id', 'opportunityId', 'date'], exports: undefined };
  const jobs = [clean, faulty].map((w) => [
    saveJob(w, input as Parameters<typeof saveJob>[1]),
    ...(s.partner ? [saveJob(w, roster as Parameters<typeof saveJob>[1])] : []),
  ]);
  const out: Outcome = { faults: 0, attempts: 0, lost: 0, duplicated: 0, misplacedNotes: 0, badResumes: 0, leaks: [] };
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
  // A link cell is what it opens: its words' link, or its text when it holds an address (a cut write
  // leaves the address until the row is next written); words without a link stay words, and differ.
  return sheetObjects(tab)
    .map((r, i) => Object.fromEntries(Object.entries(r).map(([h, v], c) => [h, tab.linkAt(i + 2, c + 1) ?? v])))
    .map((r) => Object.entries(r).filter(([h]) => h !== NOTES && !TIMES.has(h) && !isResumeColumn(h)))
    .filter((cells) => cells.some(([, v]) => v !== ''))
    .map((cells) => JSON.stringify(cells))
    .sort();
}

/** The tabs a split job made from its tab, one per value ("Data – Engineering"). */
function splitTabs(w: LocalWorld): string[] {
  return w.host.spreadsheet.sheets
    .map((t) => t.name)
    .filter((n) => n.startsWith(`${TAB} – `))
    .sort();
}

function compare(clean: LocalWorld, faulty: LocalWorld, keyHeader: string, out: Outcome): void {
  expect(splitTabs(faulty)).toEqual(splitTabs(clean));
  for (const name of [TAB, TAB2, ...splitTabs(clean)]) {
    const [a, b] = [rowsOf(clean, name), rowsOf(faulty, name)];
    out.lost += minus(a, b).length;
    out.duplicated += minus(b, a).length;
  }
  const notes = (w: LocalWorld) => sheetObjects(w.host.spreadsheet.tab(TAB)).filter((r) => r[NOTES]);
  for (const r of notes(faulty)) if (r[NOTES] !== `note:${String(r[keyHeader])}`) out.misplacedNotes++;
  out.lost += Math.max(0, notes(clean).length - notes(faulty).length);
  expect(watermarks(faulty)).toEqual(watermarks(clean));
  expect(csvCopies(faulty)).toEqual(csvCopies(clean));
  out.badResumes += resumeProblems(faulty) + resumeProblems(clean);
}

/** A resume's bytes as Lever serves them, from the sandbox's data (a download would spend its rate limit); null when gone. */
function leverBytes(w: LocalWorld, opp: string, resumeId: string): Uint8Array | null {
  try {
    return resumeDownload(w.sandbox.data, { confidential: true, forbidden: [] } satisfies KeyPolicy, opp, resumeId).bytes;
  } catch (_) {
    return null;
  }
}

/**
 * What must hold of the resume mirror after a good run, whatever failed before it: each Resume
 * link opens a file of that row's own candidate; no file is left of a candidate gone from the tab,
 * none twice for one candidate, and each is byte for byte what Lever serves.
 */
function resumeProblems(w: LocalWorld): number {
  const folder = w.host.drive.items.find((f) => f.isFolder && f.name === RESUMES && !f.trashed);
  const tab = w.host.spreadsheet.tab(TAB);
  if (!folder || !tab) return 0;
  const files = w.host.drive.liveFiles().filter((f) => f.parents.includes(folder.id));
  const header = tab.rows[0].map(String);
  const [idAt, at] = [header.indexOf('Opportunity ID'), header.findIndex(isResumeColumn)];
  let bad = 0;
  const ids = new Set<string>();
  tab.rows.slice(1).forEach((r, i) => {
    const id = String(r[idAt] ?? '');
    const url = tab.linkAt(i + 2, at + 1);
    if (id) ids.add(id);
    if (!url) return;
    const file = files.find((f) => url === `https://drive.google.com/file/d/${f.id}/view`);
    if (!id || !file?.name.startsWith(`resume_${id}_`) || r[at] !== 'Open resume') bad++;
  });
  const owners = files.map((f) => /^resume_([0-9a-f-]{36})_([0-9a-f-]{36})\./.exec(f.name) ?? ['', '', '']);
  files.forEach((f, i) => {
    const [, opp, resumeId] = owners[i];
    const served = leverBytes(w, opp, resumeId);
    if (!ids.has(opp) || !served || Buffer.compare(Buffer.from(f.blob.raw()), Buffer.from(served)) !== 0) bad++;
  });
  return bad + owners.length - new Set(owners.map(([, opp]) => opp)).size;
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
  const mirror = w.host.drive.items.find((f) => f.isFolder && f.name === RESUMES)?.id;
  return (
    w.host.drive
      .liveFiles()
      .filter((f) => !mirror || !f.parents.includes(mirror))
      .map((f) => {
        if (f.name.endsWith('.manifest.json')) {
          const m = JSON.parse(text(f.blob.raw())) as Record<string, unknown>;
          // With resume links (addresses of files each twin made) the byte count is theirs too.
          const links = JSON.stringify(m.columns).includes('"Resume"');
          return [f.name, JSON.stringify([m.file, m.object, m.format, m.rows, links ? null : m.bytes, m.columns])];
        }
        const [head, ...rows] = parse(text(f.blob.raw()), { relax_column_count: true }) as string[][];
        // The resume links differ by which runs looked (see RESUMES); resumeProblems checks them.
        const at = head.findIndex(isResumeColumn);
        const kept = (r: string[]) => JSON.stringify(r.filter((_, i) => i !== at));
        return [f.name, kept(head), ...rows.map(kept).sort()];
      })
      // Files in name order: a split's files are made in the order its values first came.
      .sort((a, b) => a[0].localeCompare(b[0]))
  );
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
