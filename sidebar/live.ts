import type { App } from './app';
import type { Job } from '../src/shared/rpc';
import { call, plain } from './logic/rpc';

/**
 * *Live*: while the sidebar is open and shown, the live jobs get an incremental slice every
 * minute, one call at a time, so new applications appear within a minute. Lever pushes nothing to
 * an add-on and add-on triggers run at most hourly; closing the sidebar stops this (its timers go
 * with it) and the hourly trigger goes on. Each slice is an ordinary run: it takes the run lease
 * and stays within the day's request budget like any other.
 */
export const LIVE_EVERY_MS = 60_000;

export interface LiveState {
  on: boolean;
  /** When the last round of checks ended (the browser's clock). */
  lastAt: number | null;
  /** Rows added by the last round. */
  added: number;
  error: string | null;
}

/** Jobs worth checking every minute: enabled, incremental, upsert or append (a replace job rewrites its whole tab). */
export function liveJobs(jobs: Job[]): Job[] {
  return jobs.filter((j) => j.enabled && j.incremental && j.mode !== 'replace');
}

let timer: ReturnType<typeof setTimeout> | null = null;
let busy = false;

export function setLive(app: App, on: boolean): void {
  app.set({ live: { on, lastAt: null, added: 0, error: null } });
  if (timer) clearTimeout(timer);
  timer = null;
  if (on) void tick(app);
}

async function tick(app: App): Promise<void> {
  timer = setTimeout(() => void tick(app), LIVE_EVERY_MS);
  if (busy || document.hidden || !app.state.live.on) return;
  const jobs = liveJobs((app.state.server?.jobs ?? []).map((v) => v.job));
  // A run already going on (Run now, the trigger) is left alone: one execution at a time.
  if (app.state.server?.jobs.some((v) => v.running) || app.state.view === 'run') return;
  busy = true;
  let added = 0;
  try {
    for (const job of jobs) {
      const slice = await call('runJobSlice', job.id, { live: true });
      added += slice.counts.rowsAdded;
      if (slice.paused) break;
    }
    if (!app.state.live.on) return;
    app.set({ live: { on: true, lastAt: Date.now(), added, error: null } });
    if (app.state.view === 'home') void app.refresh(true);
  } catch (e) {
    app.set({ live: { ...app.state.live, error: plain((e as Error).message) } });
  } finally {
    busy = false;
  }
}
