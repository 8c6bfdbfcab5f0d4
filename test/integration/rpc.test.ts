import {
  inWords,
  connectedWorld,
  rpcErrorOf,
  documentStore,
  expectedCell,
  runToEnd,
  saveJob,
  sheetObjects,
  upsertedOpportunities,
} from '../helpers/world';
import type { FieldInfo, Preview, RunLogEntry, SidebarState, SliceProgress } from '../../src/shared/rpc';
import { EmuSheet } from '../../src/host/spreadsheet';
import { OBJECT_NAMES } from '../../src/core/catalog/objects';

describe('the sidebar’s server calls', () => {
  it('getSidebarState: connection without the key, jobs with last run, next run and time zone', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 40 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', schedule: { every: 'day', hour: 8 } });
    runToEnd(world, job);
    const state = world.host.call<SidebarState>('getSidebarState');
    expect(state.connection).toEqual({ connected: true, status: 'connected', environment: 'sandbox', keyHint: '…0e5c', cannotRead: [] });
    expect(JSON.stringify(state)).not.toContain('sbx_demo');
    expect(state.timeZone).toBe('Europe/Lisbon');
    expect(state.objects.map((o) => o.name)).toEqual(OBJECT_NAMES);
    expect(state.jobs[0]).toMatchObject({
      job: { id: job.id },
      lastRun: { status: 'ok', counts: { records: expect.any(Number) } },
      running: null,
    });
    expect(state.jobs[0].nextRunAt).toBeGreaterThan(world.clock.now());
  });

  it('listFields: every column with label, type, personal-data flag, default flag and an example from the account', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 40 } });
    const fields = world.host.call<FieldInfo[]>('listFields', 'opportunities');
    const name = fields.find((f) => f.path === 'name')!;
    expect(name).toMatchObject({ label: 'Name', type: 'text', pii: true, default: true, example: expect.any(String) });
    expect(fields.find((f) => f.path === 'createdAt')).toMatchObject({
      type: 'date',
      example: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const owner = fields.find((f) => f.path === 'owner@name')!;
    expect(owner).toMatchObject({ label: 'Owner', type: 'text' });
    expect(world.sandbox.data.users.map((u) => u.name)).toContain(owner.example);
    const forms = world.host.call<FieldInfo[]>('listFields', 'forms');
    expect(forms.find((f) => f.path === '*custom')!.example).toMatch(/^Current company, Why us\?, /);
    expect(rpcErrorOf(() => world.host.call('listFields', 'widgets'))).toEqual({
      code: 'CONFIG',
      field: 'object',
      message: expect.stringMatching(/"widgets" is not one of opportunities/),
    });
  });

  it('previewJob: the first rows exactly as they will be written, dates as ISO text', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 40 } });
    const preview = world.host.call<Preview>('previewJob', {
      object: 'opportunities',
      sheetName: 'P',
      fields: ['id', { path: 'name', column: 'Candidate' }, 'createdAt'],
    });
    expect(preview.header).toEqual(['Opportunity ID', 'Candidate', 'Created at']);
    expect(preview.rows.length).toBe(10);
    const opp = world.sandbox.data.opportunities.get(preview.rows[0][0] as string)!;
    expect(preview.rows[0]).toEqual([opp.id, expectedCell(opp, 'name'), new Date(opp.createdAt as number).toISOString()]);
    // A preview writes nothing.
    expect(world.host.spreadsheet.tab('P')).toBeUndefined();
    const interviews = world.host.call<Preview>('previewJob', { object: 'interviews', sheetName: 'I' });
    // Children read as a recruiter expects: who and for which posting first, ids at the right.
    expect(interviews.header.slice(0, 2)).toEqual(['Candidate', 'Posting']);
    expect(interviews.header.slice(-2)).toEqual(['Interview ID', 'Opportunity ID']);
  });

  it('listFilterOptions: stages and postings by name, from the cached reference tables', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 40 } });
    const options = world.host.call<{ stages: Array<{ id: string; text: string }>; postings: Array<{ id: string; text: string }> }>(
      'listFilterOptions',
    );
    expect(options.stages).toContainEqual({ id: 'offer', text: 'Offer' });
    expect(options.postings.length).toBe(world.sandbox.data.postings.length);
    const before = world.sandbox.requestCount;
    world.host.call('listFilterOptions');
    expect(world.sandbox.requestCount).toBe(before);
    expect(world.host.call<{ tabs: string[] }>('getSidebarState').tabs).toEqual(['Sheet1']);
  });

  it('getRunLog: newest first, plain JSON', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 40 } });
    const a = saveJob(world, { object: 'opportunities', sheetName: 'A', fields: ['id'] });
    const b = saveJob(world, { object: 'offers', sheetName: 'B' });
    runToEnd(world, a);
    runToEnd(world, b);
    const log = world.host.call<RunLogEntry[]>('getRunLog', 10);
    expect(log.map((l) => l.job)).toEqual([b.name, a.name]);
    expect(log[0]).toMatchObject({ status: 'ok', kind: 'full', startedAt: expect.stringMatching(/Z$/), error: null });
  });

  it('cancelRun drops a paused run; deleteJob removes the job, its state and the trigger it needed', () => {
    const world = connectedWorld({
      sandbox: { seed: 1, opportunities: 400, faults: [{ kind: 'slow', path: '/interviews', delayMs: 3000 }] },
    });
    const job = saveJob(world, { object: 'interviews', sheetName: 'I', schedule: { every: 'hour' } });
    const first = world.host.call<SliceProgress>('runJobSlice', job.id);
    expect(first).toMatchObject({ done: false, status: 'running' });
    expect(world.host.call('cancelRun', job.id)).toBe(true);
    expect(world.host.call<SidebarState>('getSidebarState').jobs[0].running).toBeNull();
    expect(world.host.call('cancelRun', job.id)).toBe(false);
    expect(world.host.call('deleteJob', job.id)).toBe(true);
    expect([...documentStore(world).keys()].filter((k) => k.includes(job.id))).toEqual([]);
    expect(world.host.triggers).toHaveLength(0);
    expect(() => world.host.call('runJobSlice', job.id)).toThrow(/no job with id/);
  });

  it('cancelling a replace run removes its hidden staging tab and leaves the visible tab as it was', () => {
    const world = connectedWorld({
      sandbox: { seed: 1, opportunities: 600, faults: [{ kind: 'slow', path: '/opportunities', delayMs: 15_000 }] },
    });
    const job = saveJob(world, { object: 'opportunities', mode: 'replace', sheetName: 'Snap', fields: ['id'] });
    expect(world.host.call<SliceProgress>('runJobSlice', job.id).done).toBe(false);
    expect(world.host.spreadsheet.tab('~staging Snap')?.hidden).toBe(true);
    world.host.call('cancelRun', job.id);
    expect(world.host.spreadsheet.tab('~staging Snap')).toBeUndefined();
    expect(world.host.spreadsheet.tab('Snap')).toBeUndefined();
  });

  it('changing a job’s fields makes the next run full, so new columns are filled for every row', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 120 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id', 'name'] });
    runToEnd(world, job);
    world.clock.advance(3600_000);
    saveJob(world, { ...job, fields: ['id', 'name', 'origin'] });
    const progress = runToEnd(world, job);
    expect(progress[progress.length - 1]).toMatchObject({ status: 'ok' });
    const rows = sheetObjects(world.host.spreadsheet.tab('P'));
    for (const o of upsertedOpportunities(world))
      expect(rows.find((r) => r['Opportunity ID'] === o.id)!.Origin).toBe(inWords(o.origin as string));
  });

  it('a saved page token that Lever no longer accepts restarts the list, without duplicates', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 300 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id'] });
    world.sandbox.injectFaults([{ kind: 'invalid-token', from: 2, count: 1 }]);
    const progress = runToEnd(world, job);
    expect(progress[progress.length - 1].status).toBe('ok');
    const ids = sheetObjects(world.host.spreadsheet.tab('P')).map((r) => r['Opportunity ID']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(upsertedOpportunities(world).length);
  });

  it('stops before passing 10 million cells, with a message, writing nothing more', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 300 } });
    const book = world.host.spreadsheet;
    // The job's tab exists (2×26 cells); the user's own huge tab leaves room for 2,000 more cells.
    book.sheets.push(new EmuSheet(book, 'P', 2, 26));
    book.sheets.push(new EmuSheet(book, 'Big', Math.floor((10_000_000 - book.totalCells() - 2_000) / 26), 26));
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P' });
    const progress = runToEnd(world, job);
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ status: 'failed', error: { code: 'SHEET_LIMIT' } });
    expect(last.error!.message).toMatch(
      /Writing \d+ more rows to "P" would bring the spreadsheet to 10,00\d,\d{3} cells, over Google's limit of 10,000,000\. Nothing was written/,
    );
    expect(book.tab('P')!.lastRow()).toBe(1); // the header only
    // No room for a "Sync log" tab either: the run's result is still kept and shown.
    expect(world.host.logs.join('\n')).toMatch(/Could not write the Sync log: This spreadsheet is at Google’s limit/);
    expect(world.host.call<SidebarState>('getSidebarState').jobs[0].lastRun).toMatchObject({
      status: 'failed',
      error: { code: 'SHEET_LIMIT' },
    });
  });
});

describe('errors reach the sidebar as codes, not just text', () => {
  it('when the properties service fails, even while the error is being worded, the sidebar gets a code and no unchecked text', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 10 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P' });
    const props = world.host.userProps as unknown as Record<string, unknown>;
    props.getProperty = () => {
      throw new Error('Exception: Service error: Properties');
    };
    expect(world.host.call<SliceProgress>('runJobSlice', job.id)).toMatchObject({
      done: true,
      status: 'failed',
      error: {
        code: 'GOOGLE_UNAVAILABLE',
        message: expect.stringMatching(/Google did not let Lever Sync check the details for secrets, so they are not shown/),
      },
    });
    delete props.getProperty;
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
  });

  it('each failure carries its code, and a configuration error its field', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 10 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P' });
    expect(rpcErrorOf(() => world.host.call('saveJob', { object: 'stages', sheetName: 'P' }))).toEqual({
      code: 'CONFIG',
      field: 'sheetName',
      message: expect.stringMatching(/the tab "P" is already used by the job/),
    });
    world.host.lockHeldElsewhere = true;
    expect(rpcErrorOf(() => world.host.call('runJobSlice', job.id)).code).toBe('BUSY');
    world.host.lockHeldElsewhere = false;
    world.host.userProps.deleteAllProperties();
    expect(rpcErrorOf(() => world.host.call('previewJob', { object: 'opportunities', sheetName: 'P' }))).toEqual({
      code: 'AUTH',
      message: expect.stringMatching(/connect to Lever first/),
    });
  });
});
