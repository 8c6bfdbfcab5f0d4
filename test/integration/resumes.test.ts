/**
 * The resume copy through the shipped bundle, to the S3 stand-in: each candidate's latest ready
 * resume, byte for byte as Lever serves it, named by candidate and resume; at most a run's share
 * of candidates looked at; a candidate deleted in Lever loses their file; files over the size cap
 * stay out.
 */
import { parse } from 'csv-parse/sync';
import type { LocalWorld } from '../../src/cli/local-world';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Stand } from '../../src/emulators/s3';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import type { Job } from '../../src/shared/rpc';
import { copiesOf, connectedWorld, rpcErrorOf, runToEnd, sheetObjects } from '../helpers/world';

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
    sandbox: { seed: 71, opportunities: 100 },
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

/** Each row's candidate id → the Resume cell's words and the link behind them. */
function resumeCells(tab = 'Candidates'): Map<string, { text: unknown; url: string | null }> {
  const sheet = world.host.spreadsheet.tab(tab)!;
  const header = sheet.rows[0];
  const [idAt, at] = [header.indexOf('Opportunity ID'), header.indexOf('Resume')];
  const rows = sheet.rows.slice(1).map((r, i) => [String(r[idAt] ?? ''), { text: r[at] ?? '', url: sheet.linkAt(i + 2, at + 1) }] as const);
  return new Map(rows.filter(([id]) => id));
}

describe('the resume copy', () => {
  it('mirrors each candidate’s latest ready resume byte for byte, a run’s share at a time', async () => {
    job = world.host.call<Job>('saveJob', {
      object: 'opportunities',
      sheetName: 'Candidates',
      fields: ['name', 'id'],
      resumes: { ...where, prefix: 'cv/' },
      exports: [{ to: 'drive', format: 'csv' }],
    });
    expect(job.resumes).toEqual({ to: 's3', bucket: BUCKET, region: 'eu-west-2', prefix: 'cv/', maxMb: 10 });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const want = expected();
    expect(want.size).toBeGreaterThan(40);
    expect((await mirrored()).length).toBeLessThanOrEqual(40);
    expect(String(sheetObjects(world.host.spreadsheet.tab('Sync log')).pop()!.Error)).toMatch(
      /^Resumes: \d+ mirrored \(40 of \d+ candidates looked at\)\.$/,
    );
    // 100 candidates, 40 looked at a run: every one within three runs.
    for (let i = 0; i < 2; i++) {
      world.clock.advance(3600_000);
      runToEnd(world, job);
    }
    const keys = await mirrored();
    expect(keys.sort()).toEqual([...want].map(([opp, r]) => `cv/resume_${opp}_${r.id}.pdf`).sort());
    // The tab links each candidate to their file; the CSV holds the same addresses.
    const address = (opp: string, r: Resume) => `https://${BUCKET}.s3.eu-west-2.amazonaws.com/cv/resume_${opp}_${r.id}.pdf`;
    const cells = resumeCells();
    for (const [opp, cell] of cells) {
      const r = want.get(opp);
      expect(cell).toEqual(r ? { text: 'Open resume', url: address(opp, r) } : { text: '', url: null });
    }
    const [header, ...rows] = parse(
      copiesOf(world)
        .find((f) => f.name === 'Candidates.csv')!
        .blob.getDataAsString(),
    ) as string[][];
    const csvLinks = new Map(rows.map((r) => [r[header.indexOf('Opportunity ID')], r[header.indexOf('Resume')]]));
    expect(csvLinks).toEqual(new Map([...cells.keys()].map((opp) => [opp, want.has(opp) ? address(opp, want.get(opp)!) : ''])));
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
    expect(save({ object: 'opportunities', resumes: { to: 's3', bucket: 'a.b', region: 'eu-west-2' } })).toMatch(/^resumes\.bucket/);
  });
});

describe('the resume copy to a Drive folder of its own', () => {
  let drive: LocalWorld;
  beforeAll(() => {
    drive = connectedWorld({ sandbox: { seed: 72, opportunities: 30 } });
  });

  const folderNamed = (name: string) => drive.host.drive.items.filter((f) => f.isFolder && f.name === name && !f.trashed);
  const resumesIn = (folderId: string) =>
    drive.host.drive.liveFiles().filter((f) => f.parents.includes(folderId) && f.name.startsWith('resume_'));

  it('writes into a folder made inside the add-on’s own, links each row to its file, and finds the folder again once moved', () => {
    const screen = drive.host.call<Job>('saveJob', {
      object: 'opportunities',
      sheetName: 'Screen',
      fields: ['name', 'id'],
      resumes: { to: 'drive', folder: '  Resumes for screeners ' },
    });
    expect(screen.resumes).toEqual({ to: 'drive', folder: 'Resumes for screeners', maxMb: 10 });
    expect(runToEnd(drive, screen).pop()!.status).toBe('ok');
    const [folder] = folderNamed('Resumes for screeners');
    const home = drive.host.drive.items.find((f) => f.id === folder.parents[0])!;
    expect(home.name).toMatch(/^Lever Sync exports – /);
    const files = resumesIn(folder.id);
    expect(files.length).toBeGreaterThan(5);
    const sheet = drive.host.spreadsheet.tab('Screen')!;
    const [idAt, at] = [sheet.rows[0].indexOf('Opportunity ID'), sheet.rows[0].indexOf('Resume')];
    for (const f of files) {
      const row = sheet.rows.findIndex((r) => f.name.startsWith(`resume_${String(r[idAt])}_`));
      expect(sheet.rows[row][at]).toBe('Open resume');
      expect(sheet.linkAt(row + 1, at + 1)).toBe(`https://drive.google.com/file/d/${f.id}/view`);
    }
    // The user moves the folder into their team's and trashes one file: the next run writes it there again.
    const team = drive.host.drive.userItem('Hiring team');
    folder.parents = [team.id];
    files[0].trashed = true;
    drive.clock.advance(3600_000);
    expect(runToEnd(drive, screen).pop()!.status).toBe('ok');
    expect(folderNamed('Resumes for screeners')).toHaveLength(1);
    expect(resumesIn(folder.id).map((f) => f.name)).toContain(files[0].name);
  });

  it('refuses a folder name Drive cannot keep', () => {
    const save = (folder: unknown) =>
      rpcErrorOf(() => drive.host.call('saveJob', { object: 'opportunities', sheetName: 'X', resumes: { to: 'drive', folder } })).message;
    expect(save('x'.repeat(101))).toMatch(/^resumes\.folder: must be a folder name of 1 to 100 characters/);
    expect(save('a\nb')).toMatch(/^resumes\.folder: /);
    expect(save(7)).toMatch(/^resumes\.folder: /);
  });
});
