/**
 * The editor's Copies section sends a copy to Azure or S3, in Chromium at 300 px: the container or
 * bucket and a folder, the SAS token or access key saved as a secret (the fields empty, the secret
 * never comes back), a test of the destination, then a run whose copy lands in Azurite or in the
 * S3 stand-in. Then the Resumes section (beside the copy, a Drive folder), alerts, usage, and the
 * Mode, Tab and Copies settings added since (hash chain, retries, row limit, split, path, warehouse).
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

  it('resumes: beside the copy in its container, then to a Drive folder, set in the editor; the tab links each row to its file', async () => {
    const { sidebar, page } = ui;
    const container = `${azurite.accountUrl}/exports`;
    await sidebar.getByRole('button', { name: 'Back to jobs' }).click();
    await sidebar.getByRole('button', { name: 'Edit Pipeline' }).click();
    await sidebar.locator('#sec-resumes > summary').click();
    await sidebar.getByLabel('Latest resume of each candidate').selectOption('copy');
    await sidebar.getByLabel('Folder in the bucket or container').fill('cv/');
    await sidebar.getByLabel('Largest file (MB)').fill('5');
    await page.screenshot({ path: join(ARTIFACTS, '01b-resumes.png') });
    await sidebar.getByRole('button', { name: 'Save', exact: true }).click();
    await sidebar.getByRole('button', { name: 'Run Pipeline now' }).waitFor();
    const job = () => world.host.call<SidebarState>('getSidebarState').jobs.find((j) => j.job.sheetName === 'Pipeline')!.job;
    expect(job().resumes).toEqual({ to: 'azure', containerUrl: container, prefix: 'cv/', maxMb: 5 });
    await sidebar.getByRole('button', { name: 'Run Pipeline now' }).click();
    await sidebar.getByText('Done.').waitFor({ timeout: 60_000 });
    const blobs: string[] = [];
    for await (const b of azurite.service.getContainerClient('exports').listBlobsFlat({ prefix: 'cv/' })) blobs.push(b.name);
    expect(blobs.length).toBeGreaterThan(0);
    const tab = world.host.spreadsheet.tab('Pipeline')!;
    const at = tab.rows[0].indexOf('Resume');
    const linked = tab.rows.map((_, r) => tab.linkAt(r + 1, at + 1)).filter(Boolean);
    expect(linked.sort()).toEqual(blobs.map((b) => `${container}/${b.split('/').map(encodeURIComponent).join('/')}`).sort());
    // Then to a Drive folder of the add-on's own.
    await sidebar.getByRole('button', { name: 'Back to jobs' }).click();
    await sidebar.getByRole('button', { name: 'Edit Pipeline' }).click();
    await sidebar.locator('#sec-resumes > summary').click();
    await sidebar.getByLabel('Latest resume of each candidate').selectOption('drive');
    await sidebar.getByLabel('Drive folder').fill('Screening');
    await sidebar.getByRole('button', { name: 'Save', exact: true }).click();
    await sidebar.getByRole('button', { name: 'Run Pipeline now' }).waitFor();
    expect(job().resumes).toEqual({ to: 'drive', folder: 'Screening', maxMb: 5 });
    await sidebar.getByRole('button', { name: 'Run Pipeline now' }).click();
    await sidebar.getByText('Done.').waitFor({ timeout: 60_000 });
    const folder = world.host.drive.items.find((f) => f.isFolder && f.name === 'Screening')!;
    const files = world.host.drive.liveFiles().filter((f) => f.parents.includes(folder.id));
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => /^resume_[0-9a-f-]{36}_[0-9a-f-]{36}\.\w+$/.test(f.name))).toBe(true);
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
  it('the newer settings in the editor: append with a hash chain, retries, a row limit, a split, a path, then the warehouse layout', async () => {
    const { sidebar, page } = ui;
    await sidebar.getByRole('button', { name: 'New sync job' }).click();
    await sidebar.getByLabel('Lever object').selectOption('interviews');
    await sidebar.getByLabel('Tab', { exact: true }).fill('Loops');
    await sidebar.getByLabel('Job name').fill('Loops');
    await sidebar.getByLabel('Split by').selectOption('department');
    await sidebar.getByLabel('Split into').selectOption('both');
    await sidebar.locator('#sec-mode > summary').click();
    await sidebar.locator('#mode-append').check();
    await sidebar.getByLabel('Row hash chain').check();
    await sidebar.getByLabel('Tries after a passing error').fill('3');
    await sidebar.getByLabel('Longest wait between tries (seconds)').fill('10');
    await sidebar.getByLabel('Most rows per run').fill('500');
    await sidebar.locator('#sec-copies > summary').click();
    await sidebar.getByLabel('Copy of the tab').selectOption('csv');
    await sidebar.getByLabel('Where').selectOption('s3');
    await sidebar.getByLabel('Bucket', { exact: true }).fill('team-exports');
    await sidebar.getByLabel('Region').selectOption('eu-central-1');
    await sidebar.getByLabel('File path').fill('{object}/{date}/{tab}-{run}.{ext}');
    await page.screenshot({ path: join(ARTIFACTS, '05-newer-settings.png') });
    await sidebar.getByRole('button', { name: 'Save', exact: true }).click();
    await sidebar.getByRole('button', { name: 'Run Loops now' }).waitFor();
    const loops = () => world.host.call<SidebarState>('getSidebarState').jobs.find((j) => j.job.sheetName === 'Loops')!.job;
    expect(loops()).toMatchObject({
      mode: 'append',
      hashChain: true,
      retry: { maxAttempts: 3, maxWaitSeconds: 10 },
      maxRowsPerRun: 500,
      splitBy: { by: 'department', into: 'both' },
      exports: [{ to: 's3', format: 'csv', bucket: 'team-exports', region: 'eu-central-1', path: '{object}/{date}/{tab}-{run}.{ext}' }],
    });
    await sidebar.getByRole('button', { name: 'Run Loops now' }).click();
    await sidebar.getByText(/^(Done\.|Stopped after [\d,]+ rows, this job's limit per run)/).waitFor({ timeout: 60_000 });
    expect(world.host.spreadsheet.tab('Loops')!.rows[0]).toContain('Row hash');
    // The warehouse layout takes the place of the path; without a split.
    await sidebar.getByRole('button', { name: 'Back to jobs' }).click();
    await sidebar.getByRole('button', { name: 'Edit Loops' }).click();
    await sidebar.locator('#sec-tab > summary').click();
    await sidebar.getByLabel('Split by').selectOption('');
    await sidebar.locator('#sec-copies > summary').click();
    await sidebar.getByLabel('Warehouse layout').check();
    expect(await sidebar.getByLabel('File path').count()).toBe(0);
    await sidebar.getByRole('button', { name: 'Save', exact: true }).click();
    await sidebar.getByRole('button', { name: 'Run Loops now' }).waitFor();
    const saved = loops();
    expect(saved.splitBy).toBeUndefined();
    expect(saved.exports).toEqual([
      { to: 's3', format: 'csv', keep: 'latest', bucket: 'team-exports', region: 'eu-central-1', layout: 'warehouse' },
    ]);
  });
});
