/**
 * An S3-compatible store (MinIO, R2…) at its own address, path-style, through the shipped bundle:
 * the published manifest does not allow it (Apps Script refuses the call, said in words), and a
 * self-deployed copy that adds the address to urlFetchWhitelist writes there, signed as S3 checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalWorld, DIST } from '../../src/cli/local-world';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Stand } from '../../src/emulators/s3';
import type { Job } from '../../src/shared/rpc';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import { rpcErrorOf, runToEnd } from '../helpers/world';

jest.setTimeout(60_000);

const ENDPOINT = 'https://storage.example.com';
const where = { to: 's3', endpoint: ENDPOINT, bucket: 'team-lake' } as const;
let s3: S3Stand;

beforeAll(async () => {
  s3 = await startS3({ 'team-lake': 'us-east-1' });
});

afterAll(async () => {
  await s3?.stop();
});

function worldWith(allowlist: string[]) {
  const world = createLocalWorld({
    sandbox: { seed: 61, opportunities: 10 },
    loopback: [{ prefix: `${ENDPOINT}/`, port: s3.port }],
    manifest: { urlFetchWhitelist: allowlist },
  });
  world.host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });
  world.host.call('saveDestinationSecret', { ...where, accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET });
  return world;
}

describe('an S3-compatible store', () => {
  const published = (JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8')) as { urlFetchWhitelist: string[] }).urlFetchWhitelist;

  it('is refused by the published manifest, in words', () => {
    const world = worldWith(published);
    expect(rpcErrorOf(() => world.host.call('testDestination', where)).message).toBe(
      'exports: Apps Script does not let this add-on call https://storage.example.com: a copy of the add-on deployed for you can add "https://storage.example.com/" to urlFetchWhitelist in appsscript.json (README, Copies to Azure and S3).',
    );
  });

  it('works path-style once a self-deployed copy allows its address', async () => {
    const world = worldWith([...published, `${ENDPOINT}/`]);
    expect(world.host.call('testDestination', where)).toMatchObject({ ok: true });
    const job = world.host.call<Job>('saveJob', {
      object: 'stages',
      sheetName: 'Stages',
      exports: [{ ...where, prefix: 'lever/', format: 'csv' }],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    expect(await s3.keys('team-lake')).toEqual(['lever/Stages.csv', 'lever/Stages.csv.manifest.json']);
  });
});
