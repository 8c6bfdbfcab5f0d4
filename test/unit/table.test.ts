import { SheetLimitError } from '../../src/core/errors';
import { fitCell, toCell, SHEET_CELL_MAX_CHARS } from '../../src/core/format/cell';
import type { Column } from '../../src/core/jobs/types';
import { SheetTable } from '../../src/core/sync/table';
import { contiguousRuns } from '../../src/core/sync/cells';
import { clearAfterRunLinks, fillLinks } from '../../src/core/sync/link-column';
import { FakeWorkbook } from '../helpers/fakes';
import { appendRunLog, RUN_LOG_MAX_ROWS } from '../../src/core/sync/run-log';
import { emptyCounts } from '../../src/core/sync/state';

const COLS: Column[] = [
  { path: 'id', header: 'ID', type: 'id' },
  { path: 'name', header: 'Name', type: 'text' },
  { path: 'createdAt', header: 'Created', type: 'date' },
];

const row = (id: string, name: string) => ({ key: id, values: [id, name, new Date(0)] });

describe('SheetTable', () => {
  it('creates the tab with a frozen header and date formats, and appends new rows in one write per column run', () => {
    const wb = new FakeWorkbook();
    const t = SheetTable.open(wb, 'P', COLS, 'id');
    const sheet = wb.sheets.get('P')!;
    expect(sheet.rows[0]).toEqual(['ID', 'Name', 'Created']);
    expect(sheet.frozen).toBe(true);
    expect([...sheet.bold]).toEqual([1, 2, 3]);
    sheet.writes = 0;
    expect(t.upsert([row('a', 'A'), row('b', 'B'), row('c', 'C')])).toEqual({ added: 3, updated: 0, deleted: 0 });
    expect(sheet.writes).toBe(1);
    // The new rows' dates are formatted (each write formats its own cells), the text is not.
    expect(['2:3', '3:3', '4:3'].map((k) => sheet.cellFormats.get(k))).toEqual(Array(3).fill('yyyy-mm-dd hh:mm'));
    expect(sheet.cellFormats.has('2:2')).toBe(false);
    // Sized to its header and first values: the dates need more than Sheets' default 100 px, the short ones keep it.
    expect([...sheet.widths]).toEqual([[3, 140]]);
    // The end of the job's first run: a filter over its columns, and the note on the first header cell.
    t.finish('Last refreshed …', true);
    expect(sheet.filterCols).toBe(3);
    expect(sheet.notes.get('1:1')).toBe('Last refreshed …');
  });

  it('finds columns by header and rows by key after the user moved and sorted them, never touching their column', () => {
    const wb = new FakeWorkbook();
    SheetTable.open(wb, 'P', COLS, 'id').upsert([row('a', 'A'), row('b', 'B'), row('c', 'C')]);
    const sheet = wb.sheets.get('P')!;
    // User: Name first, a notes column, rows reversed.
    sheet.rows = [
      ['Name', 'Notes', 'ID', 'Created'],
      ['C', 'n-c', 'c', null],
      ['B', 'n-b', 'b', null],
      ['A', 'n-a', 'a', null],
    ];
    const t = SheetTable.open(wb, 'P', COLS, 'id');
    expect(t.upsert([row('a', 'A2'), row('d', 'D')])).toEqual({ added: 1, updated: 1, deleted: 0 });
    expect(sheet.rows.map((r) => r.slice(0, 3))).toEqual([
      ['Name', 'Notes', 'ID'],
      ['C', 'n-c', 'c'],
      ['B', 'n-b', 'b'],
      ['A2', 'n-a', 'a'],
      ['D', undefined, 'd'],
    ]); // nothing was written to Notes
  });

  it('reads the key column once per open table, yet a sort between two writes (same row count) is caught at the rows written', () => {
    const wb = new FakeWorkbook();
    const t = SheetTable.open(wb, 'P', [...COLS, { path: 'n', header: 'N', type: 'text' }], 'id');
    const sheet = wb.sheets.get('P')!;
    t.upsert(['a', 'b', 'c', 'd'].map((id) => ({ key: id, values: [id, id.toUpperCase(), new Date(0), 'x'] })));
    const reads = () => sheet.readLog.filter((r) => r.col === 1 && r.rows > 1).length;
    const before = reads();
    t.upsert([{ key: 'e', values: ['e', 'E', new Date(0), 'x'] }]);
    t.upsert([{ key: 'b', values: ['b', 'B2', new Date(0), 'x'] }]);
    expect(reads() - before).toBe(0); // positions checked at the row written, not by re-reading every key
    // The user sorts by name, descending, with a note per row that must stay with its candidate.
    const [header, ...data] = sheet.rows;
    sheet.rows = [header, ...data.sort((x, y) => String(y[1]).localeCompare(String(x[1])))];
    sheet.rows.forEach((r, i) => i > 0 && (r[4] = `note-${String(r[0])}`));
    t.upsert([
      { key: 'a', values: ['a', 'A2', new Date(0), 'x'] },
      { key: 'd', values: ['d', 'D2', new Date(0), 'x'] },
    ]);
    for (const r of sheet.rows.slice(1)) {
      expect(r[4]).toBe(`note-${String(r[0])}`);
      expect(String(r[1])[0]).toBe(String(r[0]).toUpperCase());
    }
    expect(sheet.rows.slice(1).map((r) => r[1])).toEqual(expect.arrayContaining(['A2', 'D2', 'B2', 'C', 'E']));
    expect(sheet.rows).toHaveLength(6);
  });

  it('adds a missing column at the end instead of overwriting the user’s', () => {
    const wb = new FakeWorkbook();
    const sheet = wb.createSheet('P');
    sheet.rows = [
      ['ID', 'Mine'],
      ['a', 'keep'],
    ];
    SheetTable.open(wb, 'P', COLS, 'id');
    expect(sheet.rows[0]).toEqual(['ID', 'Mine', 'Name', 'Created']);
    expect(sheet.rows[1]).toEqual(['a', 'keep']);
  });

  it('deletes rows bottom-up in contiguous runs, and prunes children that vanished from a parent', () => {
    const wb = new FakeWorkbook();
    const cols: Column[] = [...COLS, { path: 'opportunityId', header: 'Opp', type: 'id' }];
    const t = SheetTable.open(wb, 'I', cols, 'id', 'opportunityId');
    const child = (id: string, opp: string) => ({ key: id, values: [id, id, new Date(0), opp] });
    t.upsert([child('i1', 'o1'), child('i2', 'o1'), child('i3', 'o2')]);
    const res = t.upsert([child('i2', 'o1')], new Set(['o1']));
    expect(res).toEqual({ added: 0, updated: 1, deleted: 1 });
    expect(
      wb.sheets
        .get('I')!
        .rows.slice(1)
        .map((r) => r[0]),
    ).toEqual(['i2', 'i3']);
    expect(t.deleteWhere((_k, parent) => parent === 'o2')).toBe(1);
  });

  it('refuses, before writing, a write that would pass 10 million cells', () => {
    const wb = new FakeWorkbook();
    wb.cellsElsewhere = 10_000_000 - 10; // other tabs fill the spreadsheet almost to the cap
    const t = SheetTable.open(wb, 'P', COLS, 'id');
    const sheet = wb.sheets.get('P')!;
    const before = JSON.stringify(sheet.rows);
    expect(() => t.upsert([row('a', 'A'), row('b', 'B'), row('c', 'C'), row('d', 'D'), row('e', 'E')])).toThrow(SheetLimitError);
    expect(() => t.upsert([row('a', 'A'), row('b', 'B'), row('c', 'C'), row('d', 'D'), row('e', 'E')])).toThrow(
      /over Google's limit of 10,000,000\. Nothing was written/,
    );
    expect(JSON.stringify(sheet.rows)).toBe(before);
  });

  it('a row cut between its writes and then sorted into the middle is finished in place, not added again', () => {
    const wb = new FakeWorkbook();
    SheetTable.open(wb, 'P', COLS, 'id').upsert([row('a', 'A'), row('c', 'C')]);
    const sheet = wb.sheets.get('P')!;
    // The user put a column between ID and Name; a write of "b" was cut before its key; then a sort.
    sheet.rows = [
      ['ID', 'Mine', 'Name', 'Created'],
      ['a', 'x', 'A', null],
      [null, null, 'B', new Date(0)],
      ['c', 'y', 'C', null],
      [null, 'my own row', null, null],
    ];
    const t = SheetTable.open(wb, 'P', COLS, 'id');
    expect(t.upsert([row('b', 'B'), row('d', 'D')])).toEqual({ added: 2, updated: 0, deleted: 0 });
    expect(sheet.rows.map((r) => Array.from({ length: 3 }, (_, i) => r[i] ?? null))).toEqual([
      ['ID', 'Mine', 'Name'],
      ['a', 'x', 'A'],
      ['b', null, 'B'],
      ['c', 'y', 'C'],
      [null, 'my own row', null],
      ['d', null, 'D'],
    ]);
  });

  it('a cut row sorted into the middle whose record changed since is still its row: same creation time, most cells alike', () => {
    const wb = new FakeWorkbook();
    const cols: Column[] = [
      { path: 'id', header: 'ID', type: 'id' },
      { path: 'name', header: 'Name', type: 'text' },
      { path: 'email', header: 'Email', type: 'text' },
      { path: 'stage', header: 'Stage', type: 'text' },
      { path: 'owner', header: 'Owner', type: 'text' },
      { path: 'createdAt', header: 'Created', type: 'date' },
    ];
    const rec = (id: string, stage: string, born: number) => ({
      key: id,
      values: [id, id.toUpperCase(), `${id}@x.example`, stage, 'Ann', new Date(born)],
    });
    SheetTable.open(wb, 'P', cols, 'id').upsert([rec('a', 'New', 1), rec('c', 'New', 3)]);
    const sheet = wb.sheets.get('P')!;
    // "b" was cut before its key while at stage "New", sorted into the middle; it moved to "Offer" since.
    // Rows of the user's own are left alone: one like it but born at another time, one born then but otherwise unlike it.
    sheet.rows = [
      sheet.rows[0],
      sheet.rows[1],
      [null, 'Zed', 'z@x.example', 'Offer', 'Bob', new Date(2)],
      [null, 'B', 'b@x.example', 'New', 'Ann', new Date(2)],
      [null, 'B', 'b@x.example', 'Offer', 'Ann', new Date(9)],
      sheet.rows[2],
    ];
    const t = SheetTable.open(wb, 'P', cols, 'id');
    expect(t.upsert([rec('b', 'Offer', 2)])).toEqual({ added: 1, updated: 0, deleted: 0 });
    expect(sheet.rows.map((r) => [r[0] ?? null, r[3]])).toEqual([
      ['ID', 'Stage'],
      ['a', 'New'],
      [null, 'Offer'],
      ['b', 'Offer'],
      [null, 'Offer'],
      ['c', 'New'],
    ]);
  });

  it('leaves a column filled after the run (resume links) to that step: kept on update, emptied on a rewrite, filled by id', () => {
    const wb = new FakeWorkbook();
    const cols: Column[] = [...COLS, { path: '$resume', header: 'Resume', type: 'url', linkText: 'Open resume', afterRun: true }];
    const withLink = (id: string, name: string) => ({ key: id, values: [id, name, new Date(0), null] });
    const t = SheetTable.open(wb, 'P', cols, 'id');
    t.upsert([withLink('a', 'A'), withLink('b', 'B')]);
    const sheet = wb.sheets.get('P')!;
    expect(fillLinks(t, '$resume', 'id', (id) => (id === 'a' ? 'https://files/a.pdf' : null))).toBe(1);
    expect(sheet.rows.slice(1).map((r) => r[3])).toEqual(['Open resume', null]);
    expect(sheet.readLinks(2, 4, 2)).toEqual(['https://files/a.pdf', null]);
    // An update of the row leaves the link; an unchanged row is not rewritten for lacking one.
    expect(t.upsert([withLink('a', 'A2')])).toEqual({ added: 0, updated: 1, deleted: 0 });
    expect(sheet.readLinks(2, 4, 1)).toEqual(['https://files/a.pdf']);
    expect(t.changedRows([withLink('a', 'A2'), withLink('b', 'B')])).toEqual([]);
    // The sheet sorted: links follow each row's own id.
    sheet.rows = [sheet.rows[0], sheet.rows[2], sheet.rows[1]];
    fillLinks(t, '$resume', 'id', (id) => `https://files/${id}.pdf`);
    expect(sheet.readLinks(2, 4, 2)).toEqual(['https://files/b.pdf', 'https://files/a.pdf']);
    // Replace mode's rewrite puts other records in the rows: their links go until the step fills them.
    t.replaceAll([withLink('c', 'C').values]);
    clearAfterRunLinks(t);
    expect(sheet.rows.slice(1).map((r) => r[3])).toEqual([null]);
    expect(sheet.readLinks(2, 4, 1)).toEqual([null]);
  });

  it('contiguous runs', () => {
    expect(contiguousRuns([5, 1, 2, 3, 7, 8])).toEqual([
      { start: 1, count: 3 },
      { start: 5, count: 1 },
      { start: 7, count: 2 },
    ]);
  });
});

describe('cell values', () => {
  it('types follow the column: dates, numbers, booleans, lists; absent and null are empty', () => {
    expect(toCell(1700000000000, 'date')).toEqual(new Date(1700000000000));
    expect(toCell('120000', 'number')).toBe(120000);
    expect(Object.is(toCell(-0, 'number'), 0)).toBe(true);
    expect(Object.is(toCell('-0', 'number'), 0)).toBe(true);
    expect(toCell('true', 'boolean')).toBe(true);
    expect(toCell(['a', null, 'b'], 'list')).toBe('a, , b');
    expect(toCell([1700000000000], 'list', 'stageChanges.updatedAt')).toBe('2023-11-14T22:13:20.000Z');
    expect(toCell(undefined, 'text')).toBeNull();
    expect(toCell(null, 'date')).toBeNull();
    expect(toCell(42, 'text')).toBe('42');
    expect(toCell('not a number', 'number')).toBe('not a number');
  });

  it('cuts text that a cell cannot hold, leaving room for the text marker', () => {
    const cut = fitCell('y'.repeat(60000)) as string;
    expect(cut.length).toBe(SHEET_CELL_MAX_CHARS - 1);
    expect(cut.endsWith('…[cut: text longer than a sheet cell holds]')).toBe(true);
    expect(fitCell('short')).toBe('short');
  });
});

describe('run log', () => {
  it('keeps about the newest RUN_LOG_MAX_ROWS runs, trimming the oldest in one call', () => {
    const wb = new FakeWorkbook();
    const summary = (i: number) => ({
      runId: `r${i}`,
      jobId: 'j',
      jobName: `run ${i}`,
      status: 'ok' as const,
      incremental: true,
      startedAt: i,
      finishedAt: i,
      durationMs: 0,
      counts: emptyCounts(),
    });
    for (let i = 0; i < RUN_LOG_MAX_ROWS + 150; i++) appendRunLog(wb, summary(i));
    const sheet = wb.sheets.get('Sync log')!;
    expect(sheet.lastRow() - 1).toBeLessThanOrEqual(RUN_LOG_MAX_ROWS + 100);
    expect(sheet.lastRow() - 1).toBeGreaterThanOrEqual(RUN_LOG_MAX_ROWS);
    expect(sheet.rows[sheet.lastRow() - 1][2]).toBe(`run ${RUN_LOG_MAX_ROWS + 149}`);
    expect(sheet.rows[0][0]).toBe('Started');
  });
});
