/**
 * What one benchmark scenario costs, measured on the shipped bundle in the local host: Lever
 * requests (and how close to the rate-limit floor of requests / 10 s), Sheets calls by method,
 * cells moved, virtual time (what Apps Script's clock would see), wall time and memory here.
 */
import { performance } from 'node:perf_hooks';
import type { LocalWorld } from '../src/cli/local-world';
import type { Job, SliceProgress } from '../src/shared/rpc';

export interface Measure {
  requests: number;
  rateLimited: number;
  retries: number;
  virtualS: number;
  /** Lever's limit allows 10 requests a second: the least time those requests could take. */
  floorS: number;
  ratio: number;
  slices: number;
  records: number;
  sheetsCalls: Record<string, number>;
  /** Sheets calls that reach the document (building a range or reading fetched metadata do not). */
  sheetsCallsTotal: number;
  cellsRead: number;
  cellsWritten: number;
  /** CPU of the whole process meanwhile (the add-on, the host emulating Google, the sandbox). */
  cpuMs: number;
  /** Time in the add-on's own code, service calls excluded (the host's meter), spent on the virtual clock too. */
  addonCpuMs: number;
  wallS: number;
  peakRssMB: number;
}

/** Calls that build or read an object already fetched, with no round trip to the document. */
const LOCAL = new Set([
  'Sheet.getRange',
  'DeveloperMetadata.getValue',
  'DeveloperMetadata.getLocation',
  'DeveloperMetadata.getKey',
  'Sheet.getName',
]);

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

/** Runs `work` and measures what it cost in `world`. */
export function measure(world: LocalWorld, work: () => { slices: number; records: number; retries: number }): Measure {
  const ss = world.host.spreadsheet;
  const calls0 = { ...ss.calls };
  const cells0 = { ...ss.cells };
  const req0 = world.sandbox.requestCount;
  const log0 = world.sandbox.log.length;
  const v0 = world.clock.now();
  const cpu0 = process.cpuUsage();
  const addon0 = world.host.meter.addonMs;
  const t0 = performance.now();
  const done = work();
  const cpu = process.cpuUsage(cpu0);
  sampleRss();
  const sheetsCalls: Record<string, number> = {};
  for (const [k, v] of Object.entries(ss.calls)) if (v - (calls0[k] ?? 0) > 0) sheetsCalls[k] = v - (calls0[k] ?? 0);
  const requests = world.sandbox.requestCount - req0;
  const virtualS = (world.clock.now() - v0) / 1000;
  const floorS = requests / 10;
  return {
    requests,
    rateLimited: world.sandbox.log.slice(log0).filter((l) => l.status === 429).length,
    retries: done.retries,
    virtualS: round(virtualS),
    floorS: round(floorS),
    ratio: floorS > 0 ? round(virtualS / floorS, 3) : 0,
    slices: done.slices,
    records: done.records,
    sheetsCalls,
    sheetsCallsTotal: Object.entries(sheetsCalls).reduce((a, [k, v]) => a + (LOCAL.has(k) ? 0 : v), 0),
    cellsRead: ss.cells.read - cells0.read,
    cellsWritten: ss.cells.written - cells0.written,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    addonCpuMs: Math.round(world.host.meter.addonMs - addon0),
    wallS: round((performance.now() - t0) / 1000),
    peakRssMB: Math.round(peakRss / 1024 / 1024),
  };
}

/** The sidebar's Run now: slices until the run ends; fails the benchmark if the run did not end ok. */
export function runToEnd(world: LocalWorld, job: Job): { slices: number; records: number; retries: number } {
  let slices = 0;
  let last: SliceProgress | null = null;
  while (!last?.done) {
    last = world.host.call<SliceProgress>('runJobSlice', job.id);
    slices++;
    if (last.paused) throw new Error(`${job.name}: paused by the day's request budget (${last.paused.message})`);
    sampleRss();
  }
  if (last.status !== 'ok') throw new Error(`${job.name}: ${last.error?.message}`);
  return { slices, records: last.counts.records, retries: last.counts.retries };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
