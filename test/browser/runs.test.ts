/**
 * Runs a person can follow, in Chromium at the sidebar's 300 px: progress in words with a bar
 * that says how far, Cancel that ends, a failed run shown as failed, and a home screen with
 * badges that keeps itself current. A world big enough that a run takes several slices.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { createLocalWorld, type LocalWorld } from '../../src/cli/local-world';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import type { Job, SidebarState, SliceProgress } from '../../src/shared/rpc';
import { openPlayground, type PlaygroundPage } from './browser';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'runs');

let world: LocalWorld;
let ui: PlaygroundPage;
let page: Page;
let sidebar: FrameLocator;
let shot = 0;
const dialogs: string[] = [];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${String(++shot).padStart(2, '0')}-${name}.png`) });
}

function state(): SidebarState {
  return world.host.call<SidebarState>('getSidebarState');
}

jest.setTimeout(180_000);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  world = createLocalWorld({ sandbox: { seed: 11, opportunities: 3000 } });
  world.host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });
  // Daily, so the home screen's quota plan samples the account's candidates: the first run's "of about".
  world.host.call<Job>('saveJob', {
    name: 'Interviews',
    object: 'interviews',
    sheetName: 'Interviews',
    fields: ['id', 'subject'],
    schedule: { every: 'day', hour: 6 },
  });
  world.host.call<Job>('saveJob', {
    name: 'Postings',
    object: 'postings',
    sheetName: 'Postings',
    fields: ['id', 'text'],
    schedule: { every: 'manual' },
  });
  // Answers at Google's pace (a run takes several slices to watch); the page's timers on a clock the
  // test moves, to see the home screen refresh itself.
  ui = await openPlayground(world, { rpcDelayMs: 1500, answerDialogs: 'accept', dialogs, fakeClock: true });
  ({ page, sidebar } = ui);
  await page.goto(ui.pg.url);
});

afterAll(async () => {
  await ui?.close();
});

describe('runs a person can follow', () => {
  it('says how far a first run is in words, with a bar and the time left', async () => {
    await sidebar.getByText(/Lever requests a day/).waitFor();
    await sidebar.getByRole('button', { name: 'Run Interviews now' }).click();
    const words = sidebar.locator('#run-words');
    await words.filter({ hasText: /^Fetching interviews for [\d,]+ of about [23],[0-9]{3} candidates$/ }).waitFor({ timeout: 90_000 });
    const bar = sidebar.getByRole('progressbar', { name: 'Progress of Interviews' });
    const value = Number(await bar.getAttribute('value'));
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(100);
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/^Fetching interviews for/);
    // The status line a screen reader hears says the state, not every figure.
    expect(await sidebar.getByRole('status').first().textContent()).toBe('Running…');
    await sidebar
      .locator('#run-eta')
      .filter({ hasText: /^about \d+ (s|min) left$/ })
      .waitFor({ timeout: 90_000 });
    await screenshot('progress');
  });

  it('Cancel ends the run within a slice, says what was kept, and goes Back', async () => {
    await sidebar.getByRole('button', { name: 'Cancel Interviews' }).click();
    await sidebar.getByText('Cancelled. The rows it wrote stay in the tab; the next run starts over. (Noted in the Sync log.)').waitFor();
    await screenshot('cancelled');
    await sidebar.getByRole('button', { name: 'Back to jobs' }).click();
    const card = sidebar.getByRole('listitem').filter({ hasText: 'Interviews' });
    await card.getByLabel('Status: Cancelled').waitFor();
    expect(state().jobs.find((j) => j.job.name === 'Interviews')!.running).toBeNull();
  });

  it('a run that fails is shown failed: a red bar where it stopped, not a full blue one', async () => {
    // Lever starts answering 500 to every interviews request a few hundred requests in.
    world.sandbox.injectFaults([{ kind: 'status-500', path: '/interviews', from: 400 }]);
    await sidebar.getByRole('button', { name: 'Run Interviews now' }).click();
    await sidebar.getByText(/^(Failed|Stopped): /).waitFor({ timeout: 120_000 });
    world.sandbox.faults.clear();
    const bar = sidebar.getByRole('progressbar', { name: 'Progress of Interviews' });
    expect(await bar.getAttribute('class')).toBe('failed');
    expect(Number((await bar.getAttribute('value')) ?? 0)).toBeLessThan(100);
    await screenshot('failed');
    await sidebar.getByRole('button', { name: 'Back to jobs' }).click();
    const card = sidebar.getByRole('listitem').filter({ hasText: 'Interviews' });
    await card.getByLabel('Status: Failed').waitFor();
    // The run keeps its place: the card says where it stopped and that the next run goes on.
    await card
      .getByText(/^Stopped at: fetching interviews for [\d,]+ of about [\d,]+ candidates\. The next run goes on from there\.$/)
      .waitFor();
  });

  it('the home screen refreshes itself: an hourly run seen without a click, with its badge', async () => {
    // The hourly trigger runs the daily job while the sidebar sits open on the home screen.
    world.host.runHours(26);
    expect(state().jobs.find((j) => j.job.name === 'Interviews')!.lastRun!.status).toBe('ok');
    await page.clock.fastForward(31_000);
    await sidebar.getByRole('listitem').filter({ hasText: 'Interviews' }).getByLabel('Status: OK').waitFor();
    await screenshot('refreshed');
  });

  it('Open tab brings the job’s tab into view; a job not run yet says why it has none', async () => {
    await sidebar.getByRole('button', { name: 'Open the tab of Interviews' }).click();
    for (let i = 0; i < 50 && world.host.spreadsheet.active.name !== 'Interviews'; i++) await page.waitForTimeout(100);
    expect(world.host.spreadsheet.active.name).toBe('Interviews');
    await sidebar.getByRole('button', { name: 'Open the tab of Postings' }).click();
    await sidebar.getByRole('alert').filter({ hasText: 'The tab “Postings” is not there yet: run “Postings” to create it.' }).waitFor();
  });

  it('Run all runs every enabled job in turn', async () => {
    await sidebar.getByRole('button', { name: 'Run all' }).click();
    await sidebar.getByRole('heading', { name: 'Running all jobs: 2 of 2' }).waitFor({ timeout: 120_000 });
    await sidebar.getByText('Done.').waitFor({ timeout: 120_000 });
    await sidebar.getByRole('list', { name: 'Jobs run so far' }).getByText('Interviews: done').waitFor();
    await screenshot('run-all');
    await sidebar.getByRole('button', { name: 'Back to jobs' }).click();
    for (const name of ['Interviews', 'Postings'])
      await sidebar.getByRole('listitem').filter({ hasText: name }).getByLabel('Status: OK').waitFor();
  });

  it('Duplicate opens the editor on a copy, saved as a new job beside the first', async () => {
    await sidebar.getByRole('button', { name: 'Duplicate Postings' }).click();
    expect(await sidebar.getByLabel('Job name').inputValue()).toBe('Postings (copy)');
    expect(await sidebar.getByLabel('Tab', { exact: true }).inputValue()).toBe('Postings (copy)');
    await sidebar.getByRole('button', { name: 'Save' }).click();
    await sidebar.getByText('Saved “Postings (copy)”.').waitFor();
    expect(state().jobs.map((j) => j.job.name)).toEqual(['Interviews', 'Postings', 'Postings (copy)']);
    expect(dialogs).toEqual([]);
    await screenshot('home');
  });

  it('a job the day’s Lever requests ran out on shows Paused, and when it goes on', async () => {
    const job = world.host.call<Job>('saveJob', {
      name: 'Roster',
      object: 'interviews',
      sheetName: 'Roster',
      fields: ['subject', 'date', 'id'],
      schedule: { every: 'manual' },
    });
    // 100 requests left of the day's 18,000 (a personal account's share): the run starts, then pauses.
    const hour = Math.floor(world.clock.now() / 3600_000);
    world.host.userProps.setProperty('schedule.ledger', JSON.stringify({ hours: { [hour]: [17_900, 0] } }));
    const slice = world.host.execute<SliceProgress>('runJobSlice', [job.id]);
    expect(slice.ok && (slice.value as SliceProgress).paused).toBeTruthy();
    await page.clock.fastForward(31_000);
    const card = sidebar.getByRole('listitem').filter({ hasText: 'Roster' });
    await card.getByLabel('Status: Paused').waitFor();
    await card.getByText(/^Paused since .*: the day's Lever requests are used up; it goes on by itself after .*\.$/).waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot('paused');
  });
});
