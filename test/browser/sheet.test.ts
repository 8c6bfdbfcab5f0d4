/**
 * The playground's grid shows a synced tab as Google Sheets would draw it, so a person can judge
 * the real sheet without Google: number formats in the spreadsheet's zone, bold frozen header,
 * the filter, column widths, "Open in Lever" links and the refreshed note.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { LocalWorld } from '../../src/cli/local-world';
import type { Job } from '../../src/shared/rpc';
import { runToEnd, wallClock } from '../helpers/world';
import { connectedPlayground, type PlaygroundPage } from './browser';

let world: LocalWorld;
let ui: PlaygroundPage;
let page: Page;
let ARTIFACTS: string;

jest.setTimeout(120_000);

beforeAll(async () => {
  ({
    world,
    ui,
    artifacts: ARTIFACTS,
  } = await connectedPlayground({
    seed: 8,
    opportunities: 120,
    artifacts: 'sheet',
    setUp: (w) => {
      w.host.spreadsheet.timeZone = 'America/New_York';
      for (const [object, sheetName] of [
        ['opportunities', 'Pipeline'],
        ['interviews', 'Interviews'],
      ])
        runToEnd(w, w.host.call<Job>('saveJob', { name: sheetName, object, sheetName }));
    },
  }));
  page = ui.page;
});

afterAll(async () => {
  await ui?.close();
});

async function openTab(name: string): Promise<Locator> {
  await page.getByRole('tab', { name: new RegExp(`^${name} \\(\\d+\\)$`) }).click();
  const grid = page.getByRole('table', { name: `Tab ${name}` });
  await grid.waitFor();
  return grid;
}

describe('the grid draws the tab as Sheets would', () => {
  it('bold frozen header with filter buttons, widths, formatted dates in the sheet’s zone, links and the note', async () => {
    const grid = await openTab('Pipeline');
    const tab = world.host.spreadsheet.tab('Pipeline')!;
    const [header, first] = tab.snapshot();
    const headerRow = grid.locator('tbody tr').first();
    // Row 1: the header, bold, stuck to the top, a filter button over each column.
    expect(await headerRow.getAttribute('class')).toBe('frozen');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('#grid tbody tr.frozen td')!).position)).toBe('sticky');
    expect(await headerRow.locator('td').evaluateAll((tds) => tds.map((td) => getComputedStyle(td).fontWeight))).toEqual(
      header.map(() => '700'),
    );
    expect(await headerRow.getByLabel('Filter').count()).toBe(header.length);
    // Widths as the tab has them.
    const widths = await grid.locator('col').evaluateAll((cols) => cols.slice(1).map((c) => (c as HTMLElement).style.width));
    expect(widths).toEqual(header.map((_, c) => `${tab.styles.width(c + 1)}px`));
    // A date as the format shows it in New York, to the right.
    const created = header.indexOf('Created at');
    const cell = grid.locator('tbody tr').nth(1).locator('td').nth(created);
    expect(await cell.textContent()).toBe(wallClock(first[created], 'America/New_York'));
    expect(await cell.evaluate((td) => getComputedStyle(td).textAlign)).toBe('right');
    // The Lever page as words, linking to the web app.
    const link = grid.locator('tbody tr').nth(1).getByRole('link', { name: 'Open in Lever' });
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/hire\.sandbox\.lever\.co\/candidates\//);
    // The note on A1, as its hover text.
    expect(await headerRow.locator('td').first().getAttribute('title')).toMatch(/^Last refreshed .* \(America\/New_York\) by Lever Sync\./);
    await page.screenshot({ path: join(ARTIFACTS, '01-pipeline.png') });
  });

  it('a child tab starts with who and for which posting, ids at the right', async () => {
    const grid = await openTab('Interviews');
    const headers = await grid
      .locator('tbody tr')
      .first()
      .locator('td')
      .evaluateAll((tds) => tds.map((td) => td.firstChild?.textContent));
    expect(headers.slice(0, 3)).toEqual(['Candidate', 'Posting', 'Subject']);
    expect(headers.slice(-2)).toEqual(['Interview ID', 'Opportunity ID']);
    await page.screenshot({ path: join(ARTIFACTS, '02-interviews.png') });
  });
});
