/**
 * The editor's Copies section sends a copy to Azure, in Chromium at 300 px: the container and a
 * folder, the SAS token saved as a secret (the field empties, the token never comes back), a
 * test of the destination, then a run whose copy lands in Azurite.
 */
import { join } from 'node:path';
import type { LocalWorld } from '../../src/cli/local-world';
import type { SidebarState } from '../../src/shared/rpc';
import { startAzurite, type Azurite } from '../helpers/azurite';
import { connectedPlayground, type PlaygroundPage } from './browser';

let world: LocalWorld;
let ui: PlaygroundPage;
let ARTIFACTS: string;
let azurite: Azurite;

jest.setTimeout(120_000);

beforeAll(async () => {
  azurite = await startAzurite();
  await azurite.service.getContainerClient('exports').create();
  ({
    world,
    ui,
    artifacts: ARTIFACTS,
  } = await connectedPlayground({
    seed: 14,
    opportunities: 50,
    artifacts: 'destinations',
    loopback: [{ prefix: `${azurite.accountUrl}/`, port: azurite.port }],
  }));
});

afterAll(async () => {
  await ui?.close();
  await azurite?.stop();
});

describe('copies to Azure', () => {
  it('container, folder and token in the editor; Test destination; a run writes the copy there', async () => {
    const { sidebar, page } = ui;
    const container = `${azurite.accountUrl}/exports`;
    const token = azurite.sas('exports', 'rwdl');
    await sidebar.getByRole('button', { name: 'New sync job' }).click();
    await sidebar.getByLabel('Tab', { exact: true }).fill('Pipeline');
    await sidebar.getByLabel('Job name').fill('Pipeline');
    await sidebar.locator('#sec-copies > summary').click();
    await sidebar.getByLabel('Copy of the tab').selectOption('csv');
    await sidebar.getByLabel('Where').selectOption('azure');
    await sidebar.getByLabel('Container address').fill(container);
    await sidebar.getByLabel('Folder in the container').fill('lever/');
    await sidebar.getByLabel('SAS token').fill(token);
    await sidebar.getByRole('button', { name: 'Save token' }).click();
    await sidebar.getByText(`Token saved for ${container}.`).waitFor();
    expect(await sidebar.getByLabel('SAS token').inputValue()).toBe('');
    await sidebar.getByRole('button', { name: 'Test destination' }).click();
    await sidebar.getByText(/^Wrote, listed and removed lever-sync-probe-.*: copies can go here\.$/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '01-azure.png') });
    await sidebar.getByRole('button', { name: 'Save', exact: true }).click();
    await sidebar.getByRole('button', { name: 'Run Pipeline now' }).waitFor();
    // The saved job carries the container and folder, never the token.
    const state = world.host.call<SidebarState>('getSidebarState');
    expect(state.jobs[0].job.exports).toEqual([{ to: 'azure', format: 'csv', keep: 'latest', containerUrl: container, prefix: 'lever/' }]);
    expect(JSON.stringify(state)).not.toContain(token.match(/sig=([^&]+)/)![1]);
    await sidebar.getByRole('button', { name: 'Run Pipeline now' }).click();
    await sidebar.getByText('Done.').waitFor({ timeout: 60_000 });
    const names: string[] = [];
    for await (const b of azurite.service.getContainerClient('exports').listBlobsFlat()) names.push(b.name);
    expect(names.sort()).toEqual(['lever/Pipeline.csv', 'lever/Pipeline.csv.manifest.json']);
  });
});
