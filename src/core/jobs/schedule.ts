import type { Schedule } from './types';

/** Wall-clock parts of an instant in a time zone (0 = Sunday). */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

export type Zoner = (ms: number) => ZonedParts;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** The dispatcher fires about hourly; an hourly job counts as due a little early to absorb drift. */
const HOURLY_SLACK = 10 * 60_000;

/**
 * The latest instant at or before `now` when the schedule was meant to run, or null if never.
 * Local times are read in the spreadsheet's zone through `zone`.
 */
export function lastSlot(schedule: Schedule, now: number, zone: Zoner): number | null {
  switch (schedule.every) {
    case 'manual':
      return null;
    case 'hour':
      return now - HOUR + HOURLY_SLACK;
    case 'once': {
      const at = Date.parse(schedule.at as string);
      return at <= now ? at : null;
    }
    case 'day':
    case 'week': {
      const p = zone(now);
      // The offset of the zone now, so local midnight can be turned back into an instant.
      const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(now / 60_000) * 60_000;
      const localMidnight = Date.UTC(p.year, p.month - 1, p.day) - offset;
      let slot = localMidnight + (schedule.hour ?? 0) * HOUR;
      let weekday = p.weekday;
      if (slot > now) {
        slot -= DAY;
        weekday = (weekday + 6) % 7;
      }
      if (schedule.every === 'week') {
        const back = (weekday - (schedule.weekday ?? 1) + 7) % 7;
        slot -= back * DAY;
      }
      return slot;
    }
  }
}

/**
 * A job is due when one of its slots has passed since `since` (its last success, or when it was
 * saved: a new job waits for its first slot; "Run now" is there for the impatient).
 */
export function isDue(schedule: Schedule, since: number, now: number, zone: Zoner): boolean {
  const slot = lastSlot(schedule, now, zone);
  return slot !== null && slot > since;
}

/** The next instant the schedule wants to run after `now` (for the sidebar), or null. */
export function nextSlot(schedule: Schedule, since: number, now: number, zone: Zoner): number | null {
  if (schedule.every === 'manual') return null;
  if (schedule.every === 'once') {
    const at = Date.parse(schedule.at as string);
    return since >= at ? null : at;
  }
  if (schedule.every === 'hour') return Math.max(now, since + HOUR - HOURLY_SLACK);
  const step = schedule.every === 'day' ? DAY : 7 * DAY;
  return (lastSlot(schedule, now, zone) as number) + step;
}
