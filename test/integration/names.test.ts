import { connectedWorld, runToEnd, saveJob, sheetObjects } from '../helpers/world';
import type { Rec } from '../../src/sandbox/types';

describe('names next to ids, from cached reference tables', () => {
  it('shows owner, stage and archive reason names; reads each table once, then from the cache', () => {
    const world = connectedWorld({ sandbox: { seed: 31, opportunities: 400 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'P',
      fields: ['id', 'owner', 'owner@name', 'stage@text', 'followers@name', 'archived.reason@text'],
    });
    runToEnd(world, job);
    const rows = sheetObjects(world.host.spreadsheet.tab('P'));
    const users = new Map(world.sandbox.data.users.map((u) => [u.id, u.name]));
    for (const r of rows.slice(0, 50)) {
      const opp = world.sandbox.data.opportunities.get(r['Opportunity ID'] as string)!;
      expect(r.Owner).toBe(users.get(opp.owner));
      expect(r.Followers).toBe((opp.followers as string[]).map((f) => users.get(f)).join(', '));
    }
    const tablePaths = ['/users', '/stages', '/archive_reasons'];
    const tableReads = () => world.sandbox.log.filter((l) => tablePaths.includes(l.path)).length;
    expect(tableReads()).toBe(3); // one page each, for 400 rows
    world.clock.advance(3600_000);
    runToEnd(world, job);
    expect(tableReads()).toBe(3); // the next execution reads the cache
  });

  it('a user created since the cache was filled is looked up again once, not per row', () => {
    const world = connectedWorld({ sandbox: { seed: 31, opportunities: 200 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id', 'owner@name'] });
    runToEnd(world, job);
    const newcomer: Rec = {
      ...world.sandbox.data.users[1],
      id: '11111111-2222-4333-8444-555555555555',
      name: 'New Recruiter',
      createdAt: world.clock.now(),
    };
    world.sandbox.data.users.push(newcomer);
    const t0 = world.clock.now();
    world.clock.advance(3600_000);
    const moved = [...world.sandbox.data.opportunities.values()].filter((o) => o.confidentiality !== 'confidential').slice(0, 5);
    for (const o of moved) {
      o.owner = newcomer.id;
      o.updatedAt = t0 + 1000;
    }
    const before = world.sandbox.log.filter((l) => l.path === '/users').length;
    runToEnd(world, job);
    expect(world.sandbox.log.filter((l) => l.path === '/users').length - before).toBe(1);
    const rows = sheetObjects(world.host.spreadsheet.tab('P'));
    for (const o of moved) expect(rows.find((r) => r['Opportunity ID'] === o.id)!.Owner).toBe('New Recruiter');
  });

  it('an id Lever no longer knows shows as the id itself', () => {
    const world = connectedWorld({ sandbox: { seed: 31, opportunities: 60 } });
    const opp = [...world.sandbox.data.opportunities.values()].find((o) => o.confidentiality !== 'confidential')!;
    opp.owner = '99999999-0000-4000-8000-000000000000';
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id', 'owner@name'] });
    runToEnd(world, job);
    expect(sheetObjects(world.host.spreadsheet.tab('P')).find((r) => r['Opportunity ID'] === opp.id)!.Owner).toBe(opp.owner);
  });

  it('applications show the posting title, team and location and the hiring manager', () => {
    const world = connectedWorld({ sandbox: { seed: 31, opportunities: 80 } });
    const job = saveJob(world, { object: 'applications', sheetName: 'A' });
    runToEnd(world, job);
    const rows = sheetObjects(world.host.spreadsheet.tab('A'));
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['Posting', 'Posting team', 'Posting location', 'Hiring manager']));
    const r = rows[0];
    const app = [...world.sandbox.data.opportunities.values()]
      .flatMap((o) => o.applications as Rec[])
      .find((a) => a.id === r['Application ID'])!;
    const posting = world.sandbox.data.postings.find((p) => p.id === app.posting)!;
    expect([r.Posting, r['Posting team'], r['Posting location']]).toEqual([
      posting.text,
      (posting.categories as Rec).team,
      (posting.categories as Rec).location,
    ]);
  });
});

describe('links', () => {
  it('Lever profile links are clickable; applicant-written links and non-web URLs stay plain text', () => {
    const world = connectedWorld({ sandbox: { seed: 32, opportunities: 60 } });
    const opps = [...world.sandbox.data.opportunities.values()].filter(
      (o) => o.confidentiality !== 'confidential' && o.isAnonymized !== true,
    );
    (opps[0].urls as Rec).show = 'javascript:alert(1)';
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id', 'urls.show', 'links'] });
    runToEnd(world, job);
    const tab = world.host.spreadsheet.tab('P')!;
    const [header, ...rows] = tab.snapshot();
    const showCol = header.indexOf('Lever link') + 1;
    const linksCol = header.indexOf('Links') + 1;
    // A Lever page shows as "Open in Lever" with the address behind it; anything else stays plain text.
    rows.forEach((r, i) => {
      const text = String(r[showCol - 1]);
      const opp = world.sandbox.data.opportunities.get(String(r[header.indexOf('Opportunity ID')]))!;
      const url = String((opp.urls as Rec).show);
      expect(text).toBe(/^https:\/\//.test(url) ? 'Open in Lever' : url);
      expect(tab.linkAt(i + 2, showCol)).toBe(/^https:\/\/hire\.sandbox\.lever\.co\/candidates\//.test(url) ? url : null);
      expect(tab.linkAt(i + 2, linksCol)).toBeNull();
    });
    expect(rows.some((r) => r[showCol - 1] === 'javascript:alert(1)')).toBe(true);
    expect(tab.formulas()).toEqual([]);
  });
});
