/**
 * The resume copy through the shipped bundle, to the S3 stand-in: each candidate's latest ready
 * resume, byte for byte as Lever serves it, named by candidate and resume; at most a run's share
 * of candidates looked at; a candidate deleted in Lever loses their file; files over the size cap
 * stay out.
 */
import type { LocalWorld } from '../../src/cli/local-world';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Stand } from '../../src/emulators/s3';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import type { Job } from '../../src/shared/rpc';
import { connectedWorld, rpcErrorOf, runToEnd, sheetObjects } from '../helpers/world';

jest.setTimeout(60_000);

const BUCKET = 'screening';
const where = { to: 's3', bucket: BUCKET, region: 'eu-west-2' } as const;
let s3: S3Stand;
let world: LocalWorld;
let job: Job;

type Resume = { id: string; file: { downloadUrl: string; uploadedAt: number; status: string | null; size: number } };

beforeAll(async () => {
  s3 = await startS3({ [BUCKET]: 'eu-west-2' });
  world = connectedWorld({
    sandbox: { seed: 71, opportunities: 150 },
    loopback: [{ prefix: `https://${BUCKET}.s3.eu-west-2.amazonaws.com/`, port: s3.port }],
  });
  world.host.call('saveDestinationSecret', { ...where, accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET });
});

afterAll(async () => {
  await s3?.stop();
});

/** What the copy should hold: each candidate in the tab with a ready resume, its newest. */
function expected(): Map<string, Resume> {
  const ids = new Set(sheetObjects(world.host.spreadsheet.tab('Candidates')).map((r) => String(r['Opportunity ID'])));
  const out = new Map<string, Resume>();
  for (const [opp, list] of world.sandbox.data.children.resumes) {
    if (!ids.has(opp)) continue;
    const ready = (list as unknown as Resume[]).filter((r) => r.file?.downloadUrl && r.file.status !== 'processing');
    const newest = ready.sort((a, b) => b.file.uploadedAt - a.file.uploadedAt)[0];
    if (newest && newest.file.size <= 10 * 1024 * 1024) out.set(opp, newest);
  }
  return out;
}

const mirrored = async () => (await s3.keys(BUCKET)).filter((k) => k.startsWith('cv/resume_'));

describe('the resume copy', () => {
  it('mirrors each candidate’s latest ready resume byte for byte, a run’s share at a time', async () => {
    job = world.host.call<Job>('saveJob', {
      object: 'opportunities',
      sheetName: 'Candidates',
      fields: ['name', 'id'],
      resumes: { ...where, prefix: 'cv/' },
    });
    expect(job.resumes).toEqual({ to: 's3', bucket: BUCKET, region: 'eu-west-2', prefix: 'cv/', maxMb: 10 });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const want = expected();
    expect(want.size).toBeGreaterThan(40);
    expect((await mirrored()).length).toBeLessThanOrEqual(40);
    expect(String(sheetObjects(world.host.spreadsheet.tab('Sync log')).pop()!.Error)).toMatch(
      /^Resumes: \d+ mirrored \(40 of \d+ candidates looked at\)\.$/,
    );
    // 150 candidates, 40 looked at a run: every one within four runs.
    for (let i = 0; i < 3; i++) {
      world.clock.advance(3600_000);
      runToEnd(world, job);
    }
    const keys = await mirrored();
    expect(keys.sort()).toEqual([...want].map(([opp, r]) => `cv/resume_${opp}_${r.id}.pdf`).sort());
    const auth = { Authorization: `Basic ${Buffer.from(`${SANDBOX_KEY}:`).toString('base64')}` };
    for (const [opp, r] of [...want].slice(0, 5)) {
      const stored = (await s3.object(BUCKET, `cv/resume_${opp}_${r.id}.pdf`))!;
      const served = world.sandbox.handle({ method: 'GET', url: r.file.downloadUrl, headers: auth }).bytes!;
      expect(Buffer.compare(stored, Buffer.from(served))).toBe(0);
    }
  });

  it('a candidate deleted in Lever loses their file at the next run', async () => {
    const [opp] = [...expected()][0];
    world.sandbox.activity.remove(world.sandbox.data.opportunities.get(opp)!, world.clock.now());
    world.clock.advance(3600_000);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    expect((await mirrored()).some((k) => k.includes(opp))).toBe(false);
    expect(String(sheetObjects(world.host.spreadsheet.tab('Sync log')).pop()!.Error)).toMatch(/1 removed/);
  });

  it('a candidate anonymised in Lever whose row stays marked (removed: mark) loses their file', async () => {
    const marked = world.host.call<Job>('saveJob', { ...job, removed: 'mark' });
    world.clock.advance(3600_000);
    runToEnd(world, marked);
    const keys = await mirrored();
    const opp = [...expected().keys()].find((id) => keys.some((k) => k.includes(id)))!;
    world.sandbox.activity.anonymize(world.sandbox.data.opportunities.get(opp)!, world.clock.now());
    world.clock.advance(3600_000);
    expect(runToEnd(world, marked).pop()!.status).toBe('ok');
    const row = sheetObjects(world.host.spreadsheet.tab('Candidates')).find((r) => r['Opportunity ID'] === opp);
    expect(row?.['Removed in Lever']).toBeTruthy();
    expect((await mirrored()).some((k) => k.includes(opp))).toBe(false);
  });

  it('only candidates jobs take it; the size cap is 1 to 25 MB', () => {
    const save = (input: object) => rpcErrorOf(() => world.host.call('saveJob', { sheetName: 'X', ...input })).message;
    expect(save({ object: 'users', resumes: where })).toMatch(/^resumes: mirrors candidates’ resumes/);
    expect(save({ object: 'opportunities', resumes: { ...where, maxMb: 100 } })).toBe(
      'resumes.maxMb: must be a whole number from 1 to 25 (got 100).',
    );
    expect(save({ object: 'opportunities', resumes: { to: 's3', bucket: 'a.b', region: 'eu-west-2' } })).toMatch(/^exports\[0\]\.bucket/);
  });
});
