import { connectedWorld, documentStore, runToEnd, saveJob, sheetObjects, visibleOpportunities } from '../helpers/world';
import type { Rec } from '../../src/sandbox/types';

describe('custom fields as real columns', () => {
  it('one column per field, headed by its label; new fields appended at the end; retired ones kept', () => {
    const world = connectedWorld({ sandbox: { seed: 61, opportunities: 150 } });
    const job = saveJob(world, { object: 'forms', sheetName: 'Forms', fields: ['id', 'opportunityId', '*custom'], reconcile: 'daily' });
    runToEnd(world, job);
    const header = () => world.host.spreadsheet.tab('Forms')!.snapshot()[0];
    const before = header();
    expect(before).toEqual([
      'Form ID',
      'Opportunity ID',
      'Current company',
      'Why us?',
      'Work authorization',
      'Languages',
      'Open to relocate',
      'Earliest start',
      'Salary expectation',
      'Preferred team',
      'University',
      'FizzBuzz',
      'Portfolio',
    ]);

    // Lever: a new question on one form, and "FizzBuzz" retired from every form.
    const forms = visibleOpportunities(world)
      .flatMap((o) => world.sandbox.data.children.forms.get(o.id as string) ?? [])
      .filter((f) => f.deletedAt === null);
    (forms[0].fields as Rec[]).push({ id: 'new-field-1', type: 'dropdown', text: 'Notice period', value: '1 month' });
    for (const f of forms) f.fields = (f.fields as Rec[]).filter((x) => x.text !== 'FizzBuzz');
    world.clock.advance(25 * 3600_000); // the daily reconciliation re-reads every form
    runToEnd(world, job);
    expect(header()).toEqual([...before, 'Notice period']);
    const rows = sheetObjects(world.host.spreadsheet.tab('Forms'));
    expect(rows.find((r) => r['Form ID'] === forms[0].id)!['Notice period']).toBe('1 month');
    expect(rows.every((r) => r.FizzBuzz === '')).toBe(true);
    // The column list is kept with the job, so the next run writes the same layout.
    expect(JSON.parse(documentStore(world).get(`columns:${job.id}`)!).map((c: Rec) => c.label)).toEqual([
      ...before.slice(2),
      'Notice period',
    ]);
  });

  it('typed by Lever field type: yes-no as booleans, dates as dates, currency and scores as numbers, scorecards readable', () => {
    const world = connectedWorld({ sandbox: { seed: 62, opportunities: 120 } });
    const forms = saveJob(world, { object: 'forms', sheetName: 'Forms', fields: ['id', '*custom'] });
    const feedback = saveJob(world, { object: 'feedback', sheetName: 'Feedback', fields: ['id', '*custom'] });
    runToEnd(world, forms);
    runToEnd(world, feedback);
    const f = sheetObjects(world.host.spreadsheet.tab('Forms'));
    expect(new Set(f.map((r) => typeof r['Open to relocate']))).toEqual(new Set(['boolean', 'string']));
    expect(f.filter((r) => r['Open to relocate'] !== '').every((r) => typeof r['Open to relocate'] === 'boolean')).toBe(true);
    expect(f.every((r) => r['Earliest start'] instanceof Date)).toBe(true);
    expect(f.every((r) => typeof r['Salary expectation'] === 'number')).toBe(true);
    const fb = sheetObjects(world.host.spreadsheet.tab('Feedback'));
    expect(fb.every((r) => /^Coding: [1-4], Design: [1-4] \(ok\)$/.test(String(r.Skills)))).toBe(true);
    expect(fb.filter((r) => r.Communication !== '').every((r) => typeof r.Communication === 'number')).toBe(true);
  });

  it('requisition custom fields are headed by the requisition field labels; offer fields by their names', () => {
    const world = connectedWorld({ sandbox: { seed: 63, opportunities: 120 } });
    const reqs = saveJob(world, { object: 'requisitions', sheetName: 'Reqs', fields: ['id', '*custom'] });
    const offers = saveJob(world, { object: 'offers', sheetName: 'Offers', fields: ['id', '*custom'] });
    runToEnd(world, reqs);
    runToEnd(world, offers);
    expect(world.host.spreadsheet.tab('Reqs')!.snapshot()[0]).toEqual(['Requisition ID', 'Cost center', 'Level', 'Budget']);
    const o = sheetObjects(world.host.spreadsheet.tab('Offers'));
    // Custom fields found during the run are added after the tab's columns.
    expect(Object.keys(o[0])).toEqual([
      'Offer ID',
      'Opportunity ID',
      'Job title',
      'Candidate name',
      'Salary',
      'Currency',
      'Start date',
      'Signing bonus',
    ]);
    expect(o.every((r) => typeof r.Salary === 'number' && r['Start date'] instanceof Date)).toBe(true);
  });
});
