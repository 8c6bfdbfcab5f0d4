import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import {
  connectedWorld,
  documentStore,
  rpcErrorOf,
  runToEnd,
  saveJob,
  sheetObjects,
  visibleOpportunities,
  upsertedOpportunities,
  wallClock,
  copiesOf,
} from '../helpers/world';
import { createLocalWorld } from '../../src/cli/local-world';
import { HOSTILE_NAMES } from '../../src/sandbox/seed';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import { ScriptError } from '../../src/host/host';
import type { SidebarState } from '../../src/shared/rpc';

/** Everything the add-on stored or showed, to search for the API key. */
function everythingVisible(world: ReturnType<typeof connectedWorld>): string {
  const sheets = world.host.spreadsheet.sheets.map((s) => JSON.stringify(s.snapshot()));
  const files = world.host.drive.liveFiles().map((f) => f.blob.getDataAsString());
  return [
    ...sheets,
    ...files,
    JSON.stringify(world.host.outbox),
    world.host.logs.join('\n'),
    JSON.stringify([...documentStore(world)]),
  ].join('\n');
}

describe('hostile applicant strings and secrets', () => {
  it('writes hostile names exactly as text: no formula, no coercion, nothing lost', () => {
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 400 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'Pipeline', fields: ['id', 'name', 'phones.value', 'headline'] });
    runToEnd(world, job);
    const tab = world.host.spreadsheet.tab('Pipeline')!;
    expect(tab.formulas()).toEqual([]);
    const rows = sheetObjects(tab);
    const hostile = visibleOpportunities(world).filter((o) => HOSTILE_NAMES.includes(o.name as string));
    expect(new Set(hostile.map((o) => o.name)).size).toBeGreaterThan(8);
    for (const o of hostile) {
      const row = rows.find((r) => r['Opportunity ID'] === o.id)!;
      expect(row.Name).toBe(o.name); // '=1+1', 'TRUE' and '0012345' stay text, byte for byte
    }
    // Phone numbers stay text (a leading zero or '+' survives).
    for (const o of upsertedOpportunities(world).slice(0, 50)) {
      const row = rows.find((r) => r['Opportunity ID'] === o.id)!;
      expect(row.Phones).toBe(((o.phones as Array<{ value: string }>) ?? []).map((p) => p.value).join(', '));
    }
  });

  it('cuts text longer than a cell holds, with a marker, instead of failing the write', () => {
    const world = connectedWorld({ sandbox: { seed: 4, opportunities: 60 } });
    const opp = upsertedOpportunities(world)[0];
    opp.headline = '=x'.repeat(30_000);
    const pipeline = saveJob(world, { object: 'opportunities', sheetName: 'Pipeline', fields: ['id', 'headline'] });
    const res = runToEnd(world, pipeline);
    expect(res[res.length - 1].status).toBe('ok');
    const cell = sheetObjects(world.host.spreadsheet.tab('Pipeline')).find((r) => r['Opportunity ID'] === opp.id)!.Headline as string;
    expect(cell.length).toBeLessThanOrEqual(50_000);
    expect(cell).toMatch(/cut: text longer than a sheet cell holds\]$/);
  });

  it('mirrors the tab as gzipped RFC 4180 CSV that reads back equal, formula-safe, with row count and SHA-256 logged', () => {
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 300 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['id', 'name', 'headline', 'createdAt'],
      mirror: { format: 'csv.gz', keep: 'latest' },
    });
    runToEnd(world, job);
    const files = copiesOf(world);
    expect(files.map((f) => f.name)).toEqual(['Pipeline.csv.gz']);
    const csv = gunzipSync(files[0].blob.raw()).toString('utf8');
    const records = parse(csv, { relax_column_count: false }) as string[][];
    const sheet = world.host.spreadsheet.tab('Pipeline')!.snapshot();
    expect(records).toHaveLength(sheet.length);
    records.slice(1).forEach((r, i) => {
      const row = sheet[i + 1];
      const name = String(row[1]);
      expect(r[1]).toBe(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
      expect(r[3]).toBe((row[3] as Date).toISOString());
    });
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    const last = log[log.length - 1];
    expect(last['Mirror file']).toBe('Pipeline.csv.gz');
    // Of the bytes stored (the .gz itself), so anyone can check the file they download.
    expect(last['Mirror SHA-256']).toBe(createHash('sha256').update(files[0].blob.raw()).digest('hex'));
    expect([last['Mirror rows'], last['Mirror bytes']]).toEqual([String(records.length - 1), String(files[0].blob.raw().length)]);

    // A second run replaces the latest file instead of piling up copies.
    runToEnd(world, job);
    expect(copiesOf(world).map((f) => f.name)).toEqual(['Pipeline.csv.gz']);
  });

  it('never shows the API key: not in sheets, files, emails, logs, errors or document properties', () => {
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 80 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      mirror: { format: 'csv', keep: 'history', retentionDays: 7 },
      schedule: { every: 'hour' },
    });
    runToEnd(world, job);
    world.sandbox.injectFaults([{ kind: 'status-500', from: 1, count: 1000 }]);
    world.host.runHours(2);
    world.sandbox.faults.clear();
    world.host.runHours(2);
    expect(world.host.outbox.length).toBeGreaterThan(0);
    expect(everythingVisible(world)).not.toContain(SANDBOX_KEY);
    expect(everythingVisible(world)).not.toContain(Buffer.from(`${SANDBOX_KEY}:`).toString('base64'));
    expect([...world.host.userProps.map.values()]).toContain(SANDBOX_KEY);
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  function snapshot(world: ReturnType<typeof connectedWorld>) {
    return JSON.stringify({
      sheets: world.host.spreadsheet.sheets.map((s) => [s.name, s.snapshot()]),
      files: copiesOf(world).map((f) => f.name),
      // A failure's own bookkeeping (its state's last run, the alert it mailed) is not what it must leave alone.
      props: [...documentStore(world)].filter(([k]) => !k.startsWith('state:') && !k.startsWith('alerted:')),
      states: [...documentStore(world)]
        .filter(([k]) => k.startsWith('state:'))
        .map(([k, v]) => [k, { ...JSON.parse(v), lastRun: null, lastAttemptAt: null, consecutiveFailures: 0 }]),
      triggers: world.host.triggers.map((t) => t.handler),
    });
  }

  it.each([
    [
      'unknown object',
      { object: 'candidates', sheetName: 'X' },
      /object: "candidates" is not a Lever object this add-on syncs. Choose one of opportunities/,
    ],
    [
      'unknown field',
      { object: 'opportunities', sheetName: 'X', fields: ['id', 'nmae'] },
      /fields\[1\]: "nmae" is not a field of opportunities/,
    ],
    ['missing sheet name', { object: 'opportunities' }, /sheetName: is missing/],
    [
      'impossible hour',
      { object: 'opportunities', sheetName: 'X', schedule: { every: 'day', hour: 25 } },
      /schedule.hour: must be a whole number from 0 to 23/,
    ],
    [
      'weekday on a daily schedule',
      { object: 'opportunities', sheetName: 'X', schedule: { every: 'day', weekday: 3 } },
      /schedule.weekday: does not apply/,
    ],
    [
      'once in the past',
      { object: 'opportunities', sheetName: 'X', schedule: { every: 'once', at: '2020-01-01T00:00:00Z' } },
      /schedule.at: is in the past/,
    ],
    ['unknown mode', { object: 'opportunities', sheetName: 'X', mode: 'merge' }, /mode: must be one of upsert, append, replace/],
    ['unknown setting', { object: 'opportunities', sheetName: 'X', shedule: {} }, /shedule: is not a setting/],
  ])('%s', (_name, input, message) => {
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 30 } });
    runToEnd(world, saveJob(world, { object: 'opportunities', sheetName: 'Pipeline', schedule: { every: 'hour' } }));
    const before = snapshot(world);
    const error = rpcErrorOf(() => world.host.call('saveJob', input));
    expect(error).toEqual({ code: 'CONFIG', message: expect.stringMatching(message), field: expect.any(String) });
    expect(error.message.startsWith(`${error.field}: `)).toBe(true);
    expect(snapshot(world)).toBe(before);
  });

  it('a wrong API key is refused before it is stored: the working key stays, nothing else changes', () => {
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 30 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'Pipeline', mirror: { format: 'csv', keep: 'latest' } });
    runToEnd(world, job);
    const before = snapshot(world);
    const lever = () => JSON.stringify([...world.host.userProps.map].filter(([k]) => k.startsWith('lever.')));
    const props = lever();
    const error = rpcErrorOf(() => world.host.call('saveConnection', { apiKey: 'sbx_wrong_key_0000000000000', environment: 'sandbox' }));
    expect(error.code).toBe('AUTH');
    expect(error.message).toMatch(
      /Lever did not accept the API key.*Nothing was changed: Lever Sync still uses your saved key ending 0e5c\./,
    );
    expect(lever()).toBe(props); // (the request the check made is counted in the quota ledger)
    expect(snapshot(world)).toBe(before);
    expect(runToEnd(world, job).pop()).toMatchObject({ status: 'ok' });
  });

  it('a key revoked in Lever: the run fails in plain words without touching the sheet, and the home screen says the key was refused', () => {
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 30 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'Pipeline', mirror: { format: 'csv', keep: 'latest' } });
    runToEnd(world, job);
    const before = snapshot(world);
    world.host.userProps.setProperty('lever.apiKey', 'sbx_revoked_key_000000000000'); // what Lever no longer accepts
    const progress = runToEnd(world, job);
    expect(progress[progress.length - 1]).toMatchObject({ done: true, status: 'failed', error: { code: 'AUTH' } });
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log[log.length - 1].Error).toMatch(/Lever did not accept the API key/);
    expect(world.host.call<SidebarState>('getSidebarState').connection).toMatchObject({ connected: true, status: 'rejected' });
    // Only the run log gained a row.
    const after = JSON.parse(snapshot(world));
    const was = JSON.parse(before);
    after.sheets = after.sheets.filter(([n]: [string]) => n !== 'Sync log');
    was.sheets = was.sheets.filter(([n]: [string]) => n !== 'Sync log');
    expect(after).toEqual(was);
    // A working key again: connected, and Disconnect forgets it.
    expect(world.host.call<{ status: string }>('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' }).status).toBe('connected');
    expect(world.host.call('disconnect')).toMatchObject({ connected: false, status: 'not connected', keyHint: null });
    expect([...world.host.userProps.map.keys()].filter((k) => k.startsWith('lever.'))).toEqual([]);
  });

  it('rejects a malformed key and environment before storing anything', () => {
    const world = createLocalWorld({ sandbox: { seed: 1, opportunities: 10 } });
    expect(() => world.host.call('saveConnection', { apiKey: '   ', environment: 'sandbox' })).toThrow(/apiKey: is empty/);
    expect(() => world.host.call('saveConnection', { apiKey: 'has spaces in it 123456', environment: 'sandbox' })).toThrow(
      /does not look like a Lever API key/,
    );
    expect(() => world.host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'staging' })).toThrow(
      /environment: must be production or sandbox/,
    );
    expect([...world.host.userProps.map.keys()]).toEqual([]);
  });

  it('a run without a saved key explains how to connect', () => {
    const world = createLocalWorld({ sandbox: { seed: 1, opportunities: 10 } });
    const job = world.host.call<{ id: string }>('saveJob', { object: 'opportunities', sheetName: 'Pipeline' });
    const p = world.host.call<{ status: string; error: { message: string } }>('runJobSlice', job.id);
    expect(p.status).toBe('failed');
    expect(p.error.message).toMatch(/connect to Lever first/);
    expect(world.host.spreadsheet.tab('Pipeline')).toBeUndefined();
  });

  it('refuses Date objects across google.script.run, as Apps Script does', () => {
    const world = createLocalWorld({ sandbox: { seed: 1, opportunities: 10 } });
    expect(() =>
      world.host.call('saveJob', { object: 'opportunities', sheetName: 'X', schedule: { every: 'once', at: new Date() } }),
    ).toThrow(ScriptError);
  });
});

describe('CSV history mirror', () => {
  it('keeps one file per run and prunes only this job’s files past their retention', () => {
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 30 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['id'],
      mirror: { format: 'csv', keep: 'history', retentionDays: 2 },
    });
    const other = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline 2',
      fields: ['id'],
      mirror: { format: 'csv', keep: 'history' },
    });
    runToEnd(world, other);
    for (let day = 0; day < 4; day++) {
      runToEnd(world, job);
      world.clock.advance(24 * 3600_000);
    }
    runToEnd(world, job);
    const names = copiesOf(world)
      .map((f) => f.name)
      .sort();
    expect(names.filter((n) => n.startsWith('Pipeline 2 '))).toHaveLength(1);
    // Runs on Nov 1..5 at 09:00; at the last run, files more than 2 days old (Nov 1..3) are gone.
    expect(names.filter((n) => /^Pipeline \d{4}-/.test(n))).toEqual([
      expect.stringMatching(/^Pipeline 2026-11-04T09-00-\d\dZ\.csv$/),
      expect.stringMatching(/^Pipeline 2026-11-05T09-00-\d\dZ\.csv$/),
    ]);
  });
});

describe('Excel mirror', () => {
  it('writes the tab as an .xlsx that Excel readers open: same cells, dates as dates, hostile text as text', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 150 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['id', 'name', 'createdAt', 'isAnonymized'],
      mirror: { format: 'xlsx', keep: 'latest' },
    });
    runToEnd(world, job);
    const file = copiesOf(world).find((f) => f.name === 'Pipeline.xlsx')!;
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.blob.raw()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Pipeline');
    const sheet = world.host.spreadsheet.tab('Pipeline')!.snapshot();
    expect(ws.rowCount).toBe(sheet.length);
    sheet.forEach((row, r) => {
      row.forEach((want, c) => {
        const got = ws.getRow(r + 1).getCell(c + 1).value;
        // Excel has no zones: a date holds the time the tab shows in the spreadsheet's zone.
        if (want instanceof Date) expect((got as Date).toISOString().slice(0, 16).replace('T', ' ')).toBe(wallClock(want, 'Europe/Lisbon'));
        else expect(got ?? '').toEqual(want);
      });
    });
    expect(sheet.some((r) => String(r[1]).startsWith('='))).toBe(true); // hostile names stayed text
  });
});

describe('huge input', () => {
  it('is never echoed back whole in an error', () => {
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 5 } });
    const huge = 'x'.repeat(1_000_000);
    for (const input of [
      { object: huge, sheetName: 'X' },
      { object: 'opportunities', sheetName: 'X', mode: huge },
      { object: 'opportunities', sheetName: 'X', fields: [huge] },
      { object: 'opportunities', sheetName: 'X', [huge]: 1 },
    ]) {
      const error = rpcErrorOf(() => world.host.call('saveJob', input));
      expect(error.code).toBe('CONFIG');
      expect(error.message.length).toBeLessThan(1000);
      expect((error.field ?? '').length).toBeLessThan(100);
    }
    expect(rpcErrorOf(() => world.host.call('runJobSlice', huge)).message.length).toBeLessThan(1000);
  });
});
