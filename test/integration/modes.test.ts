import {
  connectedWorld,
  expectedCell,
  rpcErrorOf,
  runToEnd,
  saveJob,
  sheetObjects,
  visibleOpportunities,
  upsertedOpportunities,
} from '../helpers/world';
import type { Rec } from '../../src/sandbox/types';
import { STAGES } from '../../src/sandbox/seed';

const HOUR = 3600_000;

/** Every visible opportunity has exactly one row, and its cells match the sandbox's record. */
function expectOpportunitySheet(rows: Array<Record<string, unknown>>, opps: Rec[], archiveReasonText: (id: string) => string): void {
  expect(rows).toHaveLength(opps.length);
  const byId = new Map(rows.map((r) => [r['Opportunity ID'], r]));
  expect(byId.size).toBe(opps.length);
  for (const o of opps) {
    const row = byId.get(o.id);
    expect(row).toBeDefined();
    expect({
      id: o.id,
      name: row!.Name,
      stage: row!.Stage,
      emails: row!.Emails,
      phones: row!.Phones,
      tags: row!.Tags,
      created: row!['Created at'],
      updated: row!['Updated at'],
      reason: row!['Archive reason'],
    }).toEqual({
      id: o.id,
      name: expectedCell(o, 'name'),
      stage: STAGES.find((s) => s.id === o.stage)!.text,
      emails: expectedCell(o, 'emails', 'list'),
      phones: expectedCell(o, 'phones.value', 'list'),
      tags: expectedCell(o, 'tags', 'list'),
      created: expectedCell(o, 'createdAt', 'date'),
      updated: o.updatedAt === null ? '' : expectedCell(o, 'updatedAt', 'date'),
      reason: o.archived ? archiveReasonText((o.archived as Rec).reason as string) : '',
    });
  }
}

describe('sync modes through the shipped bundle against the sandbox', () => {
  it('upsert: a full run writes every visible opportunity once, then an incremental run after activity catches up', () => {
    const world = connectedWorld();
    const job = saveJob(world, { object: 'opportunities', sheetName: 'Pipeline' });
    const first = runToEnd(world, job);
    expect(first[first.length - 1]).toMatchObject({ done: true, status: 'ok' });
    expectOpportunitySheet(
      sheetObjects(world.host.spreadsheet.tab('Pipeline')),
      upsertedOpportunities(world),
      (id) => world.sandbox.data.archiveReasons.find((r) => r.id === id)!.text as string,
    );

    const t0 = world.clock.now();
    world.clock.advance(3 * HOUR);
    const activity = world.sandbox.activity.simulate(t0, world.clock.now(), 12);
    expect(activity.created + activity.advanced + activity.deleted).toBeGreaterThan(0);
    const requestsBefore = world.sandbox.requestCount;
    const second = runToEnd(world, job);
    const last = second[second.length - 1];
    expect(last.status).toBe('ok');
    // Incremental: far fewer records than a full pull, and deletions removed.
    expect(last.counts.records).toBeLessThan(visibleOpportunities(world).length / 2);
    expect(world.sandbox.requestCount - requestsBefore).toBeLessThan(10);
    expect(last.counts.rowsDeleted).toBe(activity.deleted + activity.anonymized); // deleted and anonymised candidates lose their rows
    expectOpportunitySheet(
      sheetObjects(world.host.spreadsheet.tab('Pipeline')),
      upsertedOpportunities(world),
      (id) => world.sandbox.data.archiveReasons.find((r) => r.id === id)!.text as string,
    );
  });

  it('append: one row per new version, never the same version twice, deletions as events', () => {
    const world = connectedWorld();
    const job = saveJob(world, {
      object: 'opportunities',
      mode: 'append',
      sheetName: 'History',
      fields: ['id', 'name', 'stage', 'updatedAt'],
    });
    runToEnd(world, job);
    const initial = sheetObjects(world.host.spreadsheet.tab('History'));
    expect(initial).toHaveLength(visibleOpportunities(world).length);
    expect(new Set(initial.map((r) => r.Change))).toEqual(new Set(['created']));

    // Running again with nothing changed appends nothing (the overlap window re-reads some records).
    runToEnd(world, job);
    expect(sheetObjects(world.host.spreadsheet.tab('History'))).toHaveLength(initial.length);

    const t0 = world.clock.now();
    world.clock.advance(2 * HOUR);
    const opps = visibleOpportunities(world);
    const moved = opps.filter((o) => o.archived === null).slice(0, 3);
    for (const o of moved) world.sandbox.activity.advance(o, t0 + HOUR);
    const doomed = opps[opps.length - 1];
    world.sandbox.activity.remove(doomed, t0 + HOUR + 1);
    runToEnd(world, job);
    const rows = sheetObjects(world.host.spreadsheet.tab('History'));
    const added = rows.slice(initial.length);
    expect(
      added
        .filter((r) => r.Change === 'updated')
        .map((r) => r['Opportunity ID'])
        .sort(),
    ).toEqual(moved.map((o) => o.id).sort());
    expect(added.filter((r) => r.Change === 'deleted').map((r) => r['Opportunity ID'])).toEqual([doomed.id]);
    for (const o of moved) {
      const latest = rows.filter((r) => r['Opportunity ID'] === o.id).pop()!;
      expect(latest['Stage ID']).toBe(o.stage);
    }
    const versions = rows.map((r) => `${r['Opportunity ID']}|${r.Version}`);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('replace: rewrites the tab from a full pull, leaving no half-empty tab or staging tab behind', () => {
    const world = connectedWorld();
    const job = saveJob(world, { object: 'opportunities', mode: 'replace', sheetName: 'Snapshot', fields: ['id', 'name', 'stage'] });
    runToEnd(world, job);
    expect(sheetObjects(world.host.spreadsheet.tab('Snapshot'))).toHaveLength(visibleOpportunities(world).length);
    world.sandbox.activity.remove(visibleOpportunities(world)[0], world.clock.now());
    world.sandbox.activity.create(world.clock.now());
    world.sandbox.activity.create(world.clock.now());
    world.clock.advance(HOUR);
    runToEnd(world, job);
    const rows = sheetObjects(world.host.spreadsheet.tab('Snapshot'));
    expect(rows.map((r) => r['Opportunity ID']).sort()).toEqual(
      visibleOpportunities(world)
        .map((o) => o.id)
        .sort(),
    );
    expect(world.host.spreadsheet.sheets.map((s) => s.name).filter((n) => n.startsWith('~staging'))).toEqual([]);
  });

  it('replace: a person’s own column (a score) stays beside its record when records come and go', () => {
    const world = connectedWorld();
    const job = saveJob(world, { object: 'opportunities', mode: 'replace', sheetName: 'Snapshot', fields: ['name', 'stage', 'id'] });
    runToEnd(world, job);
    const tab = world.host.spreadsheet.tab('Snapshot')!;
    const idAt = tab.snapshot()[0].indexOf('Opportunity ID');
    const scoreAt = tab.snapshot()[0].length;
    tab.rows[0][scoreAt] = 'Score';
    tab.rows.slice(1).forEach((r) => r[idAt] && (r[scoreAt] = `score of ${String(r[idAt])}`));
    const gone = tab.rows[3][idAt] as string;
    world.sandbox.activity.remove(
      visibleOpportunities(world).find((o) => o.id === gone)!,
      world.clock.now(),
    );
    const added = [world.sandbox.activity.create(world.clock.now()), world.sandbox.activity.create(world.clock.now())];
    world.clock.advance(HOUR);
    runToEnd(world, job);
    const rows = sheetObjects(tab);
    expect(rows.map((r) => r['Opportunity ID']).sort()).toEqual(
      visibleOpportunities(world)
        .map((o) => o.id)
        .sort(),
    );
    for (const r of rows) {
      const isNew = added.some((o) => o.id === r['Opportunity ID']);
      expect(r.Score).toBe(isNew ? '' : `score of ${String(r['Opportunity ID'])}`);
    }
    expect(rows.some((r) => r.Score === `score of ${gone}`)).toBe(false);
  });

  it('children: applications come from expand, interviews and offers per changed opportunity only', () => {
    const world = connectedWorld();
    const apps = saveJob(world, { object: 'applications', sheetName: 'Applications' });
    const interviews = saveJob(world, { object: 'interviews', sheetName: 'Interviews' });
    const offers = saveJob(world, { object: 'offers', sheetName: 'Offers' });
    for (const j of [apps, interviews, offers]) runToEnd(world, j);
    const opps = visibleOpportunities(world);
    const expectedApps = opps.flatMap((o) => o.applications as Rec[]);
    const appRows = sheetObjects(world.host.spreadsheet.tab('Applications'));
    expect(appRows.map((r) => r['Application ID']).sort()).toEqual(expectedApps.map((a) => a.id).sort());
    const expectedInterviews = opps.flatMap((o) => world.sandbox.data.children.interviews.get(o.id as string) ?? []);
    const interviewRows = sheetObjects(world.host.spreadsheet.tab('Interviews'));
    expect(interviewRows.map((r) => r['Interview ID']).sort()).toEqual(expectedInterviews.map((i) => i.id).sort());
    for (const i of expectedInterviews.slice(0, 20)) {
      const row = interviewRows.find((r) => r['Interview ID'] === i.id)!;
      expect([row.Subject, row.Date, row['Duration (minutes)'], row.Interviewers]).toEqual([
        expectedCell(i, 'subject'),
        expectedCell(i, 'date', 'date'),
        i.duration,
        expectedCell(i, 'interviewers.name', 'list'),
      ]);
    }
    const expectedOffers = opps.flatMap((o) =>
      (world.sandbox.data.children.offers.get(o.id as string) ?? []).map((x) => ({ id: x.id, opp: o.id })),
    );
    const offerRows = sheetObjects(world.host.spreadsheet.tab('Offers'));
    expect(offerRows.map((r) => `${r['Offer ID']}@${r['Opportunity ID']}`).sort()).toEqual(
      expectedOffers.map((x) => `${x.id}@${x.opp}`).sort(),
    );

    // After activity, only changed opportunities are asked for their interviews.
    const t0 = world.clock.now();
    world.clock.advance(HOUR);
    const target = opps.find((o) => o.archived === null && (world.sandbox.data.children.interviews.get(o.id as string) ?? []).length > 0)!;
    world.sandbox.activity.interview(target, t0 + 1000);
    world.sandbox.activity.note(target, t0 + 2000); // bumps updatedAt so the change is seen
    const before = world.sandbox.requestCount;
    const progress = runToEnd(world, interviews);
    expect(progress[progress.length - 1].status).toBe('ok');
    expect(world.sandbox.requestCount - before).toBeLessThan(8);
    const after = sheetObjects(world.host.spreadsheet.tab('Interviews'));
    expect(after.filter((r) => r['Opportunity ID'] === target.id)).toHaveLength(
      world.sandbox.data.children.interviews.get(target.id as string)!.length,
    );
  });
});

describe('filters', () => {
  it('a time range: created on or after one day and before another, sent to Lever, for candidates and their interviews', () => {
    const world = connectedWorld({ sandbox: { seed: 12, opportunities: 200 } });
    const created = visibleOpportunities(world)
      .map((o) => o.createdAt as number)
      .sort((a, b) => a - b);
    const [from, to] = [created[40], created[120]];
    const filters = { createdAfter: new Date(from).toISOString(), createdBefore: new Date(to).toISOString() };
    const opps = saveJob(world, { object: 'opportunities', sheetName: 'Range', fields: ['id'], filters });
    const interviews = saveJob(world, { object: 'interviews', sheetName: 'Range interviews', fields: ['id', 'opportunityId'], filters });
    runToEnd(world, opps);
    runToEnd(world, interviews);
    const inRange = upsertedOpportunities(world).filter((o) => (o.createdAt as number) >= from && (o.createdAt as number) < to);
    expect(
      sheetObjects(world.host.spreadsheet.tab('Range'))
        .map((r) => r['Opportunity ID'])
        .sort(),
    ).toEqual(inRange.map((o) => o.id).sort());
    const ids = new Set(inRange.map((o) => o.id));
    const rows = sheetObjects(world.host.spreadsheet.tab('Range interviews'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => ids.has(r['Opportunity ID'] as string))).toBe(true);
    expect(
      rpcErrorOf(() =>
        saveJob(world, { object: 'opportunities', sheetName: 'Bad', filters: { createdAfter: '2026-02-01', createdBefore: '2026-01-01' } }),
      ).message,
    ).toBe('filters.createdBefore: must come after createdAfter (2026-02-01), or the range holds nothing.');
  });

  it('a record that leaves the filter (archived, moved out of the chosen stages) loses its row; one that enters gains one', () => {
    const world = connectedWorld({ sandbox: { seed: 12, opportunities: 300 } });
    const active = saveJob(world, { object: 'opportunities', sheetName: 'Active', fields: ['id', 'stage'], filters: { archived: false } });
    const screens = ['8f1c2d3e-0a1b-4c2d-9e3f-000000000001', '8f1c2d3e-0a1b-4c2d-9e3f-000000000002'];
    const screening = saveJob(world, {
      object: 'interviews',
      sheetName: 'Screen interviews',
      fields: ['id'],
      filters: { stageIds: screens },
    });
    runToEnd(world, active);
    runToEnd(world, screening);
    const isActive = (o: Rec) => o.archived === null;
    const ids = (tab: string, col: string) =>
      sheetObjects(world.host.spreadsheet.tab(tab))
        .map((r) => r[col])
        .sort();
    const expectedInterviews = () =>
      visibleOpportunities(world)
        .filter((o) => screens.includes(o.stage as string))
        .flatMap((o) => (world.sandbox.data.children.interviews.get(o.id as string) ?? []).map((i) => i.id))
        .sort();
    expect(ids('Active', 'Opportunity ID')).toEqual(
      upsertedOpportunities(world)
        .filter(isActive)
        .map((o) => o.id)
        .sort(),
    );
    expect(ids('Screen interviews', 'Interview ID')).toEqual(expectedInterviews());

    const t0 = world.clock.now();
    world.clock.advance(HOUR);
    const candidates = visibleOpportunities(world).filter((o) => isActive(o) && screens.includes(o.stage as string));
    world.sandbox.activity.archive(candidates[0], t0 + 1000); // leaves both filters' scope for Active
    world.sandbox.activity.advance(candidates[1], t0 + 2000); // screen → next stage: leaves the stage filter
    runToEnd(world, active);
    runToEnd(world, screening);
    expect(ids('Active', 'Opportunity ID')).toEqual(
      upsertedOpportunities(world)
        .filter(isActive)
        .map((o) => o.id)
        .sort(),
    );
    expect(ids('Active', 'Opportunity ID')).not.toContain(candidates[0].id);
    expect(ids('Screen interviews', 'Interview ID')).toEqual(expectedInterviews());
  });
});
