/**
 * The main flow with the keyboard alone, in Chromium at the sidebar's 300 px: a new job, its
 * columns (one Tab stop each), Save, Run now, Back, Open tab. No click anywhere.
 */
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { LocalWorld } from '../../src/cli/local-world';
import type { SidebarState } from '../../src/shared/rpc';
import { connectedPlayground, type PlaygroundPage } from './browser';

let world: LocalWorld;
let ui: PlaygroundPage;
let page: Page;
let frame: Frame;
let ARTIFACTS: string;

jest.setTimeout(120_000);

beforeAll(async () => {
  ({ world, ui, artifacts: ARTIFACTS } = await connectedPlayground({ seed: 9, opportunities: 120, artifacts: 'keyboard' }));
  page = ui.page;
  await ui.sidebar.getByRole('button', { name: 'New sync job' }).waitFor();
  frame = page.frame({ url: /\/sidebar$/ })!;
  // Focus enters the sidebar as a keyboard user's would (Google's own shortcut moves it there).
  await frame.evaluate(() => window.focus());
});

afterAll(async () => {
  await ui?.close();
});

/** The accessible name of the focused control, roughly as a screen reader says it. */
function focusedName(): Promise<string> {
  return frame.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
    return (el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '').trim();
  });
}

/**
 * Presses Tab until the focused control is named `name` (or matches it); returns how many presses
 * (none when the page already put the focus there, as the run view does with its one button).
 */
async function tabTo(name: string | RegExp, max = 60): Promise<number> {
  const matches = (now: string) => (typeof name === 'string' ? now === name : name.test(now));
  if (matches(await focusedName())) return 0;
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focusedName())) return i;
  }
  throw new Error(`Tab never reached ${String(name)} (last: ${await focusedName()})`);
}

function jobs(): SidebarState['jobs'] {
  return world.host.call<SidebarState>('getSidebarState').jobs;
}

describe('keyboard only', () => {
  it('creates, saves, runs and opens a job without the mouse; each column costs one Tab stop', async () => {
    await tabTo('New sync job');
    await page.keyboard.press('Enter');
    await tabTo('Job name');
    await page.keyboard.type('Roster');
    await tabTo('Tab');
    await page.keyboard.type('Roster');
    // Columns: open the section, then one stop per chosen column before "Add columns".
    await tabTo(/^Columns\d+ columns$/);
    await page.keyboard.press('Enter');
    const columns = Number((await focusedName()).match(/(\d+) columns/)![1]);
    expect(columns).toBeGreaterThan(10);
    const stops = await tabTo('Add columns');
    expect(stops).toBe(columns + 1);
    // ✎ on the first column opens what can be done to it; "Move down" puts it second.
    await page.keyboard.press('Shift+Tab');
    for (let i = 1; i < columns; i++) await page.keyboard.press('Shift+Tab');
    expect(await focusedName()).toBe('Edit column Name');
    await page.keyboard.press('Enter');
    await tabTo('Move down');
    await page.keyboard.press('Enter');
    await page.screenshot({ path: join(ARTIFACTS, '01-columns.png') });
    // Enter in a text field saves, as in any form.
    await tabTo(/^Column name for /);
    await page.keyboard.press('Enter');
    await ui.sidebar.getByText('Saved “Roster”.').waitFor();
    const job = jobs().find((j) => j.job.name === 'Roster')!.job;
    expect((job.fields as Array<string | { path: string }>).map((f) => (typeof f === 'string' ? f : f.path)).slice(0, 2)).toEqual([
      'headline',
      'name',
    ]);
    await tabTo('Run Roster now');
    await page.keyboard.press('Enter');
    await ui.sidebar.getByText('Done.').waitFor({ timeout: 60_000 });
    await tabTo('Back to jobs');
    await page.keyboard.press('Enter');
    await tabTo('Open the tab of Roster');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#tabs button[aria-pressed=true]') !== null);
    expect(world.host.spreadsheet.active.name).toBe('Roster');
    await page.screenshot({ path: join(ARTIFACTS, '02-done.png') });
  });
});
