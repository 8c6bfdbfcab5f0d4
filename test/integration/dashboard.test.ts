/**
 * The hiring dashboard: its numbers checked against numbers worked out here, independently, from
 * the sandbox's records; its native charts made once and updated in place.
 */
import ExcelJS from 'exceljs';
import type { Job } from '../../src/shared/rpc';
import type { Rec } from '../../src/sandbox/types';
import { connectedWorld, rpcErrorOf, runToEnd, sheetObjects, upsertedOpportunities } from '../helpers/world';

const DAY = 86_400_000;
const world = connectedWorld({ sandbox: { seed: 41, opportunities: 220 } });
const zone = () => world.host.spreadsheet.timeZone;

/** The local calendar day of an instant in the spreadsheet's zone, as y-m-d and weekday (Intl, not the add-on's code). */
function localDay(ms: number): { ymd: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone(), year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' })
    .formatToParts(new Date(ms))
    .reduce<Record<string, string>>((o, p) => ({ ...o, [p.type]: p.value }), {});
  return {
    ymd: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday),
  };
}
const mondayOf = (ms: number) => {
  const d = localDay(ms);
  return new Date(Date.parse(`${d.ymd}T00:00:00Z`) - ((d.weekday + 6) % 7) * DAY).toISOString().slice(0, 10);
};
const monthOf = (ms: number) => localDay(ms).ymd.slice(0, 7);

/** The summary's tables as the tab shows them: each table's rows keyed by its first column. */
function tables(): Record<string, Array<Array<string | number | boolean | Date>>> {
  const grid = world.host.spreadsheet.tab('Dashboard')!.snapshot();
  const out: Record<string, Array<Array<string | number | boolean | Date>>> = {};
  let start = 0;
  const header = grid[0];
  for (let c = 0; c <= header.length; c++) {
    if (c < header.length && header[c] !== '') continue;
    if (c > start) out[String(header[start])] ??= grid.map((r) => r.slice(start, c)).filter((r) => r.some((v) => v !== ''));
    start = c + 1;
  }
  return out;
}

describe('hiring dashboard', () => {
  let job: Job;
  beforeAll(() => {
    // A stage named by someone with a formula in mind: it must stay text on the summary.
    world.sandbox.data.stages[1].text = '=HYPERLINK("http://evil.example","Phone screen")';
    job = world.host.call<Job>('saveJobFromTemplate', 'hiring_dashboard');
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
  });

  it('is an ordinary job whose tab holds what the summary needs, with a Dashboard tab beside it', () => {
    expect([job.object, job.mode, job.dashboard]).toEqual(['opportunities', 'upsert', { sheetName: 'Dashboard' }]);
    expect(sheetObjects(world.host.spreadsheet.tab('Dashboard data'))).toHaveLength(upsertedOpportunities(world).length);
    expect(world.host.spreadsheet.tab('Dashboard')!.formulas()).toEqual([]);
  });

  it('active candidates per stage, in Lever’s pipeline order', () => {
    const opps = upsertedOpportunities(world).filter((o) => !o.archived);
    const [header, ...rows] = tables().Stage.slice(0, 1 + world.sandbox.data.stages.length);
    expect(header).toEqual(['Stage', 'Active candidates']);
    expect(rows).toEqual(world.sandbox.data.stages.map((s) => [s.text, opps.filter((o) => o.stage === s.id).length]));
    expect(rows.reduce((n, r) => n + (r[1] as number), 0)).toBe(opps.length);
  });

  it('applications per week by first source, the last 12 weeks, the top five sources by name', () => {
    const now = world.clock.now();
    const weeks = Array.from({ length: 12 }, (_, i) => mondayOf(now - (11 - i) * 7 * DAY));
    const inWindow = upsertedOpportunities(world)
      .map((o) => ({ week: mondayOf(o.createdAt as number), source: ((o.sources as string[])[0] ?? 'No source') as string }))
      .filter((x) => weeks.includes(x.week));
    const totals = new Map<string, number>();
    for (const x of inWindow) totals.set(x.source, (totals.get(x.source) ?? 0) + 1);
    const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s);
    const named = ranked.length > 6 ? ranked.slice(0, 5) : ranked;
    const sources = ranked.length > named.length ? [...named, 'Other sources'] : named;
    const [header, ...rows] = tables()['Week of'];
    expect(header).toEqual(['Week of', ...sources]);
    expect(rows.map((r) => r[0])).toEqual(weeks);
    for (const [i, w] of weeks.entries())
      expect(rows[i].slice(1)).toEqual(
        sources.map(
          (s) => inWindow.filter((x) => x.week === w && (s === 'Other sources' ? !named.includes(x.source) : x.source === s)).length,
        ),
      );
    expect(inWindow.length).toBeGreaterThan(10);
  });

  it('median days in each stage, over finished stays', () => {
    const stays = new Map<string, number[]>();
    for (const o of upsertedOpportunities(world)) {
      const changes = [...(o.stageChanges as Rec[])].sort((a, b) => (a.updatedAt as number) - (b.updatedAt as number));
      changes.slice(0, -1).forEach((c, i) => {
        const list = stays.get(c.toStageId as string) ?? [];
        list.push(((changes[i + 1].updatedAt as number) - (c.updatedAt as number)) / DAY);
        stays.set(c.toStageId as string, list);
      });
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const grid = world.host.spreadsheet.tab('Dashboard')!.snapshot();
    const col = grid[0].indexOf('Median days in stage');
    const rows = grid.slice(1, 1 + world.sandbox.data.stages.length).map((r) => r.slice(col - 1, col + 2));
    expect(rows).toEqual(
      world.sandbox.data.stages.map((s) => {
        const days = stays.get(s.id) ?? [];
        return [s.text, days.length ? Math.round(median(days) * 10) / 10 : '', days.length];
      }),
    );
    expect(rows.some((r) => (r[2] as number) > 5)).toBe(true);
  });

  it('offers sent and accepted per month, the last 12 months', () => {
    const now = world.clock.now();
    const months = Array.from({ length: 12 }, (_, i) => {
      const d = new Date(Date.parse(`${monthOf(now)}-15T00:00:00Z`));
      d.setUTCMonth(d.getUTCMonth() - (11 - i));
      return d.toISOString().slice(0, 7);
    });
    const sent = new Map<string, number>();
    const accepted = new Map<string, number>();
    for (const o of upsertedOpportunities(world)) {
      const offers = world.sandbox.data.children.offers.get(o.id as string) ?? [];
      const lastSent = Math.max(...offers.map((f) => (typeof f.sentAt === 'number' ? f.sentAt : -1)));
      if (lastSent > 0) sent.set(monthOf(lastSent), (sent.get(monthOf(lastSent)) ?? 0) + 1);
      const signed = offers.filter((f) => f.status === 'signed').map((f) => ((f.signatures as Rec).candidate as Rec).signedAt as number);
      if (signed.length) accepted.set(monthOf(Math.max(...signed)), (accepted.get(monthOf(Math.max(...signed))) ?? 0) + 1);
    }
    const [header, ...rows] = tables().Month;
    expect(header).toEqual(['Month', 'Offers sent', 'Offers accepted']);
    expect(rows).toEqual(months.map((m) => [m, sent.get(m) ?? 0, accepted.get(m) ?? 0]));
    expect(rows.reduce((n, r) => n + (r[1] as number), 0)).toBeGreaterThan(0);
  });

  it('four native charts over the tables, made once and updated in place; one a person removed comes back', () => {
    const tab = world.host.spreadsheet.tab('Dashboard')!;
    const charts = () => tab.charts.list.map((c) => ({ id: c.id, type: c.spec.type, title: c.spec.options.get('title') }));
    const first = charts();
    expect(first.map((c) => [c.type, c.title])).toEqual([
      ['BAR', 'Active candidates per stage'],
      ['COLUMN', 'Applications per week by source (last 12 weeks)'],
      ['BAR', 'Median days in each stage'],
      ['COLUMN', 'Offers sent and accepted per month'],
    ]);
    const weekly = tab.charts.list[1];
    const header = tab.snapshot()[0];
    expect(weekly.spec.ranges.map((r) => [r.row, r.col, r.numRows, r.numCols])).toEqual([
      [1, header.indexOf('Week of') + 1, 13, header.indexOf('Stage', header.indexOf('Week of')) - header.indexOf('Week of') - 1],
    ]);
    expect([weekly.spec.options.get('isStacked'), weekly.spec.numHeaders]).toEqual([true, 1]);
    world.sandbox.activity.simulate(world.clock.now(), world.clock.now() + DAY, 10);
    world.clock.advance(DAY);
    runToEnd(world, job);
    expect(charts()).toEqual(first);
    tab.removeChart(tab.getCharts()[2]);
    world.clock.advance(DAY);
    runToEnd(world, job);
    expect(
      charts()
        .map((c) => c.title)
        .sort(),
    ).toEqual(first.map((c) => c.title).sort());
    expect(tab.charts.list).toHaveLength(4);
    // An execution cut between making a chart and keeping its id: the chart is found by its title.
    const kept = tab.metadata.items.filter((x) => x.key.includes('charts:'));
    expect(kept).toHaveLength(1);
    for (const m of kept) m.remove();
    world.clock.advance(DAY);
    runToEnd(world, job);
    expect(tab.charts.list).toHaveLength(4);
  });

  it('the Excel copy holds the candidates and, on a second sheet, the summary’s values', async () => {
    const file = world.host.drive.liveFiles().find((f) => f.name === 'Dashboard data.xlsx')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.blob.raw()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Dashboard data', 'Dashboard']);
    const summary = wb.worksheets[1];
    const grid = world.host.spreadsheet.tab('Dashboard')!.snapshot();
    summary.eachRow({ includeEmpty: false }, (row, r) => {
      const values = (row.values as unknown[]).slice(1);
      grid[r - 1].forEach((v, c) => expect(values[c] ?? '').toEqual(v));
    });
    expect(summary.rowCount).toBe(grid.length);
    expect(summary.getCell('B2').numFmt).toBe('0');
  });

  it('per posting: a dashboard job filtered to one posting counts only its candidates, on a tab of its own', () => {
    const apps = upsertedOpportunities(world).flatMap((o) => (o.applications as Rec[]).map((a) => ({ o, posting: a.posting as string })));
    const posting = apps[0].posting;
    const perPosting = world.host.call<Job>('saveJob', {
      object: 'opportunities',
      sheetName: 'Posting data',
      filters: { postingIds: [posting] },
      dashboard: { sheetName: 'Posting dashboard' },
    });
    expect(runToEnd(world, perPosting).pop()!.status).toBe('ok');
    const grid = world.host.spreadsheet.tab('Posting dashboard')!.snapshot();
    const active = apps.filter((x) => x.posting === posting && !x.o.archived).length;
    const stages = world.sandbox.data.stages.length;
    expect(grid.slice(1, 1 + stages).reduce((n, r) => n + (r[1] as number), 0)).toBe(active);
    expect(active).toBeGreaterThan(0);
    // Each tab is one job's: a dashboard tab cannot be another job's rows or dashboard.
    expect(rpcErrorOf(() => world.host.call('saveJob', { object: 'users', sheetName: 'Posting dashboard' })).message).toBe(
      'sheetName: the tab "Posting dashboard" is already used by the job "Opportunities (candidates) → Posting data"; pick another tab.',
    );
  });
});
