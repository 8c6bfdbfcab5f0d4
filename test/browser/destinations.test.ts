/**
 * The editor's Copies section sends a copy to Azure or S3, in Chromium at 300 px: the container or
 * bucket and a folder, the SAS token or access key saved as a secret (the fields empty, the secret
 * never comes back), a test of the destination, then a run whose copy lands in Azurite or in the
 * S3 stand-in.
 */
import { join } from 'node:path';
import type { LocalWorld } from '../../src/cli/local-world';
import type { SidebarState } from '../../src/shared/rpc';
import { startAzurite, type Azurite } from '../../src/emulators/azurite';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Stand } from '../../src/emulators/s3';
import { startWebhookReceiver, type WebhookReceiver } from '../../src/emulators/webhook';
import { connectedPlayground, type PlaygroundPage } from './browser';

let world: LocalWorld;
let ui: PlaygroundPage;
let ARTIFACTS: string;
let azurite: Azurite;
let s3: S3Stand;
let hooks: WebhookReceiver;

jest.setTimeout(120_000);

beforeAll(async () => {
  azurite = await startAzurite();
  await azurite.service.getContainerClient('exports').create();
  s3 = await startS3({ 'team-exports': 'eu-central-1' });
  hooks = await startWebhookReceiver();
  ({
    world,
    ui,
    artifacts: ARTIFACTS,
  } = await connectedPlayground({
    seed: 14,
    opportunities: 50,
    artifacts: 'destinations',
    loopback: [
      { prefix: `${azurite.accountUrl}/`, port: azurite.port },
      { prefix: 'https://team-exports.s3.eu-central-1.amazonaws.com/', port: s3.port },
      { prefix: 'https://hooks.slack.com/', port: hooks.port },
    ],
  }));
});

afterAll(async () => {
  await ui?.close();
  await azurite?.stop();
  await s3?.stop();
  await hooks?.stop();
});

describe('copies to Azure and S3, and alerts', () => {
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

  it('an S3 bucket: bucket, region, folder, encryption and key in the editor; Test destination; a run writes the copy there', async () => {
    const { sidebar, page } = ui;
    await sidebar.getByRole('button', { name: 'Back to jobs' }).click();
    await sidebar.getByRole('button', { name: 'New sync job' }).click();
    await sidebar.getByLabel('Lever object').selectOption('users');
    await sidebar.getByLabel('Tab', { exact: true }).fill('Team');
    await sidebar.getByLabel('Job name').fill('Team');
    await sidebar.locator('#sec-copies > summary').click();
    await sidebar.getByLabel('Copy of the tab').selectOption('csv.gz');
    await sidebar.getByLabel('Where').selectOption('s3');
    await sidebar.getByLabel('Bucket', { exact: true }).fill('team-exports');
    await sidebar.getByLabel('Region').selectOption('eu-central-1');
    await sidebar.getByLabel('Folder in the bucket').fill('people/');
    await sidebar.getByLabel('Encryption').selectOption('AES256');
    await sidebar.getByLabel('Access key ID').fill(S3_ACCESS_KEY);
    await sidebar.getByLabel('Secret access key').fill(S3_SECRET);
    await sidebar.getByRole('button', { name: 'Save key' }).click();
    await sidebar.getByText('Key saved for https://team-exports.s3.eu-central-1.amazonaws.com.').waitFor();
    expect(await sidebar.getByLabel('Secret access key').inputValue()).toBe('');
    expect(await sidebar.getByLabel('Access key ID').inputValue()).toBe('');
    await sidebar.getByRole('button', { name: 'Test destination' }).click();
    await sidebar.getByText(/^Wrote, listed and removed lever-sync-probe-.*: copies can go here\.$/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '02-s3.png') });
    await sidebar.getByRole('button', { name: 'Save', exact: true }).click();
    await sidebar.getByRole('button', { name: 'Run Team now' }).waitFor();
    const state = world.host.call<SidebarState>('getSidebarState');
    const team = state.jobs.find((j) => j.job.sheetName === 'Team')!.job;
    expect(team.exports).toEqual([
      {
        to: 's3',
        format: 'csv.gz',
        keep: 'latest',
        bucket: 'team-exports',
        region: 'eu-central-1',
        encryption: 'AES256',
        prefix: 'people/',
      },
    ]);
    expect(JSON.stringify(state)).not.toContain(S3_SECRET);
    await sidebar.getByRole('button', { name: 'Run Team now' }).click();
    await sidebar.getByText('Done.').waitFor({ timeout: 60_000 });
    expect(await s3.keys('team-exports')).toEqual(['people/Team.csv.gz', 'people/Team.csv.gz.manifest.json']);
  });

  it('alerts: recipients, stale threshold, digest and a webhook saved as a secret and tested, in the editor', async () => {
    const { sidebar, page } = ui;
    await sidebar.getByRole('button', { name: 'Back to jobs' }).click();
    await sidebar.getByRole('button', { name: 'Edit Team' }).click();
    await sidebar.locator('#sec-alerts > summary').click();
    await sidebar.getByLabel('Email alerts to').fill('lead@team.example, ops@team.example');
    await sidebar.getByLabel('Alert when the data is older than (hours)').fill('6');
    await sidebar.getByLabel('A daily digest of the runs').check();
    await sidebar.getByLabel('Also post alerts to my webhook').check();
    await sidebar.getByLabel('Webhook address').fill('https://hooks.slack.com/services/T1/B2/secretpath');
    await sidebar.getByLabel('Signing secret').fill('browser-test-signing-secret');
    await sidebar.getByRole('button', { name: 'Save webhook' }).click();
    await sidebar.getByText('Webhook saved (hooks.slack.com).').waitFor();
    expect(await sidebar.getByLabel('Webhook address').inputValue()).toBe('');
    await sidebar.getByRole('button', { name: 'Test webhook' }).click();
    await sidebar.getByText('Posted a test message to the webhook.').waitFor();
    expect((await hooks.received()).map((p) => p.path)).toEqual(['/services/T1/B2/secretpath']);
    await page.screenshot({ path: join(ARTIFACTS, '03-alerts.png') });
    await sidebar.getByRole('button', { name: 'Save', exact: true }).click();
    await sidebar.getByRole('button', { name: 'Run Team now' }).waitFor();
    const state = world.host.call<SidebarState>('getSidebarState');
    expect(state.jobs.find((j) => j.job.sheetName === 'Team')!.job.alerts).toEqual({
      to: ['lead@team.example', 'ops@team.example'],
      onRecovery: true,
      staleAfterHours: 6,
      digest: true,
      webhook: true,
    });
    expect(JSON.stringify(state)).not.toContain('secretpath');
  });

  it('Usage: the quotas, the cells and what each copy keeps, at 300 px', async () => {
    const { sidebar, page } = ui;
    await sidebar.getByRole('button', { name: 'Usage' }).click();
    await sidebar.getByText(/^Lever requests: [\d,]+ of 20,000/).waitFor();
    await sidebar.getByText(/^Cells: [\d,]+ of 10,000,000/).waitFor();
    const keys = await s3.keys('team-exports');
    const bytes = (await Promise.all(keys.map((k) => s3.object('team-exports', k)))).reduce((n, b) => n + b!.length, 0);
    const team = sidebar.locator('li', { hasText: 'Team' });
    await team
      .getByText(`https://team-exports.s3.eu-central-1.amazonaws.com/people/: ${keys.length} files, ${bytes < 1000 ? `${bytes} B` : ''}`, {
        exact: false,
      })
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '04-usage.png') });
    await sidebar.getByRole('button', { name: 'Back' }).click();
  });
});
