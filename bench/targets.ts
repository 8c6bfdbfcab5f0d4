/** The performance targets (issue "As fast as Lever allows…"), judged from the results. */
import type { Result } from './scenarios';

export interface Target {
  name: string;
  value: number | null;
  limit: number;
  pass: boolean | null;
  note?: string;
}

const WRITE = /set|delete|insert|add|clear/i;
export const writeCalls = (r: Result) =>
  Object.entries(r.sheetsCalls).reduce((n, [k, v]) => n + (WRITE.test(k.split('.')[1] ?? '') ? v : 0), 0);
const keyReads = (r: Result) => r.sheetsCalls['Range.getValues'] ?? 0;

function find(results: Result[], scenario: string, candidates: number): Result | undefined {
  return results.find((r) => r.scenario === scenario && r.candidates === candidates);
}

function target(name: string, value: number | undefined, limit: number, note?: string): Target {
  return { name, value: value ?? null, limit, pass: value === undefined ? null : value <= limit, note };
}

export function judge(results: Result[]): Target[] {
  const fan = find(results, 'interviews fan-out', 5000);
  const jit = find(results, 'interviews fan-out (jitter)', 5000);
  const full = find(results, 'full opportunities sync', 5000);
  const inc = find(results, 'incremental upsert, ~2% changed', 20000);
  const pages = full ? Math.max(1, Math.ceil(full.records / 100)) : 1;
  const five = find(results, 'five default jobs by the hourly trigger (consumer)', 20000);
  const two = find(results, 'two interviews jobs by the hourly trigger (Workspace)', 5000);
  const one = find(results, 'interviews by the hourly trigger (Workspace)', 5000);
  const cpu = (n: number) => find(results, 'interviews by the hourly trigger (Workspace)', n)?.addonCpuMs;
  const [c5, c20, c50] = [cpu(5000), cpu(20000), cpu(50000)];
  // Measured at 50,000 when run with --fifty; otherwise 20,000's per-candidate cost times 50,000.
  const at50 = c50 ?? (c20 === undefined ? undefined : (c20 / 20000) * 50000);
  return [
    target('fan-out: virtual time / rate-limit floor (5,000)', fan?.ratio, 1.1),
    target('fan-out: 429 answers (5,000)', fan?.rateLimited, 0),
    target('fan-out under jitter: virtual time / floor (5,000)', jit?.ratio, 1.15),
    target('full sync: Sheets calls per 100-row page (5,000)', full ? Math.round((full.sheetsCallsTotal / pages) * 10) / 10 : undefined, 3),
    target('full sync: virtual seconds (5,000)', full?.virtualS, 20),
    target('2% incremental into 20,000 rows: Sheets write calls', inc ? writeCalls(inc) : undefined, 10),
    target('2% incremental into 20,000 rows: getValues calls', inc ? keyReads(inc) : undefined, 3, 'header, key column, one tail check'),
    target('2% incremental into 20,000 rows: virtual seconds', inc?.virtualS, 10),
    target(
      `interviews sync by trigger, 50,000: add-on CPU seconds${c50 === undefined ? ' (linear from 20,000)' : ''}`,
      at50 === undefined ? undefined : Math.round(at50 / 100) / 10,
      5,
    ),
    target(
      'interviews sync by trigger: add-on CPU per candidate at 20,000 / at 5,000 (linear ≤ 1.25)',
      c5 && c20 ? Math.round((c20 / 20000 / (c5 / 5000)) * 100) / 100 : undefined,
      1.25,
    ),
    target(
      'two interviews jobs on the same 5,000 candidates: Lever requests / one job’s',
      two && one ? Math.round((two.requests / one.requests) * 1000) / 1000 : undefined,
      1,
    ),
    target('five jobs by trigger, 20,000: failed runs', five?.extra?.failedRuns, 0),
    target('five jobs by trigger, 20,000: alert emails', five?.extra?.alertEmails, 0),
    target('five jobs by trigger, 20,000: most UrlFetch calls in 24 h, % of quota', five?.extra?.maxUrlFetchSharePct, 90),
    target('five jobs by trigger, 20,000: plan shown beforehand vs actual, % off', five?.extra?.etaErrorPct, 20),
  ];
}
