import fc from 'fast-check';
import type { Column } from '../../src/core/jobs/types';
import { resolveLayout } from '../../src/core/sync/layout';

const COLUMNS: Column[] = ['id', 'name', 'stage', 'owner', 'createdAt'].map((path) => ({ path, header: `H:${path}`, type: 'text' }));

/**
 * A tab after the user dragged the job's columns into any order, put columns of their own among
 * them, and renamed some of the job's headers: each sheet column is either a job column (its tag
 * moved with it) or the user's own, untagged.
 */
const edited = fc
  .record({
    order: fc.shuffledSubarray(
      COLUMNS.map((_, i) => i),
      { minLength: COLUMNS.length },
    ),
    mine: fc.array(fc.constantFrom('Notes', 'Decision', '', 'Owner (mine)', 'H:name'), { maxLength: 4 }),
    slots: fc.array(fc.nat(), { maxLength: 4 }),
    renamed: fc.array(fc.boolean(), { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
  })
  .map(({ order, mine, slots, renamed }) => {
    const cells: Array<{ job: number | null; header: string }> = order.map((i) => ({
      job: i,
      header: renamed[i] ? `renamed ${i}` : COLUMNS[i].header,
    }));
    mine.forEach((h, n) => cells.splice((slots[n] ?? 0) % (cells.length + 1), 0, { job: null, header: h }));
    return cells;
  });

describe('resolveLayout', () => {
  it('finds every job column where the user dragged or renamed it, and never picks a column of theirs', () => {
    fc.assert(
      fc.property(edited, (cells) => {
        const tags = new Map(cells.flatMap((c, i) => (c.job === null ? [] : [[i + 1, COLUMNS[c.job].path] as [number, string]])));
        const layout = resolveLayout(
          COLUMNS,
          cells.map((c) => c.header),
          tags,
        );
        COLUMNS.forEach((_, j) => expect(layout.cols[j]).toBe(cells.findIndex((c) => c.job === j) + 1));
        expect(layout.added).toEqual([]);
        expect(layout.retag.size).toBe(0);
      }),
    );
  });

  it('without tags (a tab from before them, or columns moved by cut and paste), headers decide and tags are set', () => {
    fc.assert(
      fc.property(edited, (cells) => {
        // Without tags, a column of the user's under a job column's header cannot be told apart: not here.
        const headers = cells.map((c) => (c.job !== null ? COLUMNS[c.job].header : c.header.startsWith('H:') ? 'Notes' : c.header));
        const layout = resolveLayout(COLUMNS, headers, new Map([[1, 'stale']]));
        COLUMNS.forEach((_, j) => expect(layout.cols[j]).toBe(cells.findIndex((c) => c.job === j) + 1));
        COLUMNS.forEach((c, j) => expect(layout.retag.get(layout.cols[j])).toBe(c.path));
        if (cells[0].job === null) expect(layout.retag.get(1)).toBeNull();
      }),
    );
  });

  it('adds the missing columns after the last one in use, header text as the job names it', () => {
    const layout = resolveLayout(COLUMNS, ['H:id', 'Notes', '', 'H:stage'], new Map([[1, 'id']]));
    expect(layout.cols).toEqual([1, 5, 4, 6, 7]);
    expect(layout.headers).toEqual(['H:id', 'H:name', 'H:stage', 'H:owner', 'H:createdAt']);
    expect(layout.added.map((a) => a.index)).toEqual([1, 3, 4]);
  });
});
