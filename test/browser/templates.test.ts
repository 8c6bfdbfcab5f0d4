/** Ready-made jobs in two clicks, in Chromium at the sidebar's 300 px. */
import { join } from 'node:path';
import type { LocalWorld } from '../../src/cli/local-world';
import type { SidebarState } from '../../src/shared/rpc';
import { connectedPlayground, type PlaygroundPage } from './browser';

let world: LocalWorld;
let ui: PlaygroundPage;
let ARTIFACTS: string;

jest.setTimeout(120_000);

beforeAll(async () => {
  ({ world, ui, artifacts: ARTIFACTS } = await connectedPlayground({ seed: 10, opportunities: 80, artifacts: 'templates' }));
});

afterAll(async () => {
  await ui?.close();
});

describe('templates', () => {
  it('New from template, then Use: an ordinary job on the home screen, ready to run', async () => {
    const { sidebar, page } = ui;
    await sidebar.getByRole('button', { name: 'New from template' }).click();
    const gallery = sidebar.getByRole('list', { name: 'Templates' });
    await gallery.getByText('Daily BI feed').waitFor();
    expect(await gallery.getByRole('listitem').count()).toBe(7);
    await page.screenshot({ path: join(ARTIFACTS, '01-gallery.png') });
    await sidebar.getByRole('button', { name: 'Use Daily BI feed' }).click();
    await sidebar.getByText('Added “Daily BI feed” (tab “BI feed”). Run it now, or Edit it first.').waitFor();
    await sidebar.getByRole('button', { name: 'Run Daily BI feed now' }).click();
    await sidebar.getByText('Done.').waitFor({ timeout: 60_000 });
    const job = world.host.call<SidebarState>('getSidebarState').jobs[0];
    expect([job.job.object, job.job.mode, job.lastRun?.status]).toEqual(['applications', 'replace', 'ok']);
    expect(world.host.spreadsheet.tab('BI feed')!.snapshot()[0][0]).toBe('candidate_id');
    await page.screenshot({ path: join(ARTIFACTS, '02-run.png') });
  });

  it('the BI feed’s score can come from Lever’s scorecards, chosen in the gallery', async () => {
    const { sidebar, page } = ui;
    await sidebar.getByRole('button', { name: 'Back' }).click();
    await sidebar.getByRole('button', { name: 'New from template' }).click();
    await sidebar.getByLabel('Score from Lever’s scorecards', { exact: false }).check();
    await page.screenshot({ path: join(ARTIFACTS, '03-score.png') });
    await sidebar.getByRole('button', { name: 'Use Daily BI feed' }).click();
    await sidebar.getByText('Added “Daily BI feed (2)” (tab “BI feed (2)”). Run it now, or Edit it first.').waitFor();
    const job = world.host.call<SidebarState>('getSidebarState').jobs.find((j) => j.job.name === 'Daily BI feed (2)')!.job;
    expect(job.fields).toContainEqual({ path: 'candidate.scoreAverage', column: 'score' });
  });
});
