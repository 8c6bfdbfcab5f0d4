import type { RunCounts, RunProgress, Schedule } from '../../src/shared/rpc';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Nov 28, 14:05" in the spreadsheet's time zone (falls back to UTC for an unknown zone). */
export function formatTime(ms: number | null | undefined, timeZone: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const opts: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false };
  try {
    return new Intl.DateTimeFormat('en-US', { ...opts, timeZone }).format(new Date(ms));
  } catch {
    return new Intl.DateTimeFormat('en-US', { ...opts, timeZone: 'UTC' }).format(new Date(ms)) + ' UTC';
  }
}

function hourText(hour: number | undefined): string {
  return `${String(hour ?? 0).padStart(2, '0')}:00`;
}

/** A schedule in one short phrase, in the spreadsheet's time zone. */
export function scheduleText(s: Schedule, timeZone: string): string {
  switch (s.every) {
    case 'manual':
      return 'Manual only';
    case 'hour':
      return 'Every hour';
    case 'day':
      return `Daily at ${hourText(s.hour)} (${timeZone})`;
    case 'week':
      return `Weekly on ${WEEKDAYS[s.weekday ?? 1]} at ${hourText(s.hour)} (${timeZone})`;
    case 'once':
      return `Once, ${formatTime(Date.parse(s.at ?? ''), timeZone)}`;
    default:
      return '';
  }
}

/** The one sentence each mode is explained with. */
export const MODE_TEXT: Record<'upsert' | 'append' | 'replace', string> = {
  upsert: 'Upsert keeps one row per record and updates it; your own columns stay.',
  append: 'Append adds a row for every change, so the tab keeps the full history.',
  replace: 'Replace rewrites the whole tab with what Lever has now.',
};

export function countsText(c: Pick<RunCounts, 'records' | 'rowsAdded' | 'rowsUpdated' | 'rowsDeleted'>): string {
  return `${c.records} records · +${c.rowsAdded} added · ${c.rowsUpdated} updated · ${c.rowsDeleted} removed`;
}

/** 5000 → "5,000". */
export function num(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** How far a run is, as a person says it: "Fetching interviews for 340 of about 5,000 candidates". */
export function progressWords(p: RunProgress): string {
  const of = p.total && p.listed <= p.total ? ` of about ${num(p.total)}` : '';
  const noun = p.listedNoun;
  switch (p.phase) {
    case 'records':
      if (p.childNoun) return `Fetching ${p.childNoun} for ${num(p.listed)}${of} ${p.incremental ? `changed ${noun}` : noun}`;
      if (p.incremental) return `Reading ${noun} changed since the last run: ${num(p.listed)} so far`;
      return `Reading ${noun}: ${num(p.listed)}${of || ' so far'}`;
    case 'share':
      return `Re-reading ${p.childNoun ?? noun} of a share of ${noun}, to catch what Lever did not mark as changed`;
    case 'deletions':
      return `Looking for ${noun} removed in Lever`;
    default:
      return 'Finishing: copies and the Sync log';
  }
}

/** The share of the run that is done, 0–1, or null when there is no total to measure against. */
export function progressShare(p: RunProgress): number | null {
  if (p.phase === 'deletions' || p.phase === 'finish') return 0.98;
  if (p.phase === 'share' || !p.total) return null;
  return Math.min(0.97, p.listed / p.total);
}

/**
 * A rough time left for a run, from the rate since the sidebar started watching it: null until
 * there is enough to go on, or when Lever's records have no total to aim at.
 */
export function estimateRemaining(elapsedMs: number, doneSinceStart: number, left: number | null): number | null {
  if (left === null || left <= 0 || doneSinceStart <= 0 || elapsedMs < 2000) return null;
  return Math.round((elapsedMs / doneSinceStart) * left);
}

export function durationText(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `about ${s} s left`;
  return `about ${Math.round(s / 60)} min left`;
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(ms: number, timeZone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour12: false,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute);
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/** "2026-12-01T09:00" read as wall-clock time in the spreadsheet's zone → ISO instant (UTC). */
export function zonedInputToIso(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return '';
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // Two rounds settle the offset, also across a daylight-saving change.
  let utc = wall - offsetMinutes(wall, timeZone) * 60_000;
  utc = wall - offsetMinutes(utc, timeZone) * 60_000;
  return new Date(utc).toISOString();
}

/** An ISO instant as the value of a datetime-local input, in the spreadsheet's zone. */
export function isoToZonedInput(iso: string | undefined, timeZone: string): string {
  const ms = Date.parse(iso ?? '');
  if (!Number.isFinite(ms)) return '';
  return new Date(ms + offsetMinutes(ms, timeZone) * 60_000).toISOString().slice(0, 16);
}

/** A time of day with seconds, '12:04:10', in the spreadsheet's zone. */
export function formatClock(ms: number, timeZone: string): string {
  const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...opts, timeZone }).format(new Date(ms));
  } catch {
    return new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: 'UTC' }).format(new Date(ms));
  }
}
