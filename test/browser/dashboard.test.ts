/**
 * The hiring dashboard in the playground: made from the gallery in two clicks, run, and its
 * Dashboard tab drawn with the four native charts the host recorded.
 */
import { join } from 'node:path';
import type { LocalWorld } from '../../src/cli/local-world';
import { connectedPlayground, type PlaygroundPage } from './browser';

let world: LocalWorld;
let ui: PlaygroundPage;
let ARTIFACTS: string;

jest.setTimeout(120_000);

beforeAll(async () => {
  ({ world, ui, artifacts: ARTIFACTS } = await connectedPlayground({ seed: 12, opportunities: 160, artifacts: 'dashboard' }));
});

afterAll(async () => {
  await ui?.close();
});

describe('hiring dashboard', () => {
  it('from the gallery to a Dashboard tab with its four charts drawn', async () => {
    const { sidebar, page } = ui;
    await sidebar.getByRole('button', { name: 'New from template' }).click();
    await sidebar.getByRole('button', { name: 'Use Hiring dashboard' }).click();
    await sidebar.getByText('Added “Hiring dashboard” (tab “Dashboard data”). Run it now, or Edit it first.').waitFor();
    await sidebar.getByRole('button', { name: 'Run Hiring dashboard now' }).click();
    await sidebar.getByText('Done.').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: /^Dashboard \(\d+\)$/ }).click();
    const charts = page.getByRole('img');
    await charts.first().waitFor();
    expect(await charts.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      'Active candidates per stage',
      'Applications per week by source (last 12 weeks)',
      'Median days in each stage',
      'Offers sent and accepted per month',
    ]);
    // Bars with their values, drawn from the tab's cells.
    expect(await page.locator('.chart rect[fill="#4285f4"]').count()).toBeGreaterThan(10);
    expect(world.host.spreadsheet.tab('Dashboard')!.charts.list).toHaveLength(4);
    await page.screenshot({ path: join(ARTIFACTS, '01-dashboard.png') });
    await page.getByRole('img', { name: 'Median days in each stage' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, '02-charts.png') });
    // The job's card says where its dashboard is, and opens it.
    await sidebar.getByRole('button', { name: 'Back to jobs' }).click();
    await sidebar.getByText('Dashboard with charts on tab “Dashboard”, after each run').waitFor();
    await sidebar.getByRole('button', { name: 'Open the dashboard of Hiring dashboard' }).click();
    for (let i = 0; i < 100 && world.host.spreadsheet.active.name !== 'Dashboard'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(world.host.spreadsheet.active.name).toBe('Dashboard');
  });
});
