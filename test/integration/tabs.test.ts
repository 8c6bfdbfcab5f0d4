/** A job never takes over a tab that is not its to take. */
import { connectedWorld, documentStore, rpcErrorOf, runToEnd, saveJob } from '../helpers/world';

describe('which tab a job may write', () => {
  it('refuses a tab holding the user’s own data, in every mode, and stores nothing', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    const mine = world.host.spreadsheet.insertSheet('Budget');
    mine.getRange(1, 1, 2, 2).setValues([
      ['Item', 'Cost'],
      ['Laptop', 1200],
    ]);
    for (const mode of ['upsert', 'append', 'replace']) {
      const error = rpcErrorOf(() => world.host.call('saveJob', { object: 'opportunities', sheetName: 'Budget', mode }));
      expect(error).toMatchObject({ code: 'CONFIG', field: 'sheetName', message: expect.stringMatching(/already holds data of your own/) });
    }
    expect([...documentStore(world).keys()].filter((k) => k.startsWith('job:'))).toEqual([]);
    expect(mine.snapshot()).toEqual([
      ['Item', 'Cost'],
      ['Laptop', 1200],
    ]);
  });

  it('takes an empty tab, and a tab an earlier job wrote', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    world.host.spreadsheet.insertSheet('Empty');
    expect(saveJob(world, { object: 'opportunities', sheetName: 'Empty' }).sheetName).toBe('Empty');
    const first = saveJob(world, { object: 'opportunities', sheetName: 'Old', fields: ['id'] });
    runToEnd(world, first);
    world.host.call('deleteJob', first.id);
    expect(saveJob(world, { object: 'opportunities', sheetName: 'Old', fields: ['id', 'name'] }).sheetName).toBe('Old');
  });

  it.each([['Sync log'], ['sync LOG'], [' Sync log '], ['~staging Pipeline'], ['~lever-sync check']])(
    'refuses the add-on’s own tab names: %j',
    (name) => {
      const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
      expect(rpcErrorOf(() => world.host.call('saveJob', { object: 'stages', sheetName: name }))).toMatchObject({
        code: 'CONFIG',
        field: 'sheetName',
      });
    },
  );

  it('two jobs cannot share a tab, whatever the case of its name', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    saveJob(world, { object: 'stages', sheetName: 'Pipeline' });
    expect(rpcErrorOf(() => world.host.call('saveJob', { object: 'tags', sheetName: 'pipeline' }))).toMatchObject({
      code: 'CONFIG',
      field: 'sheetName',
      message: expect.stringMatching(/already used by the job/),
    });
  });
});

describe('a tab the user emptied or deleted', () => {
  const HOUR = 3600_000;
  const rows = (world: ReturnType<typeof connectedWorld>) =>
    world.host.spreadsheet
      .tab('P')!
      .snapshot()
      .slice(1)
      .map((r) => String(r[0]))
      .sort();

  it.each([
    ['emptied', /The tab had been emptied: this run read everything again/],
    ['deleted', /The tab was missing: this run read everything again/],
  ] as const)('%s: the next run rebuilds it whole and says so in the log', (what, note) => {
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 150 } });
    const twin = connectedWorld({ sandbox: { seed: 2, opportunities: 150 } });
    const jobs = [world, twin].map((w) => saveJob(w, { object: 'opportunities', sheetName: 'P', fields: ['id', 'name'] }));
    runToEnd(world, jobs[0]);
    const tab = world.host.spreadsheet.tab('P')!;
    if (what === 'emptied')
      tab
        .getRange(2, 1, tab.maxRows - 1, tab.maxCols)
        .setValues(Array.from({ length: tab.maxRows - 1 }, () => Array(tab.maxCols).fill('')));
    else world.host.spreadsheet.deleteSheet(tab);
    for (const w of [world, twin]) w.clock.advance(2 * HOUR);
    expect(runToEnd(world, jobs[0]).pop()!.status).toBe('ok');
    runToEnd(twin, jobs[1]);
    expect(rows(world)).toEqual(rows(twin));
    expect(rows(world).length).toBeGreaterThan(50);
    const log = world.host.spreadsheet.tab('Sync log')!.snapshot();
    expect(String(log[log.length - 1][16])).toMatch(note);
    expect(log[log.length - 1][4]).toBe('full');
  });
});

describe('replace mode’s last step', () => {
  it('killed right after the swap, the retry keeps the new rows instead of replacing them with nothing', () => {
    const world = connectedWorld({ sandbox: { seed: 3, opportunities: 120 } });
    const job = saveJob(world, { object: 'opportunities', mode: 'replace', sheetName: 'Snapshot', fields: ['id', 'name'] });
    runToEnd(world, job);
    const before = world.host.spreadsheet.tab('Snapshot')!.snapshot();
    expect(before.length).toBeGreaterThan(50);
    let deletes = 0;
    world.host.spreadsheet.onCall = (method) => {
      if (method === 'Spreadsheet.deleteSheet' && ++deletes === 1) world.clock.killAtNextCall();
    };
    world.clock.advance(3600_000);
    const first = world.host.execute('runJobSlice', [job.id]);
    expect(first.killed).toBe(true);
    expect(world.host.spreadsheet.tab('~staging Snapshot')).toBeUndefined();
    world.host.spreadsheet.onCall = null;
    world.clock.advance(7 * 60_000); // the killed execution's lease runs out
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    expect(world.host.spreadsheet.tab('Snapshot')!.snapshot()).toEqual(before);
  });
});

describe('the user edits the tab while a run writes it', () => {
  it('sorting the rows and inserting a column of their own mid-run: no row lost, doubled or misplaced', () => {
    const world = connectedWorld({ sandbox: { seed: 6, opportunities: 380 } });
    const twin = connectedWorld({ sandbox: { seed: 6, opportunities: 380 } });
    const fields = ['id', 'name', 'stage@text'];
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields });
    runToEnd(twin, saveJob(twin, { object: 'opportunities', sheetName: 'P', fields }));
    const tab = () => world.host.spreadsheet.tab('P')!;
    let writes = 0;
    const mine = new Map<string, string>();
    world.host.spreadsheet.onCall = (method) => {
      // Between pages (the checkpoint after the first page is being saved): the user sorts the
      // data rows by name, then inserts a column in front and writes a note per candidate in it.
      if (method !== 'DeveloperMetadata.setValue' || ++writes !== 1 || tab().lastRow() < 50) return;
      const t = tab();
      const order = t.rows
        .slice(1, t.lastRow())
        .map((r, i) => ({ r, l: t.links[i + 1] }))
        .sort((a, b) => String(b.r[1]).localeCompare(String(a.r[1])));
      t.rows.splice(1, order.length, ...order.map((o) => o.r));
      t.links.splice(1, order.length, ...order.map((o) => o.l ?? []));
      for (const row of t.rows) row?.unshift(null);
      t.rows.forEach((row, i) => {
        if (i > 0 && row?.[1]) {
          row[0] = `note for ${String(row[1])}`;
          mine.set(String(row[1]), String(row[0]));
        }
      });
      t.rows[0][0] = 'My notes';
      t.maxCols += 1;
    };
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    world.host.spreadsheet.onCall = null;
    expect(mine.size).toBeGreaterThan(50);
    const [header, ...rows] = tab().snapshot();
    expect(header.slice(0, 4)).toEqual(['My notes', 'Opportunity ID', 'Name', 'Stage']);
    const byId = (rs: unknown[][], at: number) => rs.map((r) => JSON.stringify(r.slice(at, at + 3))).sort();
    const [, ...twinRows] = twin.host.spreadsheet.tab('P')!.snapshot();
    expect(byId(rows, 1)).toEqual(byId(twinRows, 0));
    // Each note is still on its own candidate's row.
    for (const r of rows) if (mine.has(String(r[1]))) expect(r[0]).toBe(mine.get(String(r[1])));
  });
});

describe('a row written in two calls (the user put a column between the job’s columns)', () => {
  it('cut between the calls, the next run finishes the row: no keyless half-row, no double, the same Change labels', () => {
    const make = () => connectedWorld({ sandbox: { seed: 9, opportunities: 150 } });
    const [world, twin] = [make(), make()];
    const jobs = [world, twin].map((w) =>
      saveJob(w, { object: 'opportunities', mode: 'append', sheetName: 'History', fields: ['id', 'name', 'stage@text'] }),
    );
    runToEnd(world, jobs[0]);
    runToEnd(twin, jobs[1]);
    // The user inserts a column of their own between "Opportunity ID" and "Name".
    const tab = world.host.spreadsheet.tab('History')!;
    for (const row of tab.rows) row?.splice(1, 0, null);
    tab.rows[0][1] = 'My column';
    tab.maxCols += 1;
    const t0 = world.clock.now();
    for (const w of [world, twin]) {
      w.clock.advance(2 * 3600_000);
      w.sandbox.activity.simulate(t0, w.clock.now(), 30);
    }
    let writes = 0;
    world.host.spreadsheet.onCall = (method) => {
      if (method === 'Range.setValues' && ++writes === 1) world.clock.killAtNextCall();
    };
    expect(world.host.execute('runJobSlice', [jobs[0].id]).killed).toBe(true);
    world.host.spreadsheet.onCall = null;
    world.clock.advance(7 * 60_000);
    expect(runToEnd(world, jobs[0]).pop()!.status).toBe('ok');
    runToEnd(twin, jobs[1]);
    const pick = (rows: unknown[][], header: unknown[]) => {
      const at = (h: string) => header.indexOf(h);
      return rows.map((r) => [r[at('Opportunity ID')], r[at('Version')], r[at('Change')]].map(String).join('|')).sort();
    };
    const [h1, ...r1] = tab.snapshot();
    const [h2, ...r2] = twin.host.spreadsheet.tab('History')!.snapshot();
    expect(r1.filter((r) => r[0] === '' || r[0] === null)).toEqual([]);
    expect(pick(r1, h1)).toEqual(pick(r2, h2));
  });
});
