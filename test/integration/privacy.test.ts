import { createHmac } from 'node:crypto';
import {
  connectedWorld,
  documentStore,
  runToEnd,
  saveJob,
  sheetObjects,
  upsertedOpportunities,
  visibleOpportunities,
} from '../helpers/world';
import type { Rec } from '../../src/sandbox/types';

const HOUR = 3600_000;

describe('personal data', () => {
  it('exclude leaves personal-data columns out entirely', () => {
    const world = connectedWorld({ sandbox: { seed: 51, opportunities: 60 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'P',
      personalData: 'exclude',
      fields: ['id', 'name', 'emails', 'stage@text', 'phones.value'],
    });
    runToEnd(world, job);
    expect(Object.keys(sheetObjects(world.host.spreadsheet.tab('P'))[0])).toEqual(['Opportunity ID', 'Stage']);
  });

  it('mask hides values but keeps empty cells empty', () => {
    const world = connectedWorld({ sandbox: { seed: 51, opportunities: 60 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', personalData: 'mask', fields: ['id', 'name', 'links'] });
    runToEnd(world, job);
    const rows = sheetObjects(world.host.spreadsheet.tab('P'));
    for (const o of upsertedOpportunities(world)) {
      const r = rows.find((x) => x['Opportunity ID'] === o.id)!;
      expect(r.Name).toBe('•••');
      expect(r.Links).toBe((o.links as string[]).map(() => '•••').join(', '));
    }
  });

  it('hash gives the same stable value for the same email in every tab of the spreadsheet, so joins still work', () => {
    const world = connectedWorld({ sandbox: { seed: 51, opportunities: 80 } });
    const opps = saveJob(world, { object: 'opportunities', sheetName: 'P', personalData: 'hash', fields: ['id', 'emails'] });
    const apps = saveJob(world, { object: 'applications', sheetName: 'A', personalData: 'hash', fields: ['id', 'opportunityId', 'email'] });
    runToEnd(world, opps);
    runToEnd(world, apps);
    const salt = documentStore(world).get('privacy.salt')!;
    const hash = (v: string) => `h:${createHmac('sha256', salt).update(v).digest('hex').slice(0, 16)}`;
    const p = sheetObjects(world.host.spreadsheet.tab('P'));
    const a = sheetObjects(world.host.spreadsheet.tab('A'));
    let joined = 0;
    for (const row of a) {
      const app = visibleOpportunities(world)
        .flatMap((o) => o.applications as Rec[])
        .find((x) => x.id === row['Application ID'])!;
      if (!app.email) continue;
      expect(row.Email).toBe(hash(app.email as string));
      const opp = p.find((x) => x['Opportunity ID'] === row['Opportunity ID']);
      if (opp) {
        expect(opp.Emails).toBe(row.Email);
        joined++;
      }
    }
    expect(joined).toBeGreaterThan(10);
    expect(JSON.stringify(p)).not.toMatch(/@mail\.example/);
  });
});

describe('deleted and anonymised candidates', () => {
  function setup(removed: 'delete' | 'mark') {
    const world = connectedWorld({ sandbox: { seed: 52, opportunities: 120 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', removed, fields: ['id', 'name', 'emails'] });
    runToEnd(world, job);
    const active = upsertedOpportunities(world).filter((o) => o.archived === null);
    const [gone, forgotten] = active;
    const t0 = world.clock.now();
    world.clock.advance(HOUR);
    world.sandbox.activity.remove(gone, t0 + 1000);
    world.sandbox.activity.anonymize(forgotten, t0 + 2000);
    runToEnd(world, job);
    return { world, gone, forgotten, rows: sheetObjects(world.host.spreadsheet.tab('P')) };
  }

  it('upsert removes their rows by default', () => {
    const { rows, gone, forgotten } = setup('delete');
    expect(rows.find((r) => r['Opportunity ID'] === gone.id)).toBeUndefined();
    expect(rows.find((r) => r['Opportunity ID'] === forgotten.id)).toBeUndefined();
  });

  it('or keeps them marked, with the anonymised personal data gone', () => {
    const { rows, gone, forgotten } = setup('mark');
    expect(rows.find((r) => r['Opportunity ID'] === gone.id)).toMatchObject({ 'Removed in Lever': 'deleted' });
    expect(rows.find((r) => r['Opportunity ID'] === forgotten.id)).toMatchObject({
      'Removed in Lever': 'anonymised',
      Name: 'Anonymized candidate',
      Emails: '',
    });
    expect(rows.filter((r) => r['Removed in Lever'] === '').length).toBe(rows.length - rows.filter((r) => r['Removed in Lever']).length);
  });

  it('append writes a deleted and an anonymised event row, and the CSV mirror follows', () => {
    const world = connectedWorld({ sandbox: { seed: 52, opportunities: 120 } });
    const job = saveJob(world, {
      object: 'opportunities',
      mode: 'append',
      sheetName: 'H',
      fields: ['id', 'name'],
      mirror: { format: 'csv', keep: 'latest' },
    });
    runToEnd(world, job);
    const active = upsertedOpportunities(world).filter((o) => o.archived === null);
    const t0 = world.clock.now();
    world.clock.advance(HOUR);
    world.sandbox.activity.remove(active[0], t0 + 1000);
    world.sandbox.activity.anonymize(active[1], t0 + 2000);
    runToEnd(world, job);
    const rows = sheetObjects(world.host.spreadsheet.tab('H'));
    expect(rows.filter((r) => r['Opportunity ID'] === active[0].id).map((r) => r.Change)).toEqual(['created', 'deleted']);
    expect(rows.filter((r) => r['Opportunity ID'] === active[1].id).map((r) => r.Change)).toEqual(['created', 'anonymised']);
    const csv = world.host.drive.liveFiles()[0].blob.getDataAsString();
    expect(csv).toContain(`${active[0].id},`);
    expect(
      csv
        .split('\r\n')
        .filter((l) => l.startsWith(String(active[1].id)))
        .map((l) => l.split(',').slice(-2, -1)[0]),
    ).toEqual(['created', 'anonymised']);
  });
});

describe('confidential records', () => {
  it('are left out unless the job asks; the run log says how many were seen', () => {
    const world = connectedWorld({ sandbox: { seed: 53, opportunities: 200 } });
    const plain = saveJob(world, { object: 'opportunities', sheetName: 'Plain', fields: ['id', 'confidentiality'] });
    const all = saveJob(world, {
      object: 'opportunities',
      sheetName: 'All',
      fields: ['id', 'confidentiality'],
      filters: { confidentiality: 'all' },
    });
    runToEnd(world, plain);
    runToEnd(world, all);
    const confidential = [...world.sandbox.data.opportunities.values()].filter(
      (o) => o.confidentiality === 'confidential' && o.isAnonymized !== true,
    ).length;
    expect(confidential).toBeGreaterThan(0);
    // Shown in words, as Lever's own screens do.
    expect(sheetObjects(world.host.spreadsheet.tab('Plain')).some((r) => r.Confidentiality === 'Confidential')).toBe(false);
    expect(sheetObjects(world.host.spreadsheet.tab('All')).filter((r) => r.Confidentiality === 'Confidential')).toHaveLength(confidential);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log.map((r) => r.Confidential)).toEqual([
      0,
      [...world.sandbox.data.opportunities.values()].filter((o) => o.confidentiality === 'confidential').length,
    ]);
  });
});
