import type { Zoner } from '../jobs/schedule';

/**
 * The hiring dashboard's numbers, worked out from the candidates of the dashboard's data tab:
 * plain computation, no platform, so a test can check it against the sandbox independently.
 */

/** What the dashboard needs of one candidate (a row of the data tab). */
export interface DashboardCandidate {
  stageId: string | null;
  archived: boolean;
  /** Their first source, or null. */
  source: string | null;
  createdAt: number | null;
  /** Stages entered, in any order: the stage and when. */
  stageChanges: Array<{ stage: string; at: number }>;
  offerSentAt: number | null;
  offerAcceptedAt: number | null;
}

export interface DashboardFigures {
  /** Active (not archived) candidates per stage, in Lever's pipeline order. */
  funnel: Array<{ stage: string; candidates: number }>;
  /** New candidates per week (Monday, local) by first source, the last 12 weeks, oldest first. */
  weekly: { weeks: string[]; sources: string[]; counts: number[][] };
  /** Median days of finished stays in each stage (entered until the next change), and how many. */
  stageDays: Array<{ stage: string; medianDays: number | null; stays: number }>;
  /** Offers sent and accepted per month (local), the last 12 months, oldest first. */
  offers: Array<{ month: string; sent: number; accepted: number }>;
}

const DAY = 86_400_000;
export const WEEKS = 12;
export const MONTHS = 12;
/** Sources shown by name in the weekly chart; the rest are summed as Other. */
export const TOP_SOURCES = 5;
export const NO_SOURCE = 'No source';
export const OTHER_SOURCES = 'Other sources';

export function dashboardFigures(
  candidates: DashboardCandidate[],
  stages: Array<{ id: string; text: string }>,
  now: number,
  zone: Zoner,
): DashboardFigures {
  const names = new Map(stages.map((s) => [s.id, s.text]));
  // Stages Lever no longer lists (deleted) still count, after the pipeline's own, by id.
  const order = [...stages.map((s) => s.id)];
  const seen = (id: string | null) => id !== null && !order.includes(id) && order.push(id);
  for (const c of candidates) {
    seen(c.stageId);
    for (const ch of c.stageChanges) seen(ch.stage);
  }
  const label = (id: string) => names.get(id) ?? id;
  return {
    funnel: order.map((id) => ({ stage: label(id), candidates: candidates.filter((c) => !c.archived && c.stageId === id).length })),
    weekly: weekly(candidates, now, zone),
    stageDays: stageDays(candidates, order, label),
    offers: offers(candidates, now, zone),
  };
}

function weekly(candidates: DashboardCandidate[], now: number, zone: Zoner): DashboardFigures['weekly'] {
  const thisWeek = mondayOf(now, zone);
  const weeks = Array.from({ length: WEEKS }, (_, i) => isoDay(thisWeek - (WEEKS - 1 - i) * 7 * DAY));
  const at = new Map(weeks.map((w, i) => [w, i]));
  const inWindow = candidates.flatMap((c) => {
    const i = c.createdAt === null ? undefined : at.get(isoDay(mondayOf(c.createdAt, zone)));
    return i === undefined ? [] : [{ week: i, source: c.source ?? NO_SOURCE }];
  });
  const totals = new Map<string, number>();
  for (const x of inWindow) totals.set(x.source, (totals.get(x.source) ?? 0) + 1);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s);
  const named = ranked.length > TOP_SOURCES + 1 ? ranked.slice(0, TOP_SOURCES) : ranked;
  const sources = ranked.length > named.length ? [...named, OTHER_SOURCES] : named;
  const counts = weeks.map(() => sources.map(() => 0));
  for (const x of inWindow) {
    const s = named.includes(x.source) ? sources.indexOf(x.source) : sources.length - 1;
    counts[x.week][s]++;
  }
  return { weeks, sources, counts };
}

function stageDays(candidates: DashboardCandidate[], order: string[], label: (id: string) => string): DashboardFigures['stageDays'] {
  const stays = new Map<string, number[]>();
  for (const c of candidates) {
    const sorted = [...c.stageChanges].sort((a, b) => a.at - b.at);
    sorted.forEach((ch, i) => {
      const next = sorted[i + 1];
      if (!next) return;
      const list = stays.get(ch.stage) ?? [];
      list.push((next.at - ch.at) / DAY);
      stays.set(ch.stage, list);
    });
  }
  return order.map((id) => {
    const days = stays.get(id) ?? [];
    return { stage: label(id), medianDays: days.length ? Math.round(median(days) * 10) / 10 : null, stays: days.length };
  });
}

function offers(candidates: DashboardCandidate[], now: number, zone: Zoner): DashboardFigures['offers'] {
  const p = zone(now);
  const months = Array.from({ length: MONTHS }, (_, i) => {
    const m = p.year * 12 + (p.month - 1) - (MONTHS - 1 - i);
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
  const out = months.map((month) => ({ month, sent: 0, accepted: 0 }));
  const at = new Map(months.map((m, i) => [m, i]));
  for (const c of candidates) {
    const sent = c.offerSentAt === null ? undefined : at.get(monthOf(c.offerSentAt, zone));
    if (sent !== undefined) out[sent].sent++;
    const accepted = c.offerAcceptedAt === null ? undefined : at.get(monthOf(c.offerAcceptedAt, zone));
    if (accepted !== undefined) out[accepted].accepted++;
  }
  return out;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Midnight UTC of the local calendar day's Monday: a stable key for the week. */
function mondayOf(ms: number, zone: Zoner): number {
  const p = zone(ms);
  return Date.UTC(p.year, p.month - 1, p.day) - ((p.weekday + 6) % 7) * DAY;
}

function isoDay(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

function monthOf(ms: number, zone: Zoner): string {
  const p = zone(ms);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}
