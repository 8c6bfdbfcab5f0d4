/**
 * Scheduled runs as Google runs them: a time trigger with no document, limits counted per user
 * across documents, and several editors sharing one spreadsheet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executionGlobals } from '../../src/host/globals';
import { SCOPES, ScopeChecker } from '../../src/host/scopes';
import { emulateScriptApp, TRIGGERS_PER_USER } from '../../src/host/triggers';
import { LIMITED_KEY, SANDBOX_KEY } from '../../src/sandbox/sandbox';
import type { SidebarState } from '../../src/shared/rpc';
import { connectedWorld, documentStore, rpcErrorOf, saveJob, sheetObjects } from '../helpers/world';

const HOUR = 3600_000;
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'dist', 'appsscript.json'), 'utf8'));
const OWNER = 'hiring.manager@company.example';
const EDITOR = 'recruiter@company.example';

describe('4. A time trigger has no document', () => {
  it('the host gives a trigger execution no active spreadsheet, document properties, cache, lock or UI', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    const g = executionGlobals(world.host, { user: world.host.user(), doc: null }) as Record<string, Record<string, () => unknown>>;
    expect(g.SpreadsheetApp.getActiveSpreadsheet()).toBeNull();
    expect(g.PropertiesService.getDocumentProperties()).toBeNull();
    expect(g.CacheService.getDocumentCache()).toBeNull();
    expect(g.LockService.getDocumentLock()).toBeNull();
    expect(() => g.SpreadsheetApp.getUi()).toThrow(/Cannot call SpreadsheetApp.getUi\(\) from this context/);
    expect(g.PropertiesService.getUserProperties()).not.toBeNull();
  });

  it('opening a spreadsheet by id needs the full spreadsheets scope', () => {
    expect(() => new ScopeChecker(new Set([SCOPES.currentOnly])).require('SpreadsheetApp.openById')).toThrow(
      /You do not have permission to call SpreadsheetApp.openById. Required permissions: .*auth\/spreadsheets$/,
    );
  });

  it('with spreadsheets.currentonly, as before, scheduled jobs could never run', () => {
    const old = manifest.oauthScopes.map((s: string) => (s === SCOPES.spreadsheets ? SCOPES.currentOnly : s));
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 }, manifest: { oauthScopes: old } });
    saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id'], schedule: { every: 'hour' } });
    const results = world.host.runHours(2);
    expect(results.map((r) => r.error)).toEqual([
      expect.stringMatching(/permission to call SpreadsheetApp.openById/),
      expect.stringMatching(/permission to call SpreadsheetApp.openById/),
    ]);
    expect(world.host.spreadsheet.tab('P')).toBeUndefined();
  });

  it('the trigger finds the spreadsheet in the user’s registry, opens it by id and syncs it', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id'], schedule: { every: 'hour' } });
    const registry = JSON.parse(world.host.userProps.map.get('schedule.registry')!);
    expect(registry.docs).toEqual([{ id: world.host.spreadsheet.id, name: 'Lever data' }]);
    expect(JSON.parse(documentStore(world).get('schedule.owner')!).email).toBe(OWNER);
    world.host.runHours(2);
    expect(sheetObjects(world.host.spreadsheet.tab('P')).length).toBeGreaterThan(0);
    expect(world.host.scopes.used.has(SCOPES.spreadsheets)).toBe(true);
  });

  it('a spreadsheet that cannot be opened for a day is dropped from the schedule, and the trigger with it', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id'], schedule: { every: 'hour' } });
    world.host.spreadsheet.editors.delete(OWNER); // unshared (the owner is a former editor)
    world.host.runHours(23);
    expect(world.host.triggers).toHaveLength(1);
    world.host.runHours(2);
    expect(world.host.triggers).toHaveLength(0);
    expect(world.host.userProps.map.has('schedule.registry')).toBe(false);
  });
});

describe('5. Limits per user, across documents', () => {
  it('the host counts 20 triggers per user per script, whatever the document, and one time trigger per user and document', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    const make = (doc: string) =>
      (emulateScriptApp(world.host, OWNER, doc).newTrigger('f') as { timeBased(): { everyHours(n: number): { create(): unknown } } })
        .timeBased()
        .everyHours(1)
        .create();
    for (let i = 0; i < TRIGGERS_PER_USER; i++) make(`doc-${i}`);
    expect(() => make('doc-0b')).toThrow(/too many triggers/);
    world.host.triggers = world.host.triggers.slice(1);
    expect(() => make('doc-1')).toThrow(/already created a time-based trigger for this document/);
  });

  it('the host counts property reads and writes per user, across every store and document', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    const second = world.host.addSpreadsheet('Second', { owner: OWNER });
    world.host.call('getSidebarState');
    world.host.callAs({ spreadsheet: second.id }, 'getSidebarState');
    const quota = world.host.user().propertyQuota;
    expect(world.host.docProps.quota).toBe(quota);
    expect(world.host.documents.get(second.id)!.props.quota).toBe(quota);
    const stores = [world.host.userProps, world.host.docProps, world.host.documents.get(second.id)!.props];
    const clock = world.clock;
    let calls = 0;
    expect(() => {
      for (;;) {
        stores[calls % 3].quota.charge(clock.now());
        calls++;
      }
    }).toThrow('Service invoked too many times for one day: properties.');
    expect(calls).toBeLessThan(50_000);
  });

  it('one trigger serves every spreadsheet the user schedules', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    const second = world.host.addSpreadsheet('Second', { owner: OWNER });
    saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id'], schedule: { every: 'hour' } });
    world.host.callAs({ spreadsheet: second.id }, 'saveJob', { object: 'stages', sheetName: 'Stages', schedule: { every: 'hour' } });
    expect(world.host.triggers).toHaveLength(1);
    world.host.runHours(2);
    expect(sheetObjects(world.host.spreadsheet.tab('P')).length).toBeGreaterThan(0);
    expect(sheetObjects(second.tab('Stages')).length).toBeGreaterThan(0);
  });

  it('heavy first syncs in two spreadsheets stay within one day of trigger time, and both move forward', () => {
    const world = connectedWorld({
      sandbox: { seed: 8, opportunities: 1500, faults: [{ kind: 'slow', path: '/interviews', delayMs: 15_000 }] },
    });
    const second = world.host.addSpreadsheet('Second', { owner: OWNER });
    saveJob(world, { object: 'interviews', sheetName: 'I', schedule: { every: 'hour' } });
    world.host.callAs({ spreadsheet: second.id }, 'saveJob', { object: 'interviews', sheetName: 'I2', schedule: { every: 'hour' } });
    world.clock.advance(2 * HOUR);
    const results = world.host.runHours(24);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const total = results.reduce((n, r) => n + r.elapsedMs, 0);
    expect(total).toBeLessThan(90 * 60_000);
    expect(world.host.spreadsheet.tab('I')!.lastRow()).toBeGreaterThan(1);
    expect(second.tab('I2')!.lastRow()).toBeGreaterThan(1);
    // The ledger holds the last 24 hours, per hour: [UrlFetch calls, trigger ms].
    const ledger = JSON.parse(world.host.userProps.map.get('schedule.ledger')!) as { hours: Record<string, [number, number]> };
    const hours = Object.values(ledger.hours);
    expect(hours.reduce((n, [, ms]) => n + ms, 0)).toBeLessThanOrEqual(81 * 60_000);
    expect(hours.reduce((n, [calls]) => n + calls, 0)).toBeGreaterThan(0);
  });
});

describe('6. Collaborators: one schedule owner per spreadsheet', () => {
  function shared() {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    world.host.addUser(EDITOR);
    world.host.spreadsheet.editors.add(EDITOR);
    return world;
  }
  const state = (world: ReturnType<typeof shared>, user?: string) => world.host.callAs<SidebarState>({ user }, 'getSidebarState');

  it('another editor’s scheduled job creates no trigger of theirs, and the sidebar says whose schedule it is', () => {
    const world = shared();
    saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id'], schedule: { every: 'hour' } });
    world.host.callAs({ user: EDITOR }, 'saveConnection', { apiKey: LIMITED_KEY, environment: 'sandbox' });
    world.host.callAs({ user: EDITOR }, 'saveJob', { object: 'stages', sheetName: 'S', schedule: { every: 'day', hour: 7 } });
    expect(world.host.triggers.map((t) => t.user)).toEqual([OWNER]);
    expect(state(world).schedule).toEqual({ owner: OWNER, mine: true, scheduled: true });
    expect(state(world, EDITOR).schedule).toEqual({ owner: OWNER, mine: false, scheduled: true });
  });

  it('taking over moves the schedule to the new owner’s trigger and key; the old trigger lets go', () => {
    const world = shared();
    saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id'], schedule: { every: 'hour' } });
    world.host.callAs({ user: EDITOR }, 'takeOverSchedule');
    expect(world.host.triggers.map((t) => t.user).sort()).toEqual([OWNER, EDITOR].sort());
    world.host.runHours(1);
    // The old owner's trigger saw the change and removed itself; the new owner has no key yet.
    expect(world.host.triggers.map((t) => t.user)).toEqual([EDITOR]);
    expect(world.host.userProps.map.has('schedule.registry')).toBe(false);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log[log.length - 1].Error).toMatch(/No Lever API key is saved for you/);
    world.host.callAs({ user: EDITOR }, 'saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });
    world.clock.advance(HOUR);
    world.host.runHours(1);
    expect(sheetObjects(world.host.spreadsheet.tab('P')).length).toBeGreaterThan(0);
    expect(state(world, EDITOR).schedule.mine).toBe(true);
  });

  it('another editor’s scheduled job runs with the owner’s key only once the owner approves it', () => {
    const world = shared();
    saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id'], schedule: { every: 'hour' } });
    world.host.callAs({ user: EDITOR }, 'saveConnection', { apiKey: LIMITED_KEY, environment: 'sandbox' });
    const theirs = world.host.callAs<{ id: string; savedBy: string }>({ user: EDITOR }, 'saveJob', {
      object: 'opportunities',
      sheetName: 'Confidential',
      fields: ['id'],
      filters: { confidentiality: 'confidential' },
      schedule: { every: 'hour' },
    });
    expect(theirs.savedBy).toBe(EDITOR);
    const waiting = (user?: string) => state(world, user).jobs.find((j) => j.job.id === theirs.id)!.awaitingApproval;
    expect([waiting(), waiting(EDITOR)]).toEqual([true, true]);
    world.host.runHours(2);
    expect(world.host.spreadsheet.tab('P')).toBeDefined();
    expect(world.host.spreadsheet.tab('Confidential')).toBeUndefined();
    expect(rpcErrorOf(() => world.host.callAs({ user: EDITOR }, 'approveJob', theirs.id))).toMatchObject({
      code: 'CONFIG',
      field: 'schedule',
    });
    world.host.call('approveJob', theirs.id);
    expect(waiting()).toBe(false);
    world.host.runHours(1);
    expect(world.host.spreadsheet.tab('Confidential')).toBeDefined();
    // An edit by the other editor needs approval again.
    world.host.callAs({ user: EDITOR }, 'saveJob', {
      ...state(world, EDITOR).jobs.find((j) => j.job.id === theirs.id)!.job,
      name: 'Edited',
    });
    expect(waiting()).toBe(true);
  });

  it('when the last scheduled job goes, the owner’s claim and trigger go too', () => {
    const world = shared();
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id'], schedule: { every: 'hour' } });
    saveJob(world, { ...job, schedule: { every: 'manual' } });
    expect(world.host.triggers).toHaveLength(0);
    expect(documentStore(world).has('schedule.owner')).toBe(false);
  });
});
