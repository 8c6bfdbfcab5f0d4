/** The benchmark's scenarios: each builds its world, runs, and returns what it measured. */
import { createLocalWorld, type LocalWorld } from '../src/cli/local-world';
import { SANDBOX_KEY } from '../src/sandbox/sandbox';
import type { Job } from '../src/shared/rpc';
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

/** Interviews for every candidate: the per-opportunity fan-out, paced under Lever's limit. */
export function fanOut(candidates: number, jitter: boolean): Result {
  const w = world(candidates, jitter);
  const job = save(w, { object: 'interviews', sheetName: 'Interviews' });
  return { scenario: `interviews fan-out${jitter ? ' (jitter)' : ''}`, candidates, ...measure(w, () => runToEnd(w, job)) };
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
