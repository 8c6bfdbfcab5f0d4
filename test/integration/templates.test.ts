/**
 * Ready-made jobs: each template, saved through the shipped bundle and run in the local host
 * against the sandbox, makes the tab and the copy it promises.
 */
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { Job, TemplateInfo } from '../../src/shared/rpc';
import type { Rec } from '../../src/sandbox/types';
import { connectedWorld, inWords, rpcErrorOf, runToEnd, sheetObjects, upsertedOpportunities, visibleOpportunities } from '../helpers/world';

const TEMPLATE_LIST = [
  'bi_feed',
  'applications_triage',
  'interview_roster',
  'audit_trail',
  'offer_tracker',
  'stage_history',
  'hiring_dashboard',
];
const world = connectedWorld({ sandbox: { seed: 31, opportunities: 150 } });
const fromTemplate = (name: string, options?: object) => world.host.call<Job>('saveJobFromTemplate', name, options);

describe('templates', () => {
  it('the gallery lists each template with what it makes', () => {
    const list = world.host.call<TemplateInfo[]>('listTemplates');
    expect(list.map((t) => t.name)).toEqual(TEMPLATE_LIST);
    for (const t of list) expect(t.description.length).toBeGreaterThan(40);
  });

  it('Daily BI feed: the brief’s columns, a full daily refresh and a CSV copy kept as latest', () => {
    const job = fromTemplate('bi_feed');
    expect([job.mode, job.schedule]).toEqual(['replace', { every: 'day', hour: 6 }]);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const tab = world.host.spreadsheet.tab('BI feed')!;
    expect(tab.snapshot()[0]).toEqual(['candidate_id', 'full_name', 'email', 'applied_at', 'stage', 'source', 'application_id']);
    const opps = new Map(visibleOpportunities(world).map((o) => [o.id as string, o]));
    const rows = sheetObjects(tab);
    expect(rows.length).toBeGreaterThan(50);
    for (const r of rows) {
      const opp = opps.get(r.candidate_id as string)!;
      const app = (opp.applications as Rec[]).find((a) => a.id === r.application_id)!;
      expect((r.applied_at as Date).getTime()).toBe(app.createdAt);
      expect(r.full_name).toBe(app.name ?? '');
      expect(r.source).toBe((opp.sources as string[])[0] ?? '');
      expect(r.stage).not.toBe('');
    }
    const csv = world.host.drive.liveFiles().find((f) => f.name === 'BI feed.csv')!;
    const parsed = parse(Buffer.from(csv.blob.raw()).toString('utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(parsed).toHaveLength(rows.length);
    expect(Object.keys(parsed[0])).toEqual(['candidate_id', 'full_name', 'email', 'applied_at', 'stage', 'source', 'application_id']);
  });

  it('Daily BI feed with the score from Lever: each candidate’s average scorecard rating and how many scorecards', () => {
    const job = fromTemplate('bi_feed', { score: 'scorecards', sheetName: 'BI scored' });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const tab = world.host.spreadsheet.tab('BI scored')!;
    expect(tab.snapshot()[0]).toEqual([
      'candidate_id',
      'full_name',
      'email',
      'applied_at',
      'stage',
      'source',
      'score',
      'scorecards',
      'application_id',
    ]);
    const rows = sheetObjects(tab);
    let scored = 0;
    for (const r of rows) {
      // Worked out here from the sandbox's scorecards: the mean of each live one's 1–4 ratings, averaged.
      const forms = (world.sandbox.data.children.feedback.get(r.candidate_id as string) ?? []).filter((f) => !f.deletedAt);
      const means = forms
        .map((f) =>
          (f.fields as Rec[]).flatMap((x) =>
            x.type === 'score' ? [x.value] : x.type === 'scorecard' ? (x.value as Rec[]).map((v) => v.score) : [],
          ),
        )
        .map((xs) => xs.filter((x): x is number => typeof x === 'number'))
        .filter((xs) => xs.length > 0)
        .map((xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
      expect(r.scorecards).toBe(means.length);
      if (means.length === 0) expect(r.score).toBe('');
      else {
        expect(r.score as number).toBeCloseTo(means.reduce((a, b) => a + b, 0) / means.length, 2);
        scored++;
      }
    }
    expect(scored).toBeGreaterThan(10);
    expect(rpcErrorOf(() => fromTemplate('bi_feed', { score: 'ai' })).message).toBe(
      'options.score: "ai" is not a score; give "own" or "scorecards".',
    );
    expect(rpcErrorOf(() => fromTemplate('audit_trail', { score: 'scorecards' })).message).toBe(
      'options.score: the template audit_trail has no score; leave it out.',
    );
  });

  it('Tally columns: interviews not canceled, per candidate, counted again when the candidate changes', () => {
    const job = world.host.call<Job>('saveJob', {
      object: 'opportunities',
      sheetName: 'Tallies',
      fields: ['name', 'tally.interviews', 'tally.scorecards', 'id'],
    });
    runToEnd(world, job);
    const tab = world.host.spreadsheet.tab('Tallies')!;
    expect(tab.snapshot()[0]).toEqual(['Name', 'Interviews', 'Scorecards', 'Opportunity ID']);
    const interviewsOf = (id: string) => (world.sandbox.data.children.interviews.get(id) ?? []).filter((i) => !i.canceledAt).length;
    const rows = sheetObjects(tab);
    expect(rows).toHaveLength(upsertedOpportunities(world).length);
    for (const r of rows) expect(r.Interviews).toBe(interviewsOf(r['Opportunity ID'] as string));
    expect(rows.some((r) => (r.Interviews as number) > 1)).toBe(true);
    // New feedback touches the candidate (lastInteractionAt), so the next hour counts it. A new
    // interview does not (reference §9.1): the weekly re-read of every candidate counts it.
    const [a, b] = upsertedOpportunities(world).filter((o) => !o.archived);
    world.sandbox.activity.addFeedback(a, world.clock.now());
    world.sandbox.activity.interview(b, world.clock.now());
    world.clock.advance(3600_000);
    runToEnd(world, job);
    const rowOf = (id: unknown) => sheetObjects(tab).find((r) => r['Opportunity ID'] === id)!;
    const scorecards = (id: string) => (world.sandbox.data.children.feedback.get(id) ?? []).filter((f) => !f.deletedAt).length;
    expect(rowOf(a.id).Scorecards).toBe(scorecards(a.id as string));
    expect(rowOf(b.id).Interviews).toBe(interviewsOf(b.id as string) - 1);
    expect(job.reconcile).toBe('weekly');
    world.clock.advance(7 * 24 * 3600_000);
    runToEnd(world, job);
    expect(rowOf(b.id).Interviews).toBe(interviewsOf(b.id as string));
  });

  it('Applications triage: active applications only, hourly, the user’s own Decision column kept', () => {
    const job = fromTemplate('applications_triage');
    expect([job.filters, job.schedule]).toEqual([{ archived: false }, { every: 'hour' }]);
    runToEnd(world, job);
    const tab = world.host.spreadsheet.tab('Triage')!;
    const header = tab.snapshot()[0];
    expect(header.slice(0, 3)).toEqual(['Name', 'Posting', 'Posting team']);
    const active = visibleOpportunities(world).filter((o) => !o.archived);
    expect(sheetObjects(tab)).toHaveLength(active.flatMap((o) => o.applications as Rec[]).length);
    // A person adds a Decision column and fills it; the next hour keeps it beside the same row.
    const decision = header.length + 1;
    tab.rows[0][decision - 1] = 'Decision';
    tab.rows[1][decision - 1] = 'Phone screen';
    const id = tab.rows[1][header.indexOf('Application ID')];
    world.clock.advance(3600_000);
    runToEnd(world, job);
    const row = tab.rows.find((r) => r[header.indexOf('Application ID')] === id)!;
    expect(row[decision - 1]).toBe('Phone screen');
  });

  it('Interview roster: the next 14 days (or as asked), canceled ones left out, times in the sheet’s zone, an Excel copy', () => {
    world.host.spreadsheet.timeZone = 'America/Chicago';
    const job = fromTemplate('interview_roster', { days: 30 });
    expect([job.mode, job.filters]).toEqual(['replace', { upcomingDays: 30 }]);
    // Lever has interviews coming up: some of the seeded ones moved to the next weeks.
    const all = visibleOpportunities(world).flatMap((o) => world.sandbox.data.children.interviews.get(o.id as string) ?? []);
    const now = world.clock.now();
    all.slice(0, 40).forEach((iv, i) => {
      iv.date = now + (i - 5) * 86_400_000 + 3_600_000;
      if (i % 7 === 0) iv.canceledAt = now;
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const tab = world.host.spreadsheet.tab('Interview roster')!;
    expect(tab.snapshot()[0].slice(0, 4)).toEqual(['Starts', 'Candidate', 'Posting', 'Subject']);
    const want = all.filter((iv) => (iv.date as number) >= now && (iv.date as number) <= now + 30 * 86_400_000 && !iv.canceledAt);
    const rows = sheetObjects(tab);
    expect(rows.map((r) => r['Interview ID']).sort()).toEqual(want.map((iv) => iv.id).sort());
    expect(rows.length).toBeGreaterThan(10);
    expect(tab.styles.get(2, 1).format).toBe('yyyy-mm-dd hh:mm');
    expect(world.host.drive.liveFiles().some((f) => f.name === 'Interview roster.xlsx')).toBe(true);
    world.host.spreadsheet.timeZone = 'Europe/Lisbon';
    // The window needs the whole rewrite of replace mode, or past interviews would stay.
    expect(
      rpcErrorOf(() => world.host.call('saveJob', { object: 'interviews', sheetName: 'X', filters: { upcomingDays: 7 } })).message,
    ).toBe('filters.upcomingDays: needs mode "replace", so interviews that have passed leave the tab; set the mode to replace.');
  });

  it('Audit trail: append-only with history, a gzipped CSV kept per run', () => {
    const job = fromTemplate('audit_trail');
    expect(job.mode).toBe('append');
    expect(job.exports).toEqual([{ to: 'drive', format: 'csv.gz', keep: 'history', retentionDays: 90 }]);
    runToEnd(world, job);
    const header = world.host.spreadsheet.tab('Audit trail')!.snapshot()[0];
    expect(header).toEqual([
      'Name',
      'Stage',
      'Owner',
      'Archive reason',
      'Archived at',
      'Updated at',
      'Opportunity ID',
      'Synced at',
      'Change',
      'Version',
    ]);
    const file = world.host.drive.liveFiles().find((f) => /^Audit trail .*\.csv\.gz$/.test(f.name))!;
    expect(gunzipSync(Buffer.from(file.blob.raw())).toString('utf8').split('\r\n')[0]).toBe(header.join(','));
  });

  it('Offer tracker and Stage history: names first, status in words, an Excel copy of the offers', () => {
    const offers = fromTemplate('offer_tracker');
    const stages = fromTemplate('stage_history');
    runToEnd(world, offers);
    runToEnd(world, stages);
    const o = sheetObjects(world.host.spreadsheet.tab('Offers'));
    expect(o.length).toBeGreaterThan(3);
    const byId = new Map(
      visibleOpportunities(world).flatMap((opp) => (world.sandbox.data.children.offers.get(opp.id as string) ?? []).map((x) => [x.id, x])),
    );
    for (const r of o) expect(r.Status).toBe(inWords(byId.get(r['Offer ID'] as string)!.status as string));
    expect(world.host.drive.liveFiles().some((f) => f.name === 'Offers.xlsx')).toBe(true);
    const s = sheetObjects(world.host.spreadsheet.tab('Stage history'));
    expect(Object.keys(s[0]).slice(0, 3)).toEqual(['Candidate', 'Posting', 'Stage']);
    expect(s.every((r) => r['Minutes in stage'] === '' || typeof r['Minutes in stage'] === 'number')).toBe(true);
  });

  it('derived columns are numbers worked out at write time; a day passing is no change to append', () => {
    const job = world.host.call<Job>('saveJob', {
      object: 'applications',
      sheetName: 'Ages',
      mode: 'append',
      incremental: false,
      fields: ['name', 'derived.daysSinceApplied', 'id'],
    });
    runToEnd(world, job);
    const tab = world.host.spreadsheet.tab('Ages')!;
    const rows = sheetObjects(tab);
    const apps = new Map(visibleOpportunities(world).flatMap((o) => (o.applications as Rec[]).map((a) => [a.id, a])));
    for (const r of rows) {
      const created = apps.get(r['Application ID'])!.createdAt as number;
      expect(r['Days since applied']).toBe(Math.floor((world.clock.now() - created) / 86_400_000));
    }
    // Two days on, a full re-read finds nothing changed in Lever: no new history rows.
    world.clock.advance(2 * 86_400_000);
    runToEnd(world, job);
    expect(sheetObjects(tab).length).toBe(rows.length);
  });

  it('a second job from the same template gets its own tab; an unknown template says which exist', () => {
    const again = fromTemplate('stage_history');
    expect([again.name, again.sheetName]).toEqual(['Stage history (2)', 'Stage history (2)']);
    const named = fromTemplate('stage_history', { name: 'Funnel', sheetName: 'Funnel' });
    expect([named.name, named.sheetName]).toEqual(['Funnel', 'Funnel']);
    expect(rpcErrorOf(() => fromTemplate('funnel')).message).toBe(
      'template: "funnel" is not a template; choose one of bi_feed, applications_triage, interview_roster, audit_trail, offer_tracker, stage_history, hiring_dashboard.',
    );
  });

  it('a Live check that adds nothing leaves no line in the Sync log; a bad option says what to give', () => {
    const job = fromTemplate('applications_triage', { sheetName: 'Triage live' });
    runToEnd(world, job);
    const log = () => world.host.spreadsheet.tab('Sync log')!.lastRow();
    const before = log();
    world.clock.advance(60_000);
    expect(world.host.call<{ done: boolean }>('runJobSlice', job.id, { live: true }).done).toBe(true);
    expect(log()).toBe(before);
    world.clock.advance(60_000);
    world.host.call('runJobSlice', job.id);
    expect(log()).toBe(before + 1);
    expect(rpcErrorOf(() => world.host.call('runJobSlice', job.id, { live: 'yes' })).message).toBe('options.live: must be true or false.');
    expect(rpcErrorOf(() => world.host.call('runJobSlice', job.id, { quiet: true })).message).toBe(
      'options: give {"live": true} for a Live check, or nothing.',
    );
  });

  it.each(TEMPLATE_LIST)(
    '%s: bold frozen header, a filter, every date cell formatted, other cells left general, links in words',
    (name) => {
      // Upcoming interviews for the roster.
      const now = world.clock.now();
      visibleOpportunities(world)
        .flatMap((o) => world.sandbox.data.children.interviews.get(o.id as string) ?? [])
        .slice(0, 10)
        .forEach((iv, i) => Object.assign(iv, { date: now + (i + 1) * 86_400_000, canceledAt: null }));
      const job = fromTemplate(name, { sheetName: `Looks ${name}`, name: `Looks ${name}` });
      expect(runToEnd(world, job).pop()!.status).toBe('ok');
      const tab = world.host.spreadsheet.tab(`Looks ${name}`)!;
      const [header, ...rows] = tab.snapshot();
      expect(rows.length).toBeGreaterThan(3);
      expect(header.map((_, c) => tab.styles.get(1, c + 1).bold)).toEqual(header.map(() => true));
      expect(tab.frozenRows).toBe(1);
      expect(tab.filter!.range).toMatchObject({ row: 1, col: 1, numCols: header.length });
      header.forEach((h, c) => {
        // A column of dates is formatted as one, empty cells too (rows are formatted as they go in).
        const dates = rows.some((r) => r[c] instanceof Date);
        rows.forEach((r, i) => {
          const format = tab.styles.get(i + 2, c + 1).format;
          if (dates)
            expect([h, format, r[c] instanceof Date || r[c] === '']).toEqual([h, expect.stringMatching(/^yyyy-mm-dd( hh:mm)?$/), true]);
          else if (h === 'Version') expect(format).toBe('0');
          else expect([h, format]).toEqual([h, undefined]);
          if (/link$/i.test(String(h)) && r[c] !== '')
            expect([h, r[c], tab.linkAt(i + 2, c + 1)]).toEqual([h, 'Open in Lever', expect.stringMatching(/^https:\/\//)]);
        });
      });
    },
  );
});
