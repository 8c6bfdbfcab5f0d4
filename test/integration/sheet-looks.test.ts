/**
 * The sheet is the product: what a recruiter sees when they open a synced tab, its .xlsx copy and
 * the workbook `npm start` writes. Each test reads the tab the shipped bundle wrote in the host.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { writeWorkbook } from '../../src/cli/xlsx';
import type { LocalWorld } from '../../src/cli/local-world';
import type { EmuSheet } from '../../src/host/spreadsheet';
import { EmuFilterCriteria } from '../../src/host/filter';
import type { Rec } from '../../src/sandbox/types';
import { connectedWorld, inWords, runToEnd, saveJob, sheetObjects, visibleOpportunities, wallClock } from '../helpers/world';

const HOUR = 3600_000;

function column(tab: EmuSheet, header: string): number {
  const at = tab.snapshot()[0].indexOf(header);
  if (at < 0) throw new Error(`no column ${header}`);
  return at + 1;
}

async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb.worksheets[0];
}

const postingName = (world: LocalWorld, id: unknown) => String(world.sandbox.data.postings.find((p) => p.id === id)?.text ?? '');

describe('names where recruiters expect them', () => {
  it('child objects start with the candidate and the posting, ids at the right; notes show the author by name', () => {
    const world = connectedWorld({ sandbox: { seed: 12, opportunities: 80 } });
    const interviews = saveJob(world, { object: 'interviews', sheetName: 'Interviews' });
    const notes = saveJob(world, { object: 'notes', sheetName: 'Notes' });
    expect(runToEnd(world, interviews).pop()!.status).toBe('ok');
    expect(runToEnd(world, notes).pop()!.status).toBe('ok');
    const header = world.host.spreadsheet.tab('Interviews')!.snapshot()[0];
    expect(header.slice(0, 3)).toEqual(['Candidate', 'Posting', 'Subject']);
    expect(header.slice(-2)).toEqual(['Interview ID', 'Opportunity ID']);
    const opps = new Map(visibleOpportunities(world).map((o) => [o.id as string, o]));
    const rows = sheetObjects(world.host.spreadsheet.tab('Interviews'));
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      const opp = opps.get(r['Opportunity ID'] as string)!;
      expect(r.Candidate).toBe(opp.name);
      expect(r.Posting).toBe(postingName(world, (opp.applications as Rec[])[0]?.posting));
      expect(r['Candidate link']).toBe('Open in Lever');
    }
    expect(rows.some((r) => r.Posting !== '')).toBe(true);
    const noteHeader = world.host.spreadsheet.tab('Notes')!.snapshot()[0];
    expect(noteHeader.slice(0, 3)).toEqual(['Candidate', 'Posting', 'Author']);
    const users = new Set(world.sandbox.data.users.map((u) => u.name));
    expect(sheetObjects(world.host.spreadsheet.tab('Notes')).every((r) => users.has(r.Author as string))).toBe(true);
  });
});

describe('a tab that reads well', () => {
  it('bold frozen header, a filter over every row, widths fitted and capped, every row formatted, Open in Lever, a refreshed note', () => {
    const world = connectedWorld({ sandbox: { seed: 13, opportunities: 120 } });
    world.host.spreadsheet.timeZone = 'America/New_York';
    const job = saveJob(world, { object: 'opportunities', sheetName: 'Pipeline' });
    runToEnd(world, job);
    // A later run adds rows past the grid the first one grew: they must look the same.
    const t0 = world.clock.now();
    world.clock.advance(2 * HOUR);
    world.sandbox.activity.simulate(t0, world.clock.now(), 40);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const tab = world.host.spreadsheet.tab('Pipeline')!;
    const [header, ...rows] = tab.snapshot();
    const last = rows.length + 1;
    expect(header.map((_, c) => tab.styles.get(1, c + 1).bold)).toEqual(header.map(() => true));
    expect(tab.frozenRows).toBe(1);
    expect(tab.filter!.range).toMatchObject({ row: 1, col: 1, numCols: header.length });
    expect(tab.filter!.range.numRows).toBeGreaterThanOrEqual(last);
    // Every data row of each date column carries the date-time format; text columns none.
    for (const h of ['Created at', 'Updated at', 'Archived at']) {
      const c = column(tab, h);
      for (let r = 2; r <= last; r++) expect(tab.styles.get(r, c).format).toBe('yyyy-mm-dd hh:mm');
    }
    expect(tab.styles.get(2, column(tab, 'Name')).format).toBeUndefined();
    // Widths: long text wider than short, none past the cap, dates wide enough for their format.
    const width = (h: string) => tab.styles.width(column(tab, h));
    expect(width('Emails')).toBeGreaterThan(width('Origin'));
    for (let c = 1; c <= header.length; c++) expect(tab.styles.width(c)).toBeLessThanOrEqual(320);
    expect(width('Created at')).toBeGreaterThanOrEqual(16 * 7);
    // The Lever page as words with the web address behind them (never the API).
    const link = column(tab, 'Lever link');
    for (let r = 2; r <= last; r++) {
      expect(tab.rows[r - 1][link - 1]).toBe('Open in Lever');
      expect(tab.linkAt(r, link)).toMatch(/^https:\/\/hire\.sandbox\.lever\.co\/candidates\/[\w-]+$/);
    }
    // The note says when, in the spreadsheet's zone, and by whom.
    const note = tab.styles.get(1, 1).note!;
    expect(note).toContain(`Last refreshed ${wallClock(new Date(world.clock.now()), 'America/New_York').slice(0, 13)}`);
    expect(note).toContain('(America/New_York) by Lever Sync');
    expect(note).toMatch(/Changes since the run before: rows \d+ added, \d+ updated, \d+ removed/);
    // Enums in words.
    const origins = new Set(sheetObjects(tab).map((r) => r.Origin));
    for (const o of origins) expect(o === '' || /^[A-Z][a-z]+$/.test(String(o))).toBe(true);
  });

  it('a person’s filter keeps what they filtered on when the rows grow past it', () => {
    const world = connectedWorld({ sandbox: { seed: 14, opportunities: 60 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['name', 'origin', 'id'] });
    runToEnd(world, job);
    const tab = world.host.spreadsheet.tab('P')!;
    tab.filter!.criteria.set(2, new EmuFilterCriteria({ hiddenValues: ['Agency'] }));
    // The person trims the empty rows: the next rows go below the filter's range.
    tab.deleteRows(tab.lastRow() + 1, tab.maxRows - tab.lastRow());
    const before = tab.filter!.range.numRows;
    expect(before).toBe(tab.lastRow());
    const t0 = world.clock.now();
    world.clock.advance(HOUR);
    world.sandbox.activity.simulate(t0, world.clock.now(), 60);
    runToEnd(world, job);
    expect(tab.lastRow()).toBeGreaterThan(before);
    expect(tab.filter!.range.numRows).toBeGreaterThanOrEqual(tab.lastRow());
    expect((tab.filter!.criteria.get(2) as EmuFilterCriteria).spec).toEqual({ hiddenValues: ['Agency'] });
  });
});

describe('formats by field type', () => {
  it('calendar days stay their day in any zone, enums read as words, versions are whole numbers', () => {
    const world = connectedWorld({ sandbox: { seed: 15, opportunities: 200 } });
    world.host.spreadsheet.timeZone = 'America/Los_Angeles';
    const offers = saveJob(world, { object: 'offers', sheetName: 'Offers' });
    const history = saveJob(world, { object: 'opportunities', sheetName: 'History', mode: 'append', fields: ['name', 'id'] });
    runToEnd(world, offers);
    runToEnd(world, history);
    const tab = world.host.spreadsheet.tab('Offers')!;
    const rows = sheetObjects(tab);
    expect(rows.length).toBeGreaterThan(3);
    const start = column(tab, 'Start date');
    const byId = new Map(
      visibleOpportunities(world).flatMap((o) => (world.sandbox.data.children.offers.get(o.id as string) ?? []).map((x) => [x.id, x])),
    );
    rows.forEach((r, i) => {
      const offer = byId.get(r['Offer ID'] as string)!;
      const field = (offer.fields as Rec[]).find((f) => f.identifier === 'anticipated_start_date');
      if (!field?.value) return;
      // Lever's midnight UTC of the day: the same day at 00:00 in Los Angeles, shown without a time.
      expect(wallClock(r['Start date'], 'America/Los_Angeles')).toBe(`${new Date(field.value as number).toISOString().slice(0, 10)} 00:00`);
      expect(tab.styles.get(i + 2, start).format).toBe('yyyy-mm-dd');
      expect(r.Status).toBe(inWords(offer.status as string));
    });
    expect(rows.some((r) => /^[A-Z][a-z]+( [a-z]+)?$/.test(String(r.Status)) && String(r.Status).includes(' '))).toBe(true);
    const hist = world.host.spreadsheet.tab('History')!;
    const version = column(hist, 'Version');
    const versions = sheetObjects(hist).map((r) => r.Version);
    expect(versions.every((v) => typeof v === 'number' || /^h/.test(String(v)))).toBe(true);
    expect(hist.styles.get(2, version).format).toBe('0');
  });
});

describe('copies that look like the tab', () => {
  it('the .xlsx copy carries the bold header, formats, widths, frozen row, filter and the sheet’s wall-clock dates', async () => {
    const world = connectedWorld({ sandbox: { seed: 16, opportunities: 90 } });
    world.host.spreadsheet.timeZone = 'Asia/Tokyo';
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      exports: [{ to: 'drive', format: 'xlsx', keep: 'latest' }],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const tab = world.host.spreadsheet.tab('Pipeline')!;
    const ws = await readXlsx(
      world.host.drive
        .liveFiles()
        .find((f) => f.name === 'Pipeline.xlsx')!
        .blob.raw(),
    );
    const [header, ...rows] = tab.snapshot();
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:${ws.getColumn(header.length).letter}${rows.length + 1}`);
    const created = column(tab, 'Created at');
    expect(ws.getRow(2).getCell(created).numFmt).toBe('yyyy-mm-dd hh:mm');
    // The tab's widths, in Excel's characters.
    for (let c = 1; c <= header.length; c++) expect(ws.getColumn(c).width).toBeCloseTo(tab.styles.width(c) / 7, 1);
    // Excel has no zones: the cell holds the time the tab shows in Tokyo.
    const inTab = rows[0][created - 1] as Date;
    const inXlsx = ws.getRow(2).getCell(created).value as Date;
    expect(inXlsx.toISOString().slice(0, 16).replace('T', ' ')).toBe(wallClock(inTab, 'Asia/Tokyo'));
    // Links: the copy keeps the address, for the tools that read it.
    expect(ws.getRow(2).getCell(column(tab, 'Lever link')).value).toMatch(/^https:\/\/hire\.sandbox\.lever\.co\//);
  });

  it('the workbook npm start writes looks like the tab: formats, bold, widths, filter, links and the note', async () => {
    const world = connectedWorld({ sandbox: { seed: 17, opportunities: 40 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'Pipeline' });
    runToEnd(world, job);
    const file = join(mkdtempSync(join(tmpdir(), 'lss-')), 'book.xlsx');
    await writeWorkbook(world.host.spreadsheet, file);
    const ws = await readXlsx(new Uint8Array(readFileSync(file)));
    const tab = world.host.spreadsheet.tab('Pipeline')!;
    const header = tab.snapshot()[0];
    expect(ws.name).toBe('Pipeline');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(column(tab, 'Created at')).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getColumn(1).width).toBeCloseTo(tab.styles.width(1) / 7, 1);
    expect(ws.autoFilter).toBeTruthy();
    const link = ws.getRow(2).getCell(column(tab, 'Lever link')).value as { text: string; hyperlink: string };
    expect(link).toMatchObject({ text: 'Open in Lever', hyperlink: expect.stringMatching(/^https:\/\/hire\.sandbox\.lever\.co\//) });
    const note = ws.getRow(1).getCell(1).note;
    expect(JSON.stringify(note)).toContain('by Lever Sync');
    expect(header.length).toBe(ws.getRow(1).cellCount);
  });
});
