import fc from 'fast-check';
import { calendarDay, columnFormat, columnWidth, MAX_WIDTH_PX, readableEnum, refreshedNote } from '../../src/core/format/display';
import type { Zoner } from '../../src/core/jobs/schedule';

/** A zone at a fixed offset from UTC (minutes), as the Apps Script zoner reports one. */
const fixed =
  (offsetMin: number): Zoner =>
  (ms) => {
    const d = new Date(ms + offsetMin * 60_000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      weekday: d.getUTCDay(),
    };
  };

describe('how values read in the sheet', () => {
  it('enums in words; text that is not an enum is left as it is', () => {
    expect(readableEnum('approval-sent')).toBe('Approval sent');
    expect(readableEnum('needsAction')).toBe('Needs action');
    expect(readableEnum('non-confidential')).toBe('Non-confidential');
    expect(readableEnum('full-time')).toBe('Full-time');
    expect(readableEnum('per-year-salary')).toBe('Per year salary');
    expect(readableEnum('super admin')).toBe('Super admin');
    for (const s of ['Already Words', '=1+1', 'a,b', '', 'x--y']) expect(readableEnum(s)).toBe(s);
  });

  it('a calendar day lands at midnight of the same day in any zone (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -12 * 60, max: 14 * 60 }), (days, offset) => {
        const utcMidnight = new Date(Date.UTC(1990, 0, 1) + days * 86_400_000);
        const zone = fixed(offset);
        const local = calendarDay(utcMidnight, zone) as Date;
        const p = zone(local.getTime());
        expect([p.year, p.month, p.day, p.hour, p.minute]).toEqual([
          utcMidnight.getUTCFullYear(),
          utcMidnight.getUTCMonth() + 1,
          utcMidnight.getUTCDate(),
          0,
          0,
        ]);
      }),
    );
  });

  it('formats by type, widths fitted and capped', () => {
    expect(columnFormat({ type: 'date' })).toBe('yyyy-mm-dd hh:mm');
    expect(columnFormat({ type: 'day' })).toBe('yyyy-mm-dd');
    expect(columnFormat({ type: 'number', format: '0' })).toBe('0');
    expect(columnFormat({ type: 'text' })).toBeNull();
    const short = columnWidth({ type: 'text', header: 'ID' }, ['a']);
    expect(short).toBe(100);
    const long = columnWidth({ type: 'text', header: 'Notes' }, ['x'.repeat(2000)]);
    expect(short).toBeLessThan(long);
    expect(long).toBe(MAX_WIDTH_PX);
    // A link column is as wide as its words, not its address.
    expect(
      columnWidth({ type: 'url', header: 'Lever link', linkText: 'Open in Lever' }, [`https://hire.lever.co/candidates/${'a'.repeat(36)}`]),
    ).toBeLessThan(150);
  });

  it('the refreshed note says when in the sheet’s zone, what changed, and by whom', () => {
    const note = refreshedNote(
      { ms: Date.UTC(2026, 11, 1, 9, 14), zone: fixed(60), timeZone: 'Europe/Paris' },
      { incremental: true, added: 3, updated: 2, deleted: 1 },
    );
    expect(note).toContain('Last refreshed 2026-12-01 10:14 (Europe/Paris) by Lever Sync.');
    expect(note).toContain('rows 3 added, 2 updated, 1 removed');
  });
});
