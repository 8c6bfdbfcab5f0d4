import { isDue, lastSlot, nextSlot, type Zoner } from '../../src/core/jobs/schedule';
import { zonedParts } from '../../src/host/utilities';

const zone =
  (tz: string): Zoner =>
  (ms) =>
    zonedParts(ms, tz);
const at = (iso: string) => Date.parse(iso);

describe('schedules', () => {
  it('daily: the last slot is today at the hour in the spreadsheet zone, or yesterday if not yet reached', () => {
    const ny = zone('America/New_York');
    expect(new Date(lastSlot({ every: 'day', hour: 7 }, at('2026-11-28T15:00:00Z'), ny)!).toISOString()).toBe('2026-11-28T12:00:00.000Z');
    expect(new Date(lastSlot({ every: 'day', hour: 7 }, at('2026-11-28T11:00:00Z'), ny)!).toISOString()).toBe('2026-11-27T12:00:00.000Z');
  });

  it('weekly: the last matching weekday at the hour', () => {
    const lisbon = zone('Europe/Lisbon');
    // 2026-11-28 is a Saturday; Monday (1) 09:00 → 2026-11-23 09:00 Lisbon (UTC+0 in winter).
    expect(new Date(lastSlot({ every: 'week', hour: 9, weekday: 1 }, at('2026-11-28T12:00:00Z'), lisbon)!).toISOString()).toBe(
      '2026-11-23T09:00:00.000Z',
    );
    expect(new Date(lastSlot({ every: 'week', hour: 13, weekday: 6 }, at('2026-11-28T12:00:00Z'), lisbon)!).toISOString()).toBe(
      '2026-11-21T13:00:00.000Z',
    );
  });

  it('works across a half-hour zone', () => {
    const kolkata = zone('Asia/Kolkata');
    expect(new Date(lastSlot({ every: 'day', hour: 6 }, at('2026-11-28T03:00:00Z'), kolkata)!).toISOString()).toBe(
      '2026-11-28T00:30:00.000Z',
    );
  });

  it('a job is due when a slot passed since its last success (or since it was saved)', () => {
    const utc = zone('UTC');
    const daily = { every: 'day' as const, hour: 6 };
    expect(isDue(daily, at('2026-11-28T05:00:00Z'), at('2026-11-28T06:10:00Z'), utc)).toBe(true);
    expect(isDue(daily, at('2026-11-28T06:05:00Z'), at('2026-11-28T07:10:00Z'), utc)).toBe(false);
    expect(isDue({ every: 'hour' }, at('2026-11-28T06:00:00Z'), at('2026-11-28T06:55:00Z'), utc)).toBe(true);
    expect(isDue({ every: 'hour' }, at('2026-11-28T06:30:00Z'), at('2026-11-28T06:55:00Z'), utc)).toBe(false);
    expect(isDue({ every: 'manual' }, 0, at('2026-11-28T06:55:00Z'), utc)).toBe(false);
    const once = { every: 'once' as const, at: '2026-11-28T08:00:00Z' };
    expect(isDue(once, at('2026-11-28T01:00:00Z'), at('2026-11-28T07:59:00Z'), utc)).toBe(false);
    expect(isDue(once, at('2026-11-28T01:00:00Z'), at('2026-11-28T08:30:00Z'), utc)).toBe(true);
    expect(isDue(once, at('2026-11-28T08:31:00Z'), at('2026-11-28T09:30:00Z'), utc)).toBe(false);
  });

  it('next slot for the sidebar', () => {
    const utc = zone('UTC');
    expect(new Date(nextSlot({ every: 'day', hour: 6 }, 0, at('2026-11-28T07:00:00Z'), utc)!).toISOString()).toBe(
      '2026-11-29T06:00:00.000Z',
    );
    expect(nextSlot({ every: 'manual' }, 0, 0, utc)).toBeNull();
  });
});
