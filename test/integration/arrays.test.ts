import { connectedWorld, runToEnd, saveJob, sheetObjects, visibleOpportunities, upsertedOpportunities } from '../helpers/world';
import type { Rec } from '../../src/sandbox/types';

describe('list fields, chosen per field', () => {
  it('join (default), first, count, JSON and numbered columns', () => {
    const world = connectedWorld({ sandbox: { seed: 41, opportunities: 150 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'P',
      fields: [
        'id',
        'tags',
        { path: 'tags', column: 'First tag', array: 'first' },
        { path: 'tags', column: 'Tag count', array: 'count' },
        { path: 'tags', column: 'Tags JSON', array: 'json' },
        { path: 'sources', array: 'numbered', max: 3 },
        { path: 'stageChanges.updatedAt', column: 'Entered', array: 'first' },
      ],
    });
    runToEnd(world, job);
    const rows = sheetObjects(world.host.spreadsheet.tab('P'));
    expect(Object.keys(rows[0])).toEqual([
      'Opportunity ID',
      'Tags',
      'First tag',
      'Tag count',
      'Tags JSON',
      'Sources 1',
      'Sources 2',
      'Sources 3',
      'Entered',
    ]);
    for (const o of upsertedOpportunities(world)) {
      const r = rows.find((x) => x['Opportunity ID'] === o.id)!;
      const tags = o.tags as string[];
      const sources = o.sources as string[];
      expect([r.Tags, r['First tag'], r['Tag count'], r['Tags JSON']]).toEqual([
        tags.join(', '),
        tags[0] ?? '',
        tags.length,
        JSON.stringify(tags),
      ]);
      expect([r['Sources 1'], r['Sources 2'], r['Sources 3']]).toEqual([0, 1, 2].map((i) => sources[i] ?? ''));
      expect(r.Entered).toEqual(new Date((o.stageChanges as Rec[])[0].updatedAt as number));
    }
  });

  it('explode: one row per interviewer, kept exact as interviewers change', () => {
    const world = connectedWorld({ sandbox: { seed: 42, opportunities: 150 } });
    const job = saveJob(world, {
      object: 'interviews',
      sheetName: 'Panelists',
      fields: ['id', 'subject', { path: 'interviewers.name', column: 'Interviewer', array: 'explode' }, 'interviewers.email'],
    });
    runToEnd(world, job);
    const expected = () =>
      visibleOpportunities(world).flatMap((o) =>
        (world.sandbox.data.children.interviews.get(o.id as string) ?? []).flatMap((i) =>
          (i.interviewers as Rec[]).map((p, n) => ({ key: `${i.id}#${n}`, id: i.id, name: p.name, email: p.email })),
        ),
      );
    const actual = () =>
      sheetObjects(world.host.spreadsheet.tab('Panelists')).map((r) => ({
        key: r['Row key'],
        id: r['Interview ID'],
        name: r.Interviewer,
        email: r['Interviewer emails'],
      }));
    const byKey = (xs: Array<{ key: unknown }>) => [...xs].sort((a, b) => String(a.key).localeCompare(String(b.key)));
    expect(byKey(actual())).toEqual(byKey(expected()));

    // A second interviewer is added to one interview and one is removed from another.
    const opps = visibleOpportunities(world).filter((o) => (world.sandbox.data.children.interviews.get(o.id as string) ?? []).length > 0);
    const grow = world.sandbox.data.children.interviews.get(opps[0].id as string)![0];
    (grow.interviewers as Rec[]).push({ id: 'u-extra', name: 'Extra Person', email: 'extra@company.example', feedbackTemplate: null });
    const shrink = world.sandbox.data.children.interviews.get(opps[1].id as string)![0];
    (shrink.interviewers as Rec[]).push({ id: 'u-2', name: 'Second', email: 'second@company.example', feedbackTemplate: null });
    world.clock.advance(3600_000);
    for (const o of [opps[0], opps[1]]) o.updatedAt = world.clock.now() - 1000;
    runToEnd(world, job);
    expect(byKey(actual())).toEqual(byKey(expected()));
    (shrink.interviewers as Rec[]).splice(0, 1);
    world.clock.advance(3600_000);
    opps[1].updatedAt = world.clock.now() - 1000;
    runToEnd(world, job);
    expect(byKey(actual())).toEqual(byKey(expected()));
  });

  it('explode on a top-level list object: one row per tag of each opportunity, in upsert and append', () => {
    const world = connectedWorld({ sandbox: { seed: 43, opportunities: 80 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Tags',
      fields: ['id', { path: 'tags', column: 'Tag', array: 'explode' }],
    });
    runToEnd(world, job);
    const rows = sheetObjects(world.host.spreadsheet.tab('Tags'));
    const expected = upsertedOpportunities(world).flatMap((o) =>
      ((o.tags as string[]).length ? (o.tags as string[]) : ['']).map((t, i) => `${o.id}#${i}=${t}`),
    );
    expect(rows.map((r) => `${r['Row key']}=${r.Tag}`).sort()).toEqual(expected.sort());
    const history = saveJob(world, {
      object: 'opportunities',
      mode: 'append',
      sheetName: 'Tag history',
      fields: ['id', { path: 'tags', column: 'Tag', array: 'explode' }],
    });
    runToEnd(world, history);
    runToEnd(world, history);
    // Append keeps anonymised candidates too (as history), so it holds every visible opportunity's tags.
    const all = visibleOpportunities(world).reduce((n, o) => n + Math.max(1, (o.tags as string[]).length), 0);
    expect(sheetObjects(world.host.spreadsheet.tab('Tag history'))).toHaveLength(all);
  });

  it('refuses array settings that make no sense, with the field named', () => {
    const world = connectedWorld({ sandbox: { seed: 41, opportunities: 10 } });
    expect(() =>
      world.host.call('saveJob', { object: 'opportunities', sheetName: 'X', fields: [{ path: 'name', array: 'first' }] }),
    ).toThrow(/fields\[0\].array: name holds one value, not a list/);
    expect(() =>
      world.host.call('saveJob', {
        object: 'opportunities',
        sheetName: 'X',
        fields: [
          { path: 'tags', array: 'explode' },
          { path: 'emails', array: 'explode' },
        ],
      }),
    ).toThrow(/only one field per job/);
    expect(() =>
      world.host.call('saveJob', { object: 'opportunities', sheetName: 'X', fields: [{ path: 'tags', array: 'numbered', max: 99 }] }),
    ).toThrow(/fields\[0\].max: must be a whole number from 1 to 50/);
  });
});
