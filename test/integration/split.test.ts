/**
 * splitBy through the shipped bundle: one tab (or file) per team, posting… made from the job's tab
 * after each run, each with the job's columns and exactly that value's rows; a person's own column
 * on a value's tab stays beside its record; a tab of that name the add-on did not make is left
 * alone and said in the log.
 */
import { parse } from 'csv-parse/sync';
import { userEdits } from '../../src/host/user-edits';
import type { Job } from '../../src/shared/rpc';
import { connectedWorld, copiesOf, rpcErrorOf, runToEnd, saveJob, sheetObjects } from '../helpers/world';

const HOUR = 3600_000;

describe('splitBy', () => {
  it('one tab per team with exactly its rows and the same columns; a person’s own column stays with its record', () => {
    const world = connectedWorld({ sandbox: { seed: 51, opportunities: 80 } });
    const job = saveJob(world, { object: 'applications', sheetName: 'Apps', fields: ['name', 'posting@text', 'id'], splitBy: 'team' });
    // The team column is added for the split.
    expect(job.fields).toEqual(['name', 'posting@text', 'id', 'posting@team']);
    expect(job.splitBy).toEqual({ by: 'team', into: 'tabs' });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const main = sheetObjects(world.host.spreadsheet.tab('Apps'));
    const teams = [...new Set(main.map((r) => String(r['Posting team'] ?? '')))];
    expect(teams.length).toBeGreaterThan(1);
    let total = 0;
    for (const team of teams) {
      const tab = world.host.spreadsheet.tab(`Apps – ${team || '(none)'}`)!;
      expect(tab.rows[0]).toEqual(world.host.spreadsheet.tab('Apps')!.rows[0]);
      const rows = sheetObjects(tab);
      expect(rows.map((r) => r['Application ID']).sort()).toEqual(
        main
          .filter((r) => String(r['Posting team'] ?? '') === team)
          .map((r) => r['Application ID'])
          .sort(),
      );
      total += rows.length;
    }
    expect(total).toBe(main.length);

    // Someone scores candidates on one team's tab; runs go on; each score stays beside its application.
    const tab = world.host.spreadsheet.tab(`Apps – ${teams[0] || '(none)'}`)!;
    const width = tab.rows[0].length;
    userEdits.insertColumn(tab, width + 1, 'Score');
    const scored = new Map<string, number>();
    sheetObjects(tab).forEach((r, i) => {
      userEdits.editCell(tab, i + 2, width + 1, i + 1);
      scored.set(String(r['Application ID']), i + 1);
    });
    world.clock.advance(HOUR);
    world.sandbox.activity.simulate(world.clock.now() - HOUR, world.clock.now(), 30);
    expect(runToEnd(world, world.host.call<Job>('saveJob', job)).pop()!.status).toBe('ok');
    for (const r of sheetObjects(tab)) {
      const id = String(r['Application ID']);
      if (scored.has(id)) expect([id, r.Score]).toEqual([id, scored.get(id)]);
    }
  });

  it('a tab of that name that is not the add-on’s stays as it is, and the log says so; files per value', () => {
    const world = connectedWorld({ sandbox: { seed: 52, opportunities: 40 } });
    const probe = saveJob(world, { object: 'applications', sheetName: 'Probe', fields: ['posting@team', 'id'] });
    runToEnd(world, probe);
    const team = String(sheetObjects(world.host.spreadsheet.tab('Probe'))[0]['Posting team']);
    const mine = world.host.spreadsheet.insertSheet(`Apps – ${team}`);
    mine.rows[0] = ['My notes'];
    const job = saveJob(world, {
      object: 'applications',
      sheetName: 'Apps',
      fields: ['name', 'id'],
      splitBy: { by: 'team', into: 'both' },
      exports: [{ to: 'drive', format: 'csv' }],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    expect(world.host.spreadsheet.tab(`Apps – ${team}`)!.rows[0]).toEqual(['My notes']);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log')).pop()!;
    expect(String(log.Error)).toContain(`The tab "Apps – ${team}" holds data of its own: the team "${team}" was not written there.`);
    // Files: one per team, each with that team's rows.
    const main = sheetObjects(world.host.spreadsheet.tab('Apps'));
    const files = copiesOf(world).filter((f) => f.name.startsWith('Apps - '));
    expect(files.length).toBe(new Set(main.map((r) => String(r['Posting team'] ?? ''))).size);
    for (const f of files) {
      const [header, ...rows] = parse(f.blob.getDataAsString()) as string[][];
      const value = f.name.slice('Apps - '.length, -'.csv'.length);
      const at = header.indexOf('Posting team');
      expect(rows.every((r) => (r[at] || '(none)') === value)).toBe(true);
    }
  });

  it('bad settings say what to fix', () => {
    const world = connectedWorld({ sandbox: { seed: 53, opportunities: 5 } });
    const save = (job: object) => rpcErrorOf(() => world.host.call('saveJob', { sheetName: 'X', ...job })).message;
    expect(save({ object: 'users', splitBy: 'team' })).toMatch(/^splitBy: users have no team to split by/);
    expect(save({ object: 'applications', splitBy: 'colour' })).toMatch(/^splitBy\.by: /);
    expect(
      save({
        object: 'applications',
        splitBy: { by: 'team', into: 'files' },
        exports: [{ to: 's3', bucket: 'acme-lake', region: 'us-east-1', layout: 'warehouse' }],
      }),
    ).toMatch(/^splitBy\.into: a warehouse copy is one table/);
  });
});
