/**
 * A hash-chained audit tab through the shipped bundle: every appended row carries the SHA-256 of
 * the row above's hash and its own cells, each run checks the whole chain, and a cell changed or a
 * row removed by hand is reported at its row (Sync log, one mail a day), while appending goes on.
 */
import { createHash } from 'node:crypto';
import { userEdits } from '../../src/host/user-edits';
import { comparable } from '../../src/core/sync/cells';
import { connectedWorld, rpcErrorOf, runToEnd, saveJob, sheetObjects } from '../helpers/world';

const HOUR = 3600_000;

function tabRows(world: ReturnType<typeof connectedWorld>) {
  return world.host.spreadsheet.tab('Audit')!;
}

/** The chain recomputed here, with Node's own SHA-256, from the cells as the sheet holds them. */
function independentlyBroken(world: ReturnType<typeof connectedWorld>): number | null {
  const rows = tabRows(world).rows.slice(0, tabRows(world).lastRow());
  const header = rows[0] as unknown[];
  const at = header.indexOf('Row hash');
  let previous = '';
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const cells = header.map((_, c) => row[c] ?? null).filter((_, c) => c !== at);
    const expected = createHash('sha256')
      .update(`${previous}\n${cells.map((v) => comparable(v as never)).join('\u001f')}`)
      .digest('hex');
    if (row[at] !== expected) return i + 1;
    previous = String(row[at]);
  }
  return null;
}

describe('hash chain on an append tab', () => {
  it('chains every row, holds across runs, and reports the first row changed or removed by hand', () => {
    const world = connectedWorld({ sandbox: { seed: 31, opportunities: 60 } });
    const job = saveJob(world, {
      object: 'opportunities',
      mode: 'append',
      sheetName: 'Audit',
      fields: ['name', 'stage@text', 'updatedAt', 'id'],
      hashChain: true,
      schedule: { every: 'hour' },
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const header = tabRows(world).rows[0];
    expect(header[header.length - 1]).toBe('Row hash');
    expect(independentlyBroken(world)).toBeNull();
    const firstRows = sheetObjects(tabRows(world)).length;

    // Activity, hourly runs: new rows chain on from the last one.
    world.host.runHours(2, () => world.sandbox.activity.simulate(world.clock.now() - HOUR, world.clock.now(), 15));
    expect(sheetObjects(tabRows(world)).length).toBeGreaterThan(firstRows);
    expect(independentlyBroken(world)).toBeNull();
    const log = () => sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log().every((r) => !String(r.Error ?? '').startsWith('Hash chain'))).toBe(true);

    // Someone rewrites a name in row 7: the next run says so, and mails once.
    userEdits.editCell(tabRows(world), 7, 1, 'Someone Else');
    world.host.runHours(1, () => world.sandbox.activity.simulate(world.clock.now() - HOUR, world.clock.now(), 10));
    expect(String(log().pop()!.Error)).toMatch(/^Hash chain broken at row 7: that row was changed/);
    expect(log().pop()!.Status).toBe('ok');
    world.host.runHours(2);
    expect(String(log().pop()!.Error)).toMatch(/^Hash chain broken at row 7/);
    const mails = world.host.outbox.filter((m) => m.subject === 'Lever sync: rows changed in "Audit"');
    expect(mails).toHaveLength(1);
    expect(mails[0].body).toMatch(/Hash chain broken at row 7/);
    // Appending went on: the newest rows still chain from the one above them.
    expect(independentlyBroken(world)).toBe(7);
  });

  it('a removed row breaks the chain where it was', () => {
    const world = connectedWorld({ sandbox: { seed: 32, opportunities: 30 } });
    const job = saveJob(world, { object: 'opportunities', mode: 'append', sheetName: 'Audit', fields: ['name', 'id'], hashChain: true });
    runToEnd(world, job);
    userEdits.deleteRow(tabRows(world), 4);
    world.clock.advance(HOUR);
    runToEnd(world, job);
    expect(String(sheetObjects(world.host.spreadsheet.tab('Sync log')).pop()!.Error)).toMatch(/^Hash chain broken at row 4:/);
  });

  it('only an append tab takes a chain', () => {
    const world = connectedWorld({ sandbox: { seed: 33, opportunities: 5 } });
    expect(rpcErrorOf(() => world.host.call('saveJob', { object: 'users', sheetName: 'U', hashChain: true })).message).toBe(
      'hashChain: needs mode "append": upsert and replace rewrite rows, which a chain of row hashes cannot follow.',
    );
  });
});
