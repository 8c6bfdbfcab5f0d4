/**
 * `npm run bench`: the scenarios on the shipped bundle in the local host, their targets, and
 * `bench/results.json` (numbers only). `--out FILE` writes elsewhere (bench:check compares);
 * `--readme` also rewrites the README's figures from the results.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { appendWithCopy, fanOut, fanOutByTrigger, fiveJobsByTrigger, opportunities, twoChildJobsByTrigger, type Result } from './scenarios';
import { judge, writeCalls } from './targets';

const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : 'bench/results.json';
const sizes = args.includes('--quick') ? [1000] : [1000, 5000, 20000];

function main(): void {
  const results: Result[] = [];
  const step = (label: string, run: () => Result | Result[]) => {
    const t = Date.now();
    const r = run();
    results.push(...(Array.isArray(r) ? r : [r]));
    console.log(`  ${label}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
  };
  for (const n of sizes) step(`opportunities ${n}`, () => opportunities(n));
  for (const n of sizes) step(`fan-out ${n}`, () => fanOut(n, false));
  if (sizes.includes(5000)) step('fan-out 5000 with jitter', () => fanOut(5000, true));
  for (const n of sizes.filter((x) => x >= 5000)) step(`fan-out by trigger ${n}`, () => fanOutByTrigger(n));
  if (sizes.includes(5000)) step('two child jobs by trigger 5000', () => twoChildJobsByTrigger(5000));
  if (args.includes('--fifty')) step('fan-out by trigger 50000', () => fanOutByTrigger(50000));
  step(`five jobs by trigger ${sizes[sizes.length - 1]}`, () => fiveJobsByTrigger(sizes[sizes.length - 1]));
  step(`append ${sizes[Math.min(1, sizes.length - 1)]}`, () => appendWithCopy(sizes[Math.min(1, sizes.length - 1)]));
  const targets = judge(results);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ node: process.version, results, targets }, null, 2)}\n`);
  for (const r of results)
    console.log(
      `${r.scenario} (${r.candidates}): ${r.virtualS} s virtual, ${r.requests} requests (×${r.ratio} the floor, ${r.rateLimited} × 429), ${r.sheetsCallsTotal} Sheets calls (${writeCalls(r)} writes), ${r.cellsRead} cells read, ${r.wallS} s wall`,
    );
  for (const t of targets)
    console.log(`${t.pass === null ? 'n/a ' : t.pass ? 'pass' : 'MISS'}  ${t.name}: ${t.value ?? '—'} (target ≤ ${t.limit})`);
  if (args.includes('--readme')) writeReadme(results, targets);
}

/** Rewrites the README's figures table between its markers. */
function writeReadme(results: Result[], targets: ReturnType<typeof judge>): void {
  const lines = [
    '| Scenario | Candidates | Virtual s | Lever requests | ×floor | 429 | Sheets calls (writes) | Cells read / written | Add-on CPU s |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${r.candidates.toLocaleString('en-US')} | ${r.virtualS} | ${r.requests} | ${r.ratio} | ${r.rateLimited} | ${r.sheetsCallsTotal} (${writeCalls(r)}) | ${r.cellsRead.toLocaleString('en-US')} / ${r.cellsWritten.toLocaleString('en-US')} | ${(r.addonCpuMs / 1000).toFixed(1)} |`,
    ),
    '',
    ...results
      .filter((r) => r.extra?.hoursPlanned !== undefined)
      .map(
        (r) =>
          `${r.scenario}, ${r.candidates.toLocaleString('en-US')} candidates: synced in ${r.extra!.hoursToSynced} h against ${r.extra!.hoursPlanned} h planned beforehand (${r.extra!.estimatedCandidates.toLocaleString('en-US')} candidates estimated), ${r.extra!.failedRuns} failed runs, ${r.extra!.alertEmails} emails, at most ${r.extra!.maxUrlFetchIn24h.toLocaleString('en-US')} UrlFetch calls in 24 hours.`,
      ),
    '',
    '| Target | Value | Limit | |',
    '|---|---|---|---|',
    ...targets.map(
      (t) => `| ${t.name} | ${t.value ?? '—'} | ≤ ${t.limit} | ${t.pass === null ? 'not measured' : t.pass ? 'pass' : 'miss'} |`,
    ),
  ];
  const readme = readFileSync('README.md', 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (!readme.includes(start)) throw new Error('README has no bench markers');
  writeFileSync('README.md', readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${lines.join('\n')}\n${end}`));
}

main();
