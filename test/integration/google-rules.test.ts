/**
 * Rules real Google enforces that the add-on once got past only because the local host was
 * lenient. Each block shows the host refusing what Google refuses, and the add-on working anyway.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCOPES, ScopeChecker } from '../../src/host/scopes';
import { PROPERTY_VALUE_MAX } from '../../src/host/properties';
import type { Rec } from '../../src/sandbox/types';
import { connectedWorld, runToEnd, saveJob, sheetObjects, visibleOpportunities, copiesOf } from '../helpers/world';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'dist', 'appsscript.json'), 'utf8'));

describe('1. Drive: the mirror works with drive.file alone', () => {
  it('the host refuses DriveApp without the full drive scope, with Google’s message', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    expect(
      () =>
        world.host.drive.driveApp(world.host.scopes) &&
        (world.host.drive.driveApp(world.host.scopes) as { createFolder(): void }).createFolder(),
    ).toThrow(/You do not have permission to call DriveApp.createFolder. Required permissions: .*drive.readonly \|\| .*auth\/drive$/);
  });

  it('Drive (the advanced service) exists only when the manifest enables it', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 }, manifest: { dependencies: {} } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', mirror: { format: 'csv', keep: 'latest' } });
    const last = runToEnd(world, job).pop()!;
    expect(last.status).toBe('failed');
    expect(last.error?.message).toMatch(/Drive API advanced service is not enabled/);
  });

  it('writes through the Drive API into one folder of its own, found again by its marker, never by name', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    // The user's own folder of the same name is invisible under drive.file and must stay untouched.
    const users = world.host.drive.userItem('Lever Sync exports – Lever data');
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', mirror: { format: 'csv', keep: 'latest' } });
    runToEnd(world, job);
    world.clock.advance(3600_000);
    runToEnd(world, job);
    const folders = world.host.drive.items.filter((f) => f.isFolder && f.byApp);
    expect(folders).toHaveLength(1);
    const files = copiesOf(world);
    expect(files.map((f) => [f.name, f.parents])).toEqual([['P.csv', [folders[0].id]]]);
    expect(users.trashed).toBe(false);
    expect(world.host.scopes.used.has(SCOPES.drive)).toBe(false);
  });
});

describe('2. Frozen header rows', () => {
  it('the host refuses to delete every non-frozen row and to freeze every row', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    const sheet = world.host.spreadsheet.tab('Sheet1')!;
    sheet.setFrozenRows(1);
    expect(() => sheet.deleteRows(2, 999)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    sheet.deleteRows(3, 998);
    expect(() => sheet.setFrozenRows(2)).toThrow("You can't freeze all visible rows on the sheet.");
  });

  it('a replace job whose next pull is empty leaves the header and no rows', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 30 } });
    const job = saveJob(world, { object: 'opportunities', mode: 'replace', sheetName: 'Snapshot', fields: ['id', 'name'] });
    runToEnd(world, job);
    expect(sheetObjects(world.host.spreadsheet.tab('Snapshot')).length).toBeGreaterThan(0);
    const empty = saveJob(world, { ...job, filters: { createdAfter: '2100-01-01' } });
    expect(runToEnd(world, empty).pop()).toMatchObject({ status: 'ok' });
    expect(world.host.spreadsheet.tab('Snapshot')!.snapshot()).toEqual([['Opportunity ID', 'Name']]);
  });

  it('an upsert job whose filter now matches nothing deletes every row', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 30 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id', 'name'] });
    runToEnd(world, job);
    const none = saveJob(world, { ...job, filters: { stageIds: ['no-such-stage'] } });
    expect(runToEnd(world, none).pop()).toMatchObject({ status: 'ok' });
    expect(world.host.spreadsheet.tab('P')!.snapshot()).toEqual([['Opportunity ID', 'Name']]);
  });

  it('a tab the user shrank to one row still gets its frozen header', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 30 } });
    const tab = world.host.spreadsheet.insertSheet('P');
    tab.deleteRows(2, 999);
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id', 'name'] });
    expect(runToEnd(world, job).pop()).toMatchObject({ status: 'ok' });
    expect(tab.frozenRows).toBe(1);
  });
});

describe('Formats, filters and notes are the cells’, not the columns’', () => {
  it('the host formats only the cells asked, leaves rows inserted later unformatted, and keeps one filter over a fixed range', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    const sheet = world.host.spreadsheet.tab('Sheet1')!;
    sheet.getRange(2, 1, 3, 1).setNumberFormat('yyyy-mm-dd');
    sheet.insertRowsAfter(4, 2);
    expect([2, 3, 4, 5, 6, 7].map((r) => sheet.styles.get(r, 1).format)).toEqual([
      'yyyy-mm-dd',
      'yyyy-mm-dd',
      'yyyy-mm-dd',
      undefined,
      undefined,
      undefined,
    ]);
    const filter = sheet.getRange(1, 1, 10, 3).createFilter();
    expect(() => sheet.getRange(1, 1, 5, 1).createFilter()).toThrow("You can't create a filter in a sheet that already has a filter.");
    // Rows after its last row stay outside; rows inside widen it.
    sheet.insertRowsAfter(10, 5);
    expect(filter.range.numRows).toBe(10);
    sheet.insertRowsAfter(5, 5);
    expect(filter.range.numRows).toBe(15);
  });

  it('a synced tab keeps its formats on rows added by later runs and its filter over them', () => {
    const world = connectedWorld({ sandbox: { seed: 3, opportunities: 30 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['name', 'createdAt', 'id'] });
    runToEnd(world, job);
    const tab = world.host.spreadsheet.tab('P')!;
    // The grid trimmed to the data: the next rows need new grid rows, outside the filter.
    tab.deleteRows(tab.lastRow() + 1, tab.maxRows - tab.lastRow());
    const t0 = world.clock.now();
    world.clock.advance(3600_000);
    world.sandbox.activity.simulate(t0, world.clock.now(), 40);
    runToEnd(world, job);
    for (let r = 2; r <= tab.lastRow(); r++) expect(tab.styles.get(r, 2).format).toBe('yyyy-mm-dd hh:mm');
    expect(tab.filter!.range.numRows).toBeGreaterThanOrEqual(tab.lastRow());
  });
});

describe('3. The user’s email needs userinfo.email, and an alert never stops a sync', () => {
  const narrow = manifest.oauthScopes.filter((s: string) => s !== SCOPES.userEmail);
  // Mail that cannot go out (here: no mail scope, so every MailApp call throws) must not matter.
  const noMail = manifest.oauthScopes.filter((s: string) => s !== SCOPES.sendMail);

  it('the host refuses Session.getEffectiveUser().getEmail() without the scope', () => {
    expect(() => new ScopeChecker(new Set(narrow)).require('User.getEmail')).toThrow(
      /You do not have permission to call User.getEmail. Required permissions: .*userinfo.email/,
    );
  });

  it('a re-authorization notice that cannot be sent does not stop the trigger', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 }, manifest: { oauthScopes: noMail } });
    saveJob(world, { object: 'stages', sheetName: 'B', schedule: { every: 'hour' } });
    world.host.authorizationRequired = true;
    expect(world.host.runHours(2).every((r) => r.ok)).toBe(true);
    expect(world.host.spreadsheet.tab('B')).toBeUndefined();
  });

  it('an alert that cannot be sent does not stop the failing job, its log, or the other jobs of the hour', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 }, manifest: { oauthScopes: noMail } });
    const a = saveJob(world, { object: 'opportunities', sheetName: 'A', fields: ['id'], schedule: { every: 'hour' } });
    const b = saveJob(world, { object: 'stages', sheetName: 'B', schedule: { every: 'hour' } });
    world.sandbox.injectFaults([{ kind: 'status-503', path: '/opportunities', from: 1, count: 100_000 }]);
    const results = world.host.runHours(3);
    expect(results.every((r) => r.ok)).toBe(true);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log.filter((r) => r.Job === a.name).map((r) => r.Status)).toContain('failed');
    expect(log.filter((r) => r.Job === b.name).map((r) => r.Status)).toContain('ok');
    expect(world.host.logs.some((l) => /Could not send the alert email/.test(l))).toBe(true);
  });

  it('with the scope, the alert goes out', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    const a = saveJob(world, { object: 'opportunities', sheetName: 'A', fields: ['id'], schedule: { every: 'hour' } });
    world.sandbox.injectFaults([{ kind: 'status-503', from: 1, count: 100_000 }]);
    world.host.runHours(3);
    expect(world.host.outbox.map((m) => m.subject)).toEqual([`Lever sync failed: ${a.name}`]);
  });
});

describe('7. URLs over 2 KB', () => {
  it('the host refuses them as UrlFetchApp does', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    expect(() => world.host.urlFetch.fetch(`https://api.sandbox.lever.co/v1/tags?x=${'a'.repeat(2100)}`)).toThrow(
      /Limit Exceeded: URLFetch URL Length/,
    );
  });

  it('a job filtering many postings filters them itself and writes exactly their candidates', () => {
    const world = connectedWorld({ sandbox: { seed: 3, opportunities: 200 } });
    const postings = world.sandbox.data.postings.map((p: Rec) => p.id as string);
    const some = postings.slice(0, Math.max(1, Math.floor(postings.length / 2)));
    // Pad with ids that match nothing until the list is far over what one URL can carry.
    const ids = [...some, ...Array.from({ length: 60 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)];
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id', 'applications'], filters: { postingIds: ids } });
    expect(runToEnd(world, job).pop()).toMatchObject({ status: 'ok' });
    const want = visibleOpportunities(world).filter(
      (o) => o.isAnonymized !== true && (o.applications as Rec[]).some((a) => some.includes(a.posting as string)),
    );
    const rows = sheetObjects(world.host.spreadsheet.tab('P'));
    expect(rows.map((r) => r['Opportunity ID']).sort()).toEqual(want.map((o) => o.id).sort());
    // Applications stay ids, as Lever sends them without expand.
    const first = want[0];
    expect(rows.find((r) => r['Opportunity ID'] === first.id)!['Application IDs']).toBe(
      (first.applications as Rec[]).map((a) => a.id).join(', '),
    );
  });
});

describe('8. insertSheet makes the new tab active', () => {
  it('the host switches the user’s view; the add-on switches it back', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    const ss = world.host.spreadsheet;
    ss.insertSheet('Mine');
    expect(ss.active.name).toBe('Mine');
    const job = saveJob(world, {
      object: 'opportunities',
      mode: 'replace',
      sheetName: 'Snapshot',
      fields: ['id'],
      mirror: { format: 'csv', keep: 'latest' },
    });
    runToEnd(world, job);
    runToEnd(world, job);
    expect(ss.tab('Snapshot')).toBeDefined();
    expect(ss.tab('Sync log')).toBeDefined();
    expect(ss.active.name).toBe('Mine');
  });
});

describe('9. Property sizes are UTF-8 bytes', () => {
  it('the host measures bytes, not UTF-16 units', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    const chars = 'é'.repeat(PROPERTY_VALUE_MAX / 2 + 10); // fewer characters than the limit, more bytes
    expect(chars.length).toBeLessThan(PROPERTY_VALUE_MAX);
    expect(() => world.host.docProps.setProperty('x', chars)).toThrow(/Argument too large/);
  });

  it('a job too large in bytes gets the add-on’s own message, not Google’s', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    const fields = Array.from({ length: 60 }, (_, i) => ({ path: 'name', column: `Näme ${'😀'.repeat(50)} ${i}` }));
    expect(() => saveJob(world, { object: 'opportunities', sheetName: 'P', fields })).toThrow(/too large to store/);
  });
});

describe('Scopes', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Scopes'), readme.indexOf('\n## ', readme.indexOf('### Scopes')));
  const tableScopes = [...section.matchAll(/^\| `([a-z._]+)` \|/gm)].map((m) => `https://www.googleapis.com/auth/${m[1]}`);

  it('the README says why each scope of the manifest is there, and lists no other', () => {
    expect(tableScopes.length).toBeGreaterThan(0);
    expect([...tableScopes].sort()).toEqual([...manifest.oauthScopes].sort());
  });

  it('every scope of the manifest is used by the add-on, and nothing needs one it lacks', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    world.host.execute('onOpen', [{ authMode: 'NONE' }]);
    world.host.call('showSidebar');
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'P',
      fields: ['id'],
      schedule: { every: 'hour' },
      mirror: { format: 'csv', keep: 'latest' },
    });
    runToEnd(world, job);
    world.sandbox.injectFaults([{ kind: 'status-503', from: 1, count: 100_000 }]);
    world.host.runHours(2);
    expect(world.host.outbox.length).toBeGreaterThan(0);
    expect([...world.host.scopes.used].sort()).toEqual([...manifest.oauthScopes].sort());
  });
});

describe('Developer metadata, where the add-on keeps its jobs and state', () => {
  it('the host caps each location at 30,000 characters, and a spreadsheet’s finder also searches its sheets', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    const ss = world.host.spreadsheet;
    ss.addDeveloperMetadata('k', 'x'.repeat(29_000), 'PROJECT');
    expect(() => ss.addDeveloperMetadata('k2', 'x'.repeat(1_000), 'PROJECT')).toThrow(/exceed the limit of 30000 characters/);
    ss.tab('Sheet1')!.addDeveloperMetadata('k', 'on the sheet', 'PROJECT');
    expect(ss.createDeveloperMetadataFinder().withKey('k').find()).toHaveLength(2);
    expect(ss.getDeveloperMetadata().filter((m) => m.getKey() === 'k')).toHaveLength(1);
  });

  it('column metadata: only on a whole column, kept with the column as it moves, gone with it; the stores never read it', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    const sheet = world.host.spreadsheet.tab('Sheet1')!;
    expect(() => sheet.getRange(1, 2, sheet.maxRows, 1).addDeveloperMetadata('c', 'x', 'PROJECT')).toThrow(
      /arbitrary ranges is not currently supported/,
    );
    sheet.getRange('B:B').addDeveloperMetadata('c', 'b', 'PROJECT');
    sheet.getRange('D:D').addDeveloperMetadata('c', 'd', 'PROJECT');
    const where = () =>
      sheet
        .createDeveloperMetadataFinder()
        .withKey('c')
        .find()
        .map((m) => `${m.getValue()}@${(m.getLocation().getColumn() as { getColumn(): number }).getColumn()}`)
        .sort();
    sheet.insertColumnsAfter(1, 2);
    expect(where()).toEqual(['b@4', 'd@6']);
    sheet.deleteColumns(4, 1);
    expect(where()).toEqual(['d@5']);
    expect(sheet.getDeveloperMetadata()).toEqual([]); // the sheet's own metadata only
    expect(world.host.spreadsheet.createDeveloperMetadataFinder().withKey('c').find()).toHaveLength(1);
  });

  it('many jobs fit: each job’s sync state lives on its own tab, and a deleted tab takes its state along', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    const jobs = Array.from({ length: 25 }, (_, i) =>
      saveJob(world, {
        object: i % 2 ? 'applications' : 'opportunities',
        sheetName: `T${i}`,
        fields: i % 2 ? ['id', '*custom'] : ['id', 'name'],
      }),
    );
    for (const job of jobs.slice(0, 3)) runToEnd(world, job);
    expect(world.host.spreadsheet.metadata.size()).toBeLessThan(30_000);
    expect(world.host.spreadsheet.tab('T0')!.metadata.asMap().has(`leverSync:state:${jobs[0].id}`)).toBe(true);
    world.host.spreadsheet.deleteSheet(world.host.spreadsheet.tab('T0')!);
    const state = world.host.call<{ jobs: Array<{ job: { id: string }; lastRun: unknown }> }>('getSidebarState');
    expect(state.jobs.find((j) => j.job.id === jobs[0].id)!.lastRun).toBeNull();
    expect(runToEnd(world, jobs[0]).pop()).toMatchObject({ status: 'ok' });
    expect(sheetObjects(world.host.spreadsheet.tab('T0')).length).toBeGreaterThan(0);
  });
});

describe('A spreadsheet full of jobs', () => {
  it('refuses one more with a message that says what to do, and stores nothing', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    let saved = 0;
    let error = '';
    for (let i = 0; i < 200 && !error; i++) {
      try {
        saveJob(world, { object: 'opportunities', sheetName: `Tab ${i}` });
        saved++;
      } catch (e) {
        error = (e as Error).message;
      }
    }
    expect(saved).toBeGreaterThan(30);
    expect(error).toMatch(/already holds \d+ jobs, as many as Lever Sync can keep in one spreadsheet/);
    expect(world.host.call<{ jobs: unknown[] }>('getSidebarState').jobs).toHaveLength(saved);
  });
});
