import type { CheckReport } from '../../src/shared/rpc';
import { connectedWorld, documentStore, saveJob, sheetObjects } from '../helpers/world';

describe('Check this spreadsheet', () => {
  it('is on the menu, and opens the sidebar on the check', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    world.host.execute('onOpen', [{ authMode: 'NONE' }]);
    expect(world.host.spreadsheet.ui.menus[0].items).toEqual([
      ['Open Lever Sync', 'showSidebar'],
      ['Check this spreadsheet', 'showCheck'],
    ]);
    world.host.call('showCheck');
    expect(world.host.spreadsheet.ui.sidebars[0].html).toContain('id="lever-sync-start" data-view="check"');
  });

  it('passes every check in the local host, leaves nothing behind, and logs its report', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    world.host.spreadsheet.insertSheet('Mine');
    const tabsBefore = world.host.spreadsheet.sheets.map((s) => s.name);
    const report = world.host.call<CheckReport>('checkSpreadsheet');
    expect(report.results.filter((r) => !r.ok)).toEqual([]);
    expect(report.results.map((r) => r.name)).toEqual([
      'Applicant text stays text',
      'Excel export',
      'Drive export folder',
      'Storage',
      'Permissions',
      'Schedule',
    ]);
    expect(report.ok).toBe(true);
    expect(world.host.spreadsheet.sheets.map((s) => s.name)).toEqual([...tabsBefore, 'Sync log']);
    expect(world.host.spreadsheet.active.name).toBe('Mine');
    expect(world.host.drive.liveFiles()).toEqual([]);
    expect([...documentStore(world).keys()].filter((k) => k.startsWith('check'))).toEqual([]);
    expect([...world.host.userProps.map.keys()].filter((k) => k.startsWith('check'))).toEqual([]);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log.map((r) => [r.Job, r.Status, r.Kind])).toEqual([['Check this spreadsheet', 'ok', 'check']]);
    expect(log[0].Error).toMatch(/✓ Applicant text stays text: .*stayed text/);
  });

  it('after an hourly run, says what that run could see of the document', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 } });
    const before = world.host.call<CheckReport>('checkSpreadsheet');
    expect(before.results.find((r) => r.name === 'Schedule')!.detail).toMatch(/Nothing is scheduled yet/);
    saveJob(world, { object: 'stages', sheetName: 'Stages', schedule: { every: 'hour' } });
    world.host.runHours(1);
    const after = world.host.call<CheckReport>('checkSpreadsheet');
    expect(after.results.find((r) => r.name === 'Schedule')!.detail).toMatch(
      /You own the schedule; your hourly trigger exists\. The last hourly run .* saw no active spreadsheet, no document properties, no document cache and no document lock/,
    );
  });

  it('reports what fails, in plain words, and goes on with the other checks', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 5 }, manifest: { dependencies: {} } });
    const report = world.host.call<CheckReport>('checkSpreadsheet');
    expect(report.ok).toBe(false);
    expect(report.results.filter((r) => !r.ok).map((r) => [r.name, r.detail])).toEqual([
      ['Drive export folder', expect.stringMatching(/Drive API advanced service is not enabled/)],
    ]);
    expect(sheetObjects(world.host.spreadsheet.tab('Sync log'))[0].Status).toBe('failed');
  });
});
