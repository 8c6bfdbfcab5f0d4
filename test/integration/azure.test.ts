/**
 * Copies to Azure Blob Storage, through the shipped bundle in the local host, against Azurite on
 * loopback (which checks SAS signatures): the file and its manifest land, the stored MD5 is
 * checked, a bad token fails with a clear message that never shows it, and nothing is lost.
 */
import { gunzipSync } from 'node:zlib';
import { createLocalWorld, type LocalWorld } from '../../src/cli/local-world';
import type { Job, SidebarState } from '../../src/shared/rpc';
import { AZURITE_KEY, startAzurite, type Azurite } from '../../src/emulators/azurite';
import { rpcErrorOf, runToEnd, sheetObjects } from '../helpers/world';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';

jest.setTimeout(60_000);

let azurite: Azurite;
let world: LocalWorld;
let container: string;

beforeAll(async () => {
  azurite = await startAzurite();
  await azurite.service.getContainerClient('lever-exports').create();
  container = `${azurite.accountUrl}/lever-exports`;
  world = createLocalWorld({
    sandbox: { seed: 5, opportunities: 60 },
    loopback: [{ prefix: `${azurite.accountUrl}/`, port: azurite.port }],
  });
  world.host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });
});

afterAll(async () => {
  await azurite?.stop();
});

async function blobText(name: string, gz = false): Promise<string> {
  const buf = await azurite.service.getContainerClient('lever-exports').getBlobClient(name).downloadToBuffer();
  return (gz ? gunzipSync(buf) : buf).toString('utf8');
}

describe('Azure Blob copies', () => {
  it('a saved SAS token lets a job copy its tab to a container folder, with its manifest, checked by MD5', async () => {
    const saved = world.host.call('saveDestinationSecret', {
      to: 'azure',
      containerUrl: container,
      sas: azurite.sas('lever-exports', 'rwdl'),
    });
    expect(saved).toEqual({ address: container, saved: true });
    expect(world.host.call('testDestination', { to: 'azure', containerUrl: container })).toMatchObject({ ok: true });
    const job = world.host.call<Job>('saveJob', {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['name', 'stage@text', 'id'],
      exports: [{ to: 'azure', containerUrl: container, prefix: 'lever/', format: 'csv.gz' }],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const names: string[] = [];
    for await (const b of azurite.service.getContainerClient('lever-exports').listBlobsFlat()) names.push(b.name);
    expect(names.sort()).toEqual(['lever/Pipeline.csv.gz', 'lever/Pipeline.csv.gz.manifest.json']);
    const csv = await blobText('lever/Pipeline.csv.gz', true);
    expect(csv.trim().split('\r\n')).toHaveLength(sheetObjects(world.host.spreadsheet.tab('Pipeline')).length + 1);
    const manifest = JSON.parse(await blobText('lever/Pipeline.csv.gz.manifest.json'));
    expect(manifest).toMatchObject({
      file: 'Pipeline.csv.gz',
      format: 'csv.gz',
      rows: sheetObjects(world.host.spreadsheet.tab('Pipeline')).length,
    });
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log')).pop()!;
    expect(log['Mirror file']).toBe('Pipeline.csv.gz');
  });

  it('a token Azure refuses fails the copy with what to do, never the token; the rows and the earlier copy stay', async () => {
    const good = azurite.sas('lever-exports', 'rwdl');
    const forged = good.replace(/sig=[^&]+/, 'sig=Zm9yZ2VkLXNpZ25hdHVyZQ%3D%3D');
    world.host.call('saveDestinationSecret', { to: 'azure', containerUrl: container, sas: forged });
    const job = world.host.call<SidebarState>('getSidebarState').jobs[0].job;
    const before = await blobText('lever/Pipeline.csv.gz', true);
    world.clock.advance(3600_000);
    world.sandbox.activity.simulate(world.clock.now() - 3600_000, world.clock.now(), 20);
    expect(runToEnd(world, job).pop()!.status).toBe('failed');
    const run = world.host.call<SidebarState>('getSidebarState').jobs[0].lastRun!;
    expect(run.error!.message).toMatch(
      /^The rows are in the sheet, but the csv\.gz copy to azure failed: exports: the Azure container https:\/\/devstoreaccount1\.blob\.core\.windows\.net\/lever-exports refused the SAS token to write Pipeline\.csv\.gz \(AuthorizationFailure\)\. Save a new token/,
    );
    const everywhere = JSON.stringify([run, sheetObjects(world.host.spreadsheet.tab('Sync log')), world.host.logs]);
    expect(everywhere).not.toContain('Zm9yZ2VkLXNpZ25hdHVyZQ');
    expect(everywhere).not.toContain(good.match(/sig=([^&]+)/)![1]);
    expect(await blobText('lever/Pipeline.csv.gz', true)).toBe(before);
    // A good token again: the next run writes the copy.
    world.host.call('saveDestinationSecret', { to: 'azure', containerUrl: container, sas: good });
    world.clock.advance(3600_000);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
  });

  it('the account key instead of a token: requests signed with Shared Key, which Azurite checks; a wrong key fails in words', async () => {
    world.host.call('saveDestinationSecret', { to: 'azure', containerUrl: container, accountKey: AZURITE_KEY });
    expect(world.host.call('testDestination', { to: 'azure', containerUrl: container })).toMatchObject({ ok: true });
    const job = world.host.call<Job>('saveJob', {
      object: 'users',
      sheetName: 'Team',
      exports: [{ to: 'azure', containerUrl: container, prefix: 'keyed/', format: 'csv' }],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const csv = await blobText('keyed/Team.csv');
    expect(csv.trim().split('\r\n')).toHaveLength(sheetObjects(world.host.spreadsheet.tab('Team')).length + 1);
    // Another key of the right form: Azurite refuses the signature.
    const wrong = `${'A'.repeat(85)}B==`;
    world.host.call('saveDestinationSecret', { to: 'azure', containerUrl: container, accountKey: wrong });
    const error = rpcErrorOf(() => world.host.call('testDestination', { to: 'azure', containerUrl: container }));
    expect(error.message).toMatch(
      /^exports: the Azure container .* refused the account key to write lever-sync-probe-.* Save the storage account's current key/,
    );
    expect(JSON.stringify([error, world.host.logs])).not.toContain(AZURITE_KEY.slice(0, 20));
    expect(
      rpcErrorOf(() => world.host.call('saveDestinationSecret', { to: 'azure', containerUrl: container, accountKey: 'short' })).message,
    ).toMatch(/^accountKey: is not a storage account key/);
    world.host.call('saveDestinationSecret', { to: 'azure', containerUrl: container, sas: azurite.sas('lever-exports', 'rwdl') });
  });

  it('bad settings say what to fix', () => {
    const save = (exp: object) => rpcErrorOf(() => world.host.call('saveJob', { object: 'users', sheetName: 'U', exports: [exp] })).message;
    expect(save({ to: 'azure', containerUrl: `${container}?sv=2021&sig=abc` })).toBe(
      'exports[0].containerUrl: give the container address without its SAS token (the part after ?): the token is saved apart, as a secret.',
    );
    expect(save({ to: 'azure', containerUrl: 'https://example.com/x' })).toBe(
      'exports[0].containerUrl: must look like https://<account>.blob.core.windows.net/<container> (lowercase letters, digits and dashes).',
    );
    expect(save({ to: 'azure', containerUrl: container, prefix: '/lever' })).toMatch(/^exports\[0\]\.prefix: must be a folder/);
    expect(
      rpcErrorOf(() => world.host.call('saveDestinationSecret', { to: 'azure', containerUrl: container, sas: 'hunter2' })).message,
    ).toMatch(/^sas: is not a SAS token/);
  });
});
