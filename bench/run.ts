/**
 * `npm run bench`: speed and memory of the pieces that matter on Apps Script, measured on the
 * shipped bundle in the local host (virtual time = what Google's clock would see, given the
 * host's per-call cost model) and on the pure core (wall time here).
 */
import { performance } from 'node:perf_hooks';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createLocalWorld } from '../src/cli/local-world';
import { SANDBOX_KEY } from '../src/sandbox/sandbox';
import { validateJob } from '../src/core/jobs/validate';
import { jobColumns } from '../src/core/jobs/columns';
import { recordRow } from '../src/core/sync/rows';
import { toCsv } from '../src/core/format/csv';
import type { Job, SliceProgress } from '../src/shared/rpc';
import { table } from '../src/cli/report';

interface Figure {
  name: string;
  value: string;
  note: string;
}
const figures: Figure[] = [];
const add = (name: string, value: string, note = '') => figures.push({ name, value, note });
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function runJob(world: ReturnType<typeof createLocalWorld>, job: Job) {
  const t0 = performance.now();
  const v0 = world.clock.now();
  const calls0 = { ...world.host.spreadsheet.calls };
  const req0 = world.sandbox.requestCount;
  let slices = 0;
  let last: SliceProgress | null = null;
  while (!last?.done) {
    last = world.host.call<SliceProgress>('runJobSlice', job.id);
    slices++;
  }
  const calls = world.host.spreadsheet.calls;
  const delta = (k: string) => (calls[k] ?? 0) - (calls0[k] ?? 0);
  return {
    wallMs: performance.now() - t0,
    virtualMs: world.clock.now() - v0,
    slices,
    requests: world.sandbox.requestCount - req0,
    setValues: delta('Range.setValues'),
    getValues: delta('Range.getValues'),
    last,
  };
}

function main(): void {
  const N = 5000;
  let t = performance.now();
  const world = createLocalWorld({ sandbox: { seed: 1, opportunities: N } });
  add('sandbox seed', `${(performance.now() - t).toFixed(0)} ms`, `${N} opportunities with children`);
  world.host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });

  const upsert = world.host.call<Job>('saveJob', { object: 'opportunities', sheetName: 'Pipeline' });
  const full = runJob(world, upsert);
  add(
    'full upsert sync',
    `${(full.virtualMs / 1000).toFixed(1)} s virtual`,
    `${full.last!.counts.records} records, ${full.requests} requests, ${full.slices} slices, ${full.setValues} setValues, ${full.getValues} getValues, ${full.wallMs.toFixed(0)} ms wall`,
  );

  const t1 = world.clock.now();
  world.clock.advance(3600_000);
  const act = world.sandbox.activity.simulate(t1, world.clock.now(), 30);
  const inc = runJob(world, upsert);
  add(
    'incremental upsert after 1 h of activity',
    `${(inc.virtualMs / 1000).toFixed(1)} s virtual`,
    `${act.created + act.advanced + act.archived + act.notes + act.anonymized} changes, ${inc.last!.counts.records} records, ${inc.requests} requests, ${inc.setValues} setValues`,
  );

  const interviews = world.host.call<Job>('saveJob', { object: 'interviews', sheetName: 'Interviews' });
  const fan = runJob(world, interviews);
  add(
    'interviews fan-out (full)',
    `${(fan.virtualMs / 1000).toFixed(1)} s virtual`,
    `${fan.requests} requests = ${(fan.requests / (fan.virtualMs / 1000)).toFixed(1)} req/s, ${fan.last!.counts.rateLimited} × 429, ${fan.slices} slices`,
  );
  const rl = world.sandbox.log.filter((l) => l.status === 429).length;
  add('429 answers from the sandbox', String(rl), 'the pacer keeps under 10 req/s');

  const history = world.host.call<Job>('saveJob', {
    object: 'opportunities',
    mode: 'append',
    sheetName: 'History',
    exports: [{ to: 'drive', format: 'csv.gz', keep: 'latest' }],
  });
  const app = runJob(world, history);
  add(
    'append + gzipped CSV export (full)',
    `${(app.virtualMs / 1000).toFixed(1)} s virtual`,
    `${app.last!.counts.rowsAdded} rows, ${app.setValues} setValues`,
  );

  // Pure core throughput.
  const job = validateJob({ object: 'opportunities', sheetName: 'x' }, Date.now(), 'b');
  const cols = jobColumns(job);
  const records = [...world.sandbox.data.opportunities.values()];
  t = performance.now();
  let rows: ReturnType<typeof recordRow>[] = [];
  for (let k = 0; k < 4; k++) rows = records.map((r) => recordRow(r, cols));
  const perSec = (records.length * 4) / ((performance.now() - t) / 1000);
  add('flatten to rows', `${Math.round(perSec).toLocaleString('en-US')} records/s`, `${cols.length} columns`);
  t = performance.now();
  const csv = toCsv(
    cols.map((c) => c.header),
    rows,
    { spreadsheetSafe: true },
  );
  add(
    'CSV serialisation',
    `${(csv.length / 1024 / 1024 / ((performance.now() - t) / 1000)).toFixed(0)} MB/s`,
    `${(csv.length / 1024).toFixed(0)} KB for ${rows.length} rows`,
  );

  const ss = world.host.spreadsheet;
  add('spreadsheet metadata (jobs, schedule owner)', `${ss.metadata.size()} characters`, 'limit 30,000 per location');
  add(
    'largest tab metadata (one job’s sync state)',
    `${Math.max(...ss.sheets.map((s) => s.metadata.size()))} characters`,
    'limit 30,000 per location',
  );
  add('heap used', mb(process.memoryUsage().heapUsed), 'whole bench process');

  console.log(
    table(
      ['Figure', 'Value', 'Detail'],
      figures.map((f) => [f.name, f.value, f.note]),
    ),
  );
  mkdirSync('out', { recursive: true });
  writeFileSync('out/bench.json', JSON.stringify(figures, null, 2));
}

main();
