import { decodeRpcError, type RpcError } from '../../src/shared/errors';
import { createLocalWorld, type LocalWorld, type LocalWorldOptions } from '../../src/cli/local-world';
import type { EmuSheet } from '../../src/host/spreadsheet';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import type { Rec } from '../../src/sandbox/types';
import type { Job, JobInput, SliceProgress } from '../../src/shared/rpc';

/** The shipped dist/ bundle in the local host against a seeded sandbox, already connected. */
export function connectedWorld(opts: LocalWorldOptions = {}): LocalWorld {
  // Connected before the scenario's faults start (saving a key asks Lever first).
  const world = createLocalWorld({ ...opts, sandbox: { seed: 7, opportunities: 250, ...opts.sandbox, faults: [] } });
  world.host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });
  world.sandbox.faults.set(opts.sandbox?.faults ?? []);
  // What connecting cost is not the scenario's: counts start here.
  world.sandbox.resetCounts();
  return world;
}

/** Runs a job like the sidebar's "Run now": slices until done (bounded). */
export function runToEnd(world: LocalWorld, job: Job, maxSlices = 200): SliceProgress[] {
  const out: SliceProgress[] = [];
  for (let i = 0; i < maxSlices; i++) {
    const res = world.host.execute<SliceProgress>('runJobSlice', [job.id]);
    if (res.ok) {
      out.push(res.value as SliceProgress);
      if ((res.value as SliceProgress).done) return out;
    } else if (!res.killed) {
      throw new Error(`runJobSlice failed: ${res.error}`);
    }
  }
  throw new Error(`job ${job.name} did not finish in ${maxSlices} slices`);
}

export function saveJob(world: LocalWorld, input: JobInput): Job {
  return world.host.call<Job>('saveJob', input);
}

/** The tab as objects keyed by header, one per data row. */
export function sheetObjects(tab: EmuSheet | undefined): Array<Record<string, unknown>> {
  if (!tab) throw new Error('tab missing');
  const [header, ...rows] = tab.snapshot();
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** Sandbox opportunities as Lever serves them by default (non-confidential). */
export function visibleOpportunities(world: LocalWorld): Rec[] {
  return [...world.sandbox.data.opportunities.values()].filter((o) => o.confidentiality !== 'confidential');
}

/** The opportunities an upsert tab holds: visible ones, less those anonymised in Lever (their rows go). */
export function upsertedOpportunities(world: LocalWorld): Rec[] {
  return visibleOpportunities(world).filter((o) => o.isAnonymized !== true);
}

/**
 * The documented transformation of one value, written independently of the product code: absent
 * or null → empty; ms timestamps in date columns → dates; lists joined with ", "; the rest as text.
 */
export function expectedCell(record: Rec, path: string, kind: 'text' | 'date' | 'list' | 'number' = 'text'): unknown {
  const values: unknown[] = [];
  const walk = (v: unknown, parts: string[]): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, parts));
    if (parts.length === 0) return void values.push(v);
    if (v && typeof v === 'object' && parts[0] in (v as Rec)) walk((v as Rec)[parts[0]], parts.slice(1));
  };
  const top = path.split('.');
  const first = record[top[0]];
  walk(first === undefined ? undefined : { [top[0]]: first }, top);
  const isList = kind === 'list' || Array.isArray(first) || values.length > 1;
  if (isList) return values.map((v) => (v === null ? '' : String(v))).join(', ');
  const v = values[0];
  if (v === null || v === undefined) return '';
  if (kind === 'date') return new Date(v as number);
  if (kind === 'number' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/**
 * What the add-on keeps in the spreadsheet itself (its developer metadata on the spreadsheet and
 * on each tab), key → value.
 */
export function documentStore(world: LocalWorld, ss = world.host.spreadsheet): Map<string, string> {
  const out = new Map<string, string>();
  for (const list of [ss.metadata, ...ss.sheets.map((s) => s.metadata)]) {
    for (const [k, v] of list.asMap()) if (k.startsWith('leverSync:') && k !== 'leverSync:lease') out.set(k.slice('leverSync:'.length), v);
  }
  return out;
}

/** The error a server call failed with, as the sidebar reads it: code, message and field. */
export function rpcErrorOf(call: () => unknown): RpcError {
  try {
    call();
  } catch (e) {
    return decodeRpcError((e as Error).message);
  }
  throw new Error('the call did not fail');
}

/** Lever's enum values as the sheet shows them, written here from the rule: words, the first capitalised. */
export function inWords(v: string): string {
  const words = v
    .split(/(?=[A-Z])|_|\s/)
    .flatMap((w) => (/^(non|pre|co|re|full|part)-/i.test(w) ? [w] : w.split('-')))
    .map((w) => w.toLowerCase())
    .join(' ');
  return words[0].toUpperCase() + words.slice(1);
}

/** Wall-clock text of an instant in a zone ('2026-12-01 09:14'), as a person in that zone reads it. */
export function wallClock(d: unknown, timeZone: string): string {
  if (!(d instanceof Date)) return `not a date: ${String(d)}`;
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return f.format(d).replace(',', '');
}

/** The export files in Drive, without the manifest written beside each. */
export function copiesOf(world: LocalWorld) {
  return world.host.drive.liveFiles().filter((f) => !f.name.endsWith('.manifest.json'));
}
