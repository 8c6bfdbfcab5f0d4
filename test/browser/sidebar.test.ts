import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { createLocalWorld, type LocalWorld } from '../../src/cli/local-world';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import type { Preview, SidebarState } from '../../src/shared/rpc';
import { openPlayground, type PlaygroundPage } from './browser';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'sidebar');
const HOSTILE = '<img src=x onerror=alert(1)>';

let world: LocalWorld;
let ui: PlaygroundPage;
let page: Page;
let sidebar: FrameLocator;
let shot = 0;
const dialogs: string[] = [];
const requests: string[] = [];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${String(++shot).padStart(2, '0')}-${name}.png`) });
}

jest.setTimeout(120_000);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  world = createLocalWorld({ sandbox: { seed: 5, opportunities: 300 } });
  ui = await openPlayground(world, { answerDialogs: 'dismiss', dialogs });
  ({ page, sidebar } = ui);
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(ui.pg.url);
});

afterAll(async () => {
  await ui?.close();
});

describe('the sidebar in Chromium, against the playground', () => {
  it('a bad key shows Lever’s refusal in plain words', async () => {
    await sidebar.getByLabel('API key').fill('sbx_wrong_key_0000000000000');
    await sidebar.getByLabel('Environment').selectOption('sandbox');
    await sidebar.getByRole('button', { name: 'Save and test' }).click();
    await sidebar.getByRole('alert').filter({ hasText: 'Lever did not accept the API key' }).waitFor();
    await screenshot('bad-key');
  });

  it('the good key connects and lands on the jobs list', async () => {
    // The environment chosen before the refusal is still chosen.
    expect(await sidebar.getByLabel('Environment').inputValue()).toBe('sandbox');
    await sidebar.getByLabel('API key').fill(SANDBOX_KEY);
    await sidebar.getByRole('button', { name: 'Save and test' }).click();
    await sidebar.getByRole('status').filter({ hasText: 'Connected to Lever sandbox. The key can read candidates' }).waitFor();
    await sidebar.getByText('Connected to Lever sandbox (key …0e5c).').waitFor();
    await sidebar.getByText('No sync jobs yet.').waitFor();
    await screenshot('connected');
  });

  it('creates an opportunities upsert job with chosen fields and previews it, hostile names as text', async () => {
    // Make sure a hostile name is among the preview rows.
    const first = world.host.call<Preview>('previewJob', { object: 'opportunities', sheetName: 'x', fields: ['id'] }).rows[0][0];
    world.sandbox.data.opportunities.get(first as string)!.name = HOSTILE;

    await sidebar.getByRole('button', { name: 'New sync job' }).click();
    await sidebar.getByLabel('Tab', { exact: true }).fill('Pipeline');
    await sidebar.getByLabel('Job name').fill('Pipeline');
    await sidebar.locator('#sec-columns > summary').click();
    // One Tab stop per column: ✎ opens rename, move and remove.
    await sidebar.getByRole('button', { name: 'Edit column Headline' }).click();
    await sidebar.getByRole('group', { name: 'Place of Headline' }).getByRole('button', { name: 'Remove' }).click();
    await sidebar.getByRole('button', { name: 'Add columns' }).click();
    await sidebar.getByLabel('Find a field').fill('origin');
    await sidebar.getByRole('checkbox', { name: /^Origin/ }).check();
    // Ticked from the keyboard: the page redraws on every change, and the box keeps the focus (it used to fall to the body).
    await sidebar.getByLabel('Find a field').fill('confidential');
    await sidebar.getByRole('checkbox', { name: /^Confidentiality/ }).press('Space');
    await sidebar.getByRole('button', { name: 'Edit column Confidentiality' }).waitFor();
    expect(await sidebar.locator(':focus').getAttribute('id')).toBe('pick-confidentiality');
    await sidebar.getByRole('checkbox', { name: /^Confidentiality/ }).press('Space');
    await sidebar.getByRole('button', { name: 'Edit column Confidentiality' }).waitFor({ state: 'detached' });
    await sidebar.getByRole('button', { name: 'Preview' }).click();
    const preview = sidebar.getByLabel('Preview of the first rows');
    await preview.getByRole('columnheader', { name: 'Origin' }).waitFor();
    expect(await preview.getByRole('columnheader').allTextContents()).not.toContain('Headline');
    await preview.getByText(HOSTILE, { exact: true }).waitFor();
    // The preview follows the editor: a column renamed after it shows up renamed.
    await sidebar.getByRole('button', { name: 'Edit column Origin' }).click();
    await sidebar.getByLabel('Column name for Origin').fill('Where from');
    await sidebar.getByLabel('Column name for Origin').blur();
    await preview.getByRole('columnheader', { name: 'Where from' }).waitFor();
    expect(await sidebar.locator('img').count()).toBe(0);
    await screenshot('preview');
    // Enter in a field saves, as in any form.
    await sidebar.getByLabel('Job name').press('Enter');
    await sidebar.getByText('Saved “Pipeline”.').waitFor();
    await screenshot('saved');
  });

  it('runs it and watches progress reach done; the rows appear in the grid', async () => {
    await sidebar.getByRole('button', { name: 'Run Pipeline now' }).click();
    await sidebar.getByText('Done.').waitFor({ timeout: 60_000 });
    const records = Number(await sidebar.locator('#fig-records').textContent());
    expect(records).toBeGreaterThan(200);
    await screenshot('run-done');
    await sidebar.getByRole('button', { name: 'Back to jobs' }).click();
    await sidebar.getByText(/Last run .*: \d+ records/).waitFor();

    await page.getByRole('tab', { name: /^Pipeline \(\d+\)$/ }).click();
    const grid = page.getByRole('table', { name: 'Tab Pipeline' });
    await grid.getByRole('cell', { name: HOSTILE, exact: true }).first().waitFor();
    expect(await page.locator('#grid img').count()).toBe(0);
    const rows = await grid.getByRole('row').count();
    expect(rows - 2).toBe(world.host.spreadsheet.tab('Pipeline')!.lastRow() - 1);
    await screenshot('grid');
  });

  it('edits the schedule, shown in the spreadsheet’s time zone', async () => {
    await sidebar.getByRole('button', { name: 'Edit Pipeline' }).click();
    await sidebar.locator('#sec-schedule > summary').click();
    await sidebar.getByLabel('Schedule').selectOption('day');
    await sidebar.getByLabel('At', { exact: true }).selectOption('7');
    await sidebar.locator('#sec-data > summary').click();
    await sidebar.locator('#sec-filters > summary').click();
    // Several stages without Ctrl-click: a box each.
    await sidebar.getByRole('checkbox', { name: 'New lead' }).check();
    await sidebar.getByRole('checkbox', { name: 'Offer', exact: true }).check();
    await sidebar.getByLabel('Created on or after').fill('2026-01-01');
    await sidebar.getByRole('button', { name: 'Save' }).click();
    await sidebar.getByText('Daily at 07:00 (Europe/Lisbon)').waitFor();
    const saved = world.host.call<{ jobs: Array<{ job: { filters: unknown } }> }>('getSidebarState').jobs[0].job.filters;
    expect(saved).toEqual({ stageIds: ['lead-new', 'offer'], createdAfter: '2026-01-01' });
    expect(world.host.triggers.map((t) => t.handler)).toEqual(['runScheduledSyncs']);
    await sidebar.getByText('Scheduled runs use your hourly trigger and your Lever key.').waitFor();
    // The plan within the day's quotas, and the account type that sets them.
    await sidebar.getByText(/Lever requests a day \(\d+% of the 18,000 Lever Sync keeps for itself\)/).waitFor();
    await sidebar.getByLabel('Google account').selectOption('workspace');
    await sidebar.getByText(/of the 90,000 Lever Sync keeps for itself/).waitFor();
    await sidebar.getByLabel('Google account').selectOption('consumer');
    await sidebar.getByText(/of the 18,000 Lever Sync keeps/).waitFor();
    await screenshot('schedule');
  });

  it('shows the run log, and no script ever ran from Lever data', async () => {
    await sidebar.getByRole('button', { name: 'Run log' }).click();
    await sidebar.getByText('Pipeline: ok').waitFor();
    await screenshot('run-log');
    expect(dialogs).toEqual([]);
  });

  it('waits while the hourly trigger holds the lock, then runs', async () => {
    await sidebar.getByRole('button', { name: 'Back' }).click();
    world.host.lockHeldElsewhere = true;
    await sidebar.getByRole('button', { name: 'Run Pipeline now' }).click();
    await sidebar.getByText('Waiting for another sync in this spreadsheet to finish…').waitFor();
    await screenshot('waiting-for-lock');
    world.host.lockHeldElsewhere = false;
    await sidebar.getByText('Done.').waitFor({ timeout: 30_000 });
    await sidebar.getByRole('button', { name: 'Back to jobs' }).click();
    await sidebar.getByRole('button', { name: 'Run log' }).click();
  }, 60_000);

  it('checks this spreadsheet: every finding in plain words, all green here', async () => {
    await sidebar.getByRole('button', { name: 'Back' }).click();
    await sidebar.getByRole('button', { name: 'Check this spreadsheet' }).click();
    await sidebar.getByText('All checks passed.').waitFor();
    const items = sidebar.getByRole('list', { name: 'Check results' }).getByRole('listitem');
    expect(await items.count()).toBe(6);
    expect(await items.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^✓ Applicant text stays text/)]));
    await screenshot('check');
  });

  it('makes no network request of its own: only the page, the sidebar and google.script.run calls', () => {
    const other = requests.filter((p) => !['/', '/sidebar', '/favicon.ico', '/api/sheets'].includes(p) && !p.startsWith('/rpc/'));
    expect(other).toEqual([]);
    expect(requests.filter((p) => p.startsWith('/rpc/')).length).toBeGreaterThan(5);
  });

  it('fits the 300 px sidebar without horizontal scrolling, and every control has a label', async () => {
    await sidebar.getByRole('button', { name: 'Back' }).click();
    await sidebar.getByRole('button', { name: 'Edit Pipeline' }).click();
    const frame = page.frame({ url: /\/sidebar$/ })!;
    const widths = await frame.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]);
    const unlabelled = await frame.evaluate(
      () =>
        [...document.querySelectorAll('input, select, textarea')].filter(
          (el) => !(el.id && document.querySelector(`label[for="${el.id}"]`)) && !el.getAttribute('aria-label'),
        ).length,
    );
    expect(unlabelled).toBe(0);
    await screenshot('editor-a11y');
  });

  it('the editor is short: folded sections, few Tab stops to Save, Save always in view', async () => {
    await sidebar.getByRole('button', { name: 'Cancel' }).click();
    await sidebar.getByRole('button', { name: 'New sync job' }).click();
    const frame = page.frame({ url: /\/sidebar$/ })!;
    // It was ~3,200 px at 300 px wide, with 127 Tab stops from the object to Save.
    expect(await frame.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(900);
    await sidebar.getByLabel('Lever object').focus();
    const seen: string[] = [];
    for (let i = 0; i < 60 && seen[seen.length - 1] !== 'Save'; i++) {
      await page.keyboard.press('Tab');
      seen.push(await frame.evaluate(() => document.activeElement?.textContent?.trim() || document.activeElement?.id || '?'));
    }
    const stops = seen.length;
    expect(stops).toBeLessThanOrEqual(15);
    const save = await sidebar.getByRole('button', { name: 'Save' }).boundingBox();
    expect(save!.y + save!.height).toBeLessThanOrEqual(900);
    await screenshot('editor-short');
  });

  it('an error is said in plain words beside its field, focused; Cancel with unsaved edits asks first', async () => {
    await sidebar.getByLabel('Job name').fill('Roster');
    await sidebar.getByLabel('Job name').press('Enter');
    const tab = sidebar.getByLabel('Tab', { exact: true });
    await sidebar.getByText('Choose a tab name: the rows go to that tab.').waitFor();
    expect(await sidebar.locator(':focus').getAttribute('id')).toBe(await tab.getAttribute('id'));
    expect(await tab.getAttribute('aria-invalid')).toBe('true');
    // A server-side refusal is shown the same way, without the setting's internal path.
    await tab.fill('Pipeline');
    await tab.press('Enter');
    await sidebar.getByText(/^The tab "Pipeline" is already used by the job "Pipeline"; pick another tab\.$/).waitFor();
    expect(await sidebar.locator(':focus').getAttribute('id')).toBe(await tab.getAttribute('id'));
    await screenshot('editor-error');
    // Cancel asks (the test's dialogs answer "no"): the edits stay.
    await sidebar.getByRole('button', { name: 'Cancel' }).click();
    expect(dialogs).toEqual(['Leave the editor? Your changes to this job are not saved.']);
    expect(await sidebar.getByLabel('Job name').inputValue()).toBe('Roster');
  });

  it('offers every option the API has: personal data, removed candidates, reconcile', async () => {
    await sidebar.getByLabel('Tab', { exact: true }).fill('Roster');
    await sidebar.locator('#sec-privacy > summary').click();
    await sidebar.getByLabel('Personal data (names, emails, phones…)').selectOption('hash');
    await sidebar.locator('#sec-mode > summary').click();
    await sidebar.getByLabel('Candidates deleted or anonymised in Lever').selectOption('mark');
    await sidebar.getByRole('button', { name: 'Save' }).click();
    await sidebar.getByText('Saved “Roster”.').waitFor();
    const job = world.host.call<SidebarState>('getSidebarState').jobs.find((j) => j.job.name === 'Roster')!.job;
    expect([job.personalData, job.removed]).toEqual(['hash', 'mark']);
    await sidebar.getByRole('button', { name: 'Edit Roster' }).click();
    await sidebar.getByText('Personal data: hashed').waitFor();
    await screenshot('editor-folded');
  });
});
