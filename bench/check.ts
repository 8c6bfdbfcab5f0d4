/**
 * `npm run bench:check`: fails when a fresh run is more than 10% worse than the committed
 * bench/results.json on any figure the host's cost model makes repeatable (virtual time, Lever
 * requests, Sheets calls, cells read and written). Wall time, memory and the add-on's CPU
 * depend on the machine and are left out (virtual time includes that CPU, a few percent of it).
 */
import { readFileSync } from 'node:fs';
import type { Result } from './scenarios';

const KEYS = ['virtualS', 'requests', 'sheetsCallsTotal', 'cellsRead', 'cellsWritten', 'rateLimited'] as const;
const TOLERANCE = 0.1;

const load = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { results: Result[] }).results;
const fresh = load(process.argv[2] ?? 'out/bench-check.json');
const committed = load('bench/results.json');
const worse: string[] = [];
for (const r of fresh) {
  const base = committed.find((c) => c.scenario === r.scenario && c.candidates === r.candidates);
  if (!base) continue;
  for (const k of KEYS) {
    // A figure of 0 may grow to 1 without being a regression worth failing on.
    if (r[k] > base[k] * (1 + TOLERANCE) && r[k] - base[k] > 1) worse.push(`${r.scenario} (${r.candidates}): ${k} ${base[k]} → ${r[k]}`);
  }
}
if (worse.length) {
  console.error(`More than ${TOLERANCE * 100}% worse than bench/results.json:\n  ${worse.join('\n  ')}`);
  process.exit(1);
}
console.log(`bench:check: ${fresh.length} scenarios within ${TOLERANCE * 100}% of bench/results.json`);
