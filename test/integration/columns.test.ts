/**
 * The job's columns are found by their tag (developer metadata on the column) as well as their
 * header: a user may rename, drag or delete columns between runs, and rows must still line up.
 */
import type { LocalWorld } from '../../src/cli/local-world';
import { userEdits } from '../../src/host/user-edits';
import type { EmuSheet } from '../../src/host/spreadsheet';
import { connectedWorld, runToEnd, saveJob, sheetObjects, upsertedOpportunities } from '../helpers/world';

const HOUR = 3600_000;
const FIELDS = ['id', 'name', 'stage@text'];

/** A synced tab, then an hour in which five candidates change and one arrives. */
function syncedWorld(seed: number): { world: LocalWorld; tab: EmuSheet; next: () => string; again: () => string } {
  const world = connectedWorld({ sandbox: { seed, opportunities: 80 } });
  const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: FIELDS });
  expect(runToEnd(world, job).pop()!.status).toBe('ok');
  const next = () => {
    const t0 = world.clock.now();
    world.clock.advance(HOUR);
    const opps = upsertedOpportunities(world).filter((o) => o.archived === null);
    for (const o of opps.slice(0, 5)) world.sandbox.activity.advance(o, t0 + 1000);
    world.sandbox.activity.create(t0 + 2000);
    return runToEnd(world, job).pop()!.status;
  };
  const again = () => runToEnd(world, job).pop()!.status;
  return { world, tab: world.host.spreadsheet.tab('P')!, next, again };
}

/** Each candidate's row as the sandbox says it should be, under the given headers. */
function expectRows(world: LocalWorld, tab: EmuSheet, id: string, name: string): void {
  const rows = sheetObjects(tab);
  const opps = upsertedOpportunities(world);
  expect(rows).toHaveLength(opps.length);
  for (const o of opps) expect(rows.find((r) => r[id] === o.id)?.[name]).toBe(o.name);
}

describe('columns the user renamed', () => {
  it('the id and a field column renamed: followed, not re-added, no row doubled', () => {
    const { world, tab, next } = syncedWorld(3);
    userEdits.renameHeader(tab, 1, 'ID (mine)');
    userEdits.renameHeader(tab, 2, 'Candidate');
    expect(next()).toBe('ok');
    expect(tab.snapshot()[0]).toEqual(['ID (mine)', 'Candidate', 'Stage']);
    expectRows(world, tab, 'ID (mine)', 'Candidate');
  });

  it('renamed, then a column of the user’s own takes the old name: theirs is left alone', () => {
    const { world, tab, next } = syncedWorld(4);
    userEdits.renameHeader(tab, 2, 'Candidate');
    userEdits.insertColumn(tab, 4, 'Name');
    const n = tab.lastRow();
    for (let r = 2; r <= n; r++) tab.rows[r - 1][3] = `note ${r}`;
    expect(next()).toBe('ok');
    expect(tab.snapshot()[0]).toEqual(['Opportunity ID', 'Candidate', 'Stage', 'Name']);
    expectRows(world, tab, 'Opportunity ID', 'Candidate');
    for (let r = 2; r <= n; r++) expect(tab.rows[r - 1][3]).toBe(`note ${r}`);
  });
});

describe('columns the user dragged or deleted', () => {
  it('dragged apart with a column of their own between: each value stays under its column', () => {
    const { world, tab, next } = syncedWorld(5);
    userEdits.moveColumn(tab, 1, 3); // Name, Stage, Opportunity ID
    userEdits.insertColumn(tab, 2, 'Mine'); // Name, Mine, Stage, Opportunity ID
    userEdits.renameHeader(tab, 3, 'Where');
    expect(next()).toBe('ok');
    expect(tab.snapshot()[0]).toEqual(['Name', 'Mine', 'Where', 'Opportunity ID']);
    expectRows(world, tab, 'Opportunity ID', 'Name');
    expect(sheetObjects(tab).every((r) => r.Mine === '')).toBe(true);
  });

  it('the id column deleted: refused with a message, nothing written; undone, the sync goes on', () => {
    const { world, tab, next, again } = syncedWorld(6);
    const saved = tab.rows.map((r) => [...r]);
    userEdits.deleteColumn(tab, 1);
    const before = tab.snapshot();
    expect(next()).toBe('failed');
    expect(
      world.host.call<{ jobs: Array<{ lastRun: { error: { message: string } } }> }>('getSidebarState').jobs[0].lastRun.error.message,
    ).toMatch(
      /The column "Opportunity ID" is missing from the tab "P" \(deleted\?\)\. Lever Sync finds each row by it, so nothing was written/,
    );
    expect(tab.snapshot()).toEqual(before);
    // Undo brings the values back (Google's undo of a column's metadata is unknown: assume not).
    userEdits.insertColumn(tab, 1, 'Opportunity ID');
    saved.forEach((r, i) => ((tab.rows[i] ??= [])[0] = r[0]));
    world.clock.advance(HOUR);
    expect(again()).toBe('ok');
    expectRows(world, tab, 'Opportunity ID', 'Name');
  });
});
